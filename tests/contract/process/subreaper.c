#include "ptest.h"
#include <sys/prctl.h>
int main(void) {
  int v = -1;
  expect_ok("PR_GET_CHILD_SUBREAPER", prctl(PR_GET_CHILD_SUBREAPER, &v, 0, 0, 0));
  expect_eq("initially", v, 0);
  expect_ok("PR_SET_CHILD_SUBREAPER", prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0));
  prctl(PR_GET_CHILD_SUBREAPER, &v, 0, 0, 0);
  expect_eq("now", v, 1);
  int fds[2], back[2];
  pipe(fds);
  pipe(back);
  fflush(stdout);
  pid_t mid = fork();
  if (mid == 0) {
    int cv = -1;
    prctl(PR_GET_CHILD_SUBREAPER, &cv, 0, 0, 0);
    pid_t g = fork();
    if (g == 0) {
      char c;
      read(fds[0], &c, 1);
      pid_t pp = getppid();
      write(back[1], &pp, sizeof pp);
      read(fds[0], &c, 1);
      _exit(33);
    }
    write(back[1], &g, sizeof g);
    _exit(cv == 0 ? 8 : 9); /* the flag is not inherited */
  }
  pid_t g;
  read(back[0], &g, sizeof g);
  expect_status("middle (flag not inherited)", mid, "exit 8");
  write(fds[1], "x", 1);
  pid_t pp;
  read(back[0], &pp, sizeof pp);
  check("orphan reparented to the subreaper", pp == getpid());
  int st;
  expect_eq("orphan alive: WNOHANG", waitpid(g, &st, WNOHANG), 0);
  write(fds[1], "y", 1);
  check("subreaper reaps the orphan", waitpid(g, &st, 0) == g);
  printf("orphan status: %s\n", status_str(st));
  expect_err("then ECHILD", waitpid(-1, &st, 0), ECHILD);
  return contract_end("subreaper");
}
