#include "../process/ptest.h"
int main(void) {
  int fds[2], ready[2];
  pipe(fds);
  pipe(ready);
  pid_t kids[3];
  fflush(stdout);
  for (int i = 0; i < 3; i++) {
    kids[i] = fork();
    if (kids[i] == 0) {
      setpgid(0, i == 0 ? 0 : kids[0]);
      write(ready[1], "r", 1);
      char c;
      read(fds[0], &c, 1);
      _exit(0);
    }
    setpgid(kids[i], kids[0]);
  }
  for (int i = 0; i < 3; i++) wait_byte(ready[0]);
  check("all three in one group", getpgid(kids[1]) == kids[0] && getpgid(kids[2]) == kids[0]);
  expect_ok("kill(-pgid, 0)", kill(-kids[0], 0));
  expect_ok("kill(-pgid, SIGTERM)", kill(-kids[0], SIGTERM));
  for (int i = 0; i < 3; i++) {
    char w[32];
    snprintf(w, sizeof w, "member %d", i);
    expect_status(w, kids[i], "signal SIGTERM");
  }
  expect_err("kill(-pgid) of an empty group", kill(-kids[0], SIGTERM), ESRCH);
  expect_err("killpg nonexistent", killpg(999999, SIGTERM), ESRCH);
  expect_err("kill bad signal", kill(getpid(), 100), EINVAL);
  expect_err("kill -pgid bad signal", kill(-getpgrp(), -1), EINVAL);
  /* kill(0, sig) signals our own group, including us */
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    setpgid(0, 0);
    signal(SIGUSR1, SIG_IGN); /* the sender is in the group too */
    pid_t gc = fork();
    if (gc == 0) { char ch; read(fds[0], &ch, 1); _exit(0); }
    setpgid(gc, getpid());
    kill(0, SIGUSR2);
    int st;
    waitpid(gc, &st, 0);
    _exit(WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR2 ? 5 : 6);
  }
  expect_status("kill(0) reaches the group and the sender", c, "signal SIGUSR2");
  return contract_end("kill_pgid");
}
