#include "ptest.h"
#include <sys/prctl.h>
int main(void) {
  int fds[2], back[2], m[2];
  pipe(fds);
  pipe(m);
  pipe(back);
  fflush(stdout);
  pid_t mid = fork();
  if (mid == 0) {
    pid_t me = getpid();
    pid_t g = fork();
    if (g == 0) {
      pid_t before = getppid();
      write(m[1], "b", 1); /* now the middle process may die */
      char c;
      read(fds[0], &c, 1); /* wait until the middle process has died */
      pid_t after = getppid();
      int v[2] = {before == me, after != me && after > 0};
      write(back[1], v, sizeof v);
      _exit(0);
    }
    char c;
    read(m[0], &c, 1);
    _exit(9);
  }
  expect_status("middle process", mid, "exit 9");
  write(fds[1], "x", 1);
  int v[2] = {0, 0};
  read(back[0], v, sizeof v);
  check("grandchild's parent was the middle process", v[0]);
  check("after it died the grandchild was reparented", v[1]);
  int st;
  expect_err("the orphan is not our child", waitpid(-1, &st, WNOHANG), ECHILD);
  return contract_end("orphan_reparent");
}
