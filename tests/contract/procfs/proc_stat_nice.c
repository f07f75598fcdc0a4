#include "pf.h"
/* priority/nice fields follow setpriority. */
int main(void) {
  struct pf_stat s;
  expect_ok("setpriority 5", setpriority(PRIO_PROCESS, 0, 5));
  pf_stat(&s, "/proc/self/stat");
  expect_eq("priority", pf_fl(&s, 18), 25);
  expect_eq("nice", pf_fl(&s, 19), 5);
  expect_ok("setpriority 19", setpriority(PRIO_PROCESS, 0, 19));
  pf_stat(&s, "/proc/self/stat");
  expect_eq("priority 19", pf_fl(&s, 18), 39);
  expect_eq("nice 19", pf_fl(&s, 19), 19);
  expect_ok("setpriority -3 (root)", setpriority(PRIO_PROCESS, 0, -3));
  pf_stat(&s, "/proc/self/stat");
  expect_eq("priority -3", pf_fl(&s, 18), 17);
  expect_eq("nice -3", pf_fl(&s, 19), -3);
  fflush(stdout);
  int p[2]; pipe(p);
  pid_t c = fork();
  if (c == 0) { char b; read(p[0], &b, 1); _exit(0); }
  setpriority(PRIO_PROCESS, c, 7);
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/stat", c);
  pf_stat(&s, path);
  expect_eq("child nice", pf_fl(&s, 19), 7);
  expect_eq("child priority", pf_fl(&s, 18), 27);
  write(p[1], "x", 1);
  waitpid(c, NULL, 0);
  return contract_end("proc_stat_nice");
}
