#include "ptest.h"
#include <sys/prctl.h>
int main(void) {
  prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); /* so we can reap the grandchild */
  int ready[2], gpid[2];
  pipe(ready);
  pipe(gpid);
  fflush(stdout);
  pid_t mid = fork();
  if (mid == 0) {
    pid_t me = getpid();
    pid_t g = fork();
    if (g == 0) {
      prctl(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0);
      if (getppid() != me) _exit(50); /* parent died before we armed it: cannot happen, it waits */
      write(ready[1], "r", 1);
      for (;;) pause();
    }
    write(gpid[1], &g, sizeof g);
    wait_byte(ready[0]);
    _exit(0);
  }
  pid_t g;
  read(gpid[0], &g, sizeof g);
  expect_status("middle exits", mid, "exit 0");
  expect_status("grandchild killed by its parent-death signal", g, "signal SIGUSR1");
  /* an ignored parent-death signal arrives but does nothing */
  fflush(stdout);
  mid = fork();
  if (mid == 0) {
    pid_t me = getpid();
    pid_t g2 = fork();
    if (g2 == 0) {
      signal(SIGTERM, SIG_IGN);
      prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
      write(ready[1], "r", 1);
      struct timespec ts = {0, 1000000};
      while (getppid() == me) nanosleep(&ts, NULL); /* until reparented */
      _exit(7);
    }
    write(gpid[1], &g2, sizeof g2);
    wait_byte(ready[0]);
    _exit(0);
  }
  read(gpid[0], &g, sizeof g);
  expect_status("middle exits", mid, "exit 0");
  expect_status("grandchild ignoring it survives", g, "exit 7");
  return contract_end("pdeathsig");
}
