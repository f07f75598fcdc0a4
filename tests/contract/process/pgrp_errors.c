#include "ptest.h"
int main(int argc, char **argv) {
  if (argc > 1) { char c; write(5, "r", 1); read(0, &c, 1); return 0; }
  expect_err("setpgid negative pgid", setpgid(0, -1), EINVAL);
  expect_err("setpgid nonexistent pid", setpgid(999999, 0), ESRCH);
  expect_err("getpgid nonexistent", getpgid(999999), ESRCH);
  expect_err("getsid nonexistent", getsid(999999), ESRCH);
  check("getpgid(0) == getpgrp()", getpgid(0) == getpgrp());
  check("getsid(0) == getsid(getpid())", getsid(0) == getsid(getpid()));
  int fds[2];
  pipe(fds);
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) { char c; read(fds[0], &c, 1); _exit(0); }
  expect_ok("setpgid(child, child)", setpgid(p, p));
  check("getpgid(child) == child", getpgid(p) == p);
  expect_ok("setpgid(child, our group)", setpgid(p, getpgrp()));
  expect_err("setpgid(child, nonexistent group)", setpgid(p, 999999), EPERM);
  write(fds[1], "x", 1);
  waitpid(p, NULL, 0);
  /* child becomes session leader: it cannot change its group; we cannot move it */
  int back[2];
  pipe(back);
  fflush(stdout);
  p = fork();
  if (p == 0) {
    pid_t s = setsid();
    int r[4];
    r[0] = s == getpid();
    r[1] = getsid(0) == getpid() && getpgrp() == getpid();
    r[2] = setsid() < 0 ? errno : 0;
    r[3] = setpgid(0, 0) < 0 ? errno : 0; /* already leader of own group: allowed no-op? */
    write(back[1], r, sizeof r);
    char c;
    read(fds[0], &c, 1);
    _exit(0);
  }
  int r[4];
  read(back[0], r, sizeof r);
  check("setsid returns the new sid", r[0]);
  check("session and group ids are the pid", r[1]);
  printf("setsid again: %s\n", errno_name(r[2]));
  printf("session leader setpgid(0,0): %s\n", errno_name(r[3]));
  expect_err("setpgid on a child in another session", setpgid(p, p), EPERM);
  check("getsid(child) is the child", getsid(p) == p);
  write(fds[1], "x", 1);
  waitpid(p, NULL, 0);
  /* setpgid on a child after it exec'd: EACCES */
  int in[2], ready[2];
  pipe(in);
  pipe(ready);
  fflush(stdout);
  p = fork();
  if (p == 0) { dup2(in[0], 0); dup2(ready[1], 5); execl(argv[0], argv[0], "child", (char *)NULL); _exit(127); }
  close(ready[1]);
  char c;
  read(ready[0], &c, 1); /* written by the exec'd image */
  int rr = setpgid(p, p);
  expect_err("setpgid on an exec'd child", rr, EACCES);
  write(in[1], "x", 1);
  waitpid(p, NULL, 0);
  /* group leader cannot setsid */
  fflush(stdout);
  p = fork();
  if (p == 0) { setpgid(0, 0); _exit(setsid() < 0 && errno == EPERM ? 0 : 1); }
  expect_status("group leader setsid gives EPERM", p, "exit 0");
  expect_err("setpgid on pid 1 (not our child)", setpgid(1, 1), ESRCH);
  return contract_end("pgrp_errors");
}
