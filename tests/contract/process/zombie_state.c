#include "ptest.h"
int main(void) {
  int fds[2];
  pipe(fds);
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) { close(fds[0]); _exit(3); } /* closing the write end on exit tells us it died */
  close(fds[1]);
  char c;
  expect_eq("EOF once the child has exited", read(fds[0], &c, 1), 0);
  /* a zombie still exists for kill and getpgid */
  expect_ok("kill(zombie, 0)", kill(p, 0));
  expect_ok("kill(zombie, SIGKILL) is accepted", kill(p, SIGKILL));
  check("getpgid(zombie)", getpgid(p) == getpgid(0));
  check("getsid(zombie)", getsid(p) == getsid(0));
  int st;
  check("reaping the zombie", waitpid(p, &st, 0) == p);
  printf("status (the late SIGKILL changes nothing): %s\n", status_str(st));
  expect_err("kill after reaping", kill(p, 0), ESRCH);
  expect_err("getpgid after reaping", getpgid(p), ESRCH);
  return contract_end("zombie_state");
}
