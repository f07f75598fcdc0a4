#include "pf.h"
/* pgrp/session/tty fields of a child after setsid, read by the parent. */
int main(void) {
  int go[2], ready[2];
  pipe(go); pipe(ready);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    setsid();
    write(ready[1], "x", 1);
    char b;
    read(go[0], &b, 1);
    _exit(0);
  }
  char b;
  read(ready[0], &b, 1);
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/stat", c);
  struct pf_stat s;
  check("stat read", pf_stat(&s, path));
  check("pid", pf_fl(&s, 1) == c);
  check("ppid is parent", pf_fl(&s, 4) == getpid());
  check("pgrp = child pid", pf_fl(&s, 5) == c);
  check("session = child pid", pf_fl(&s, 6) == c);
  expect_eq("tty_nr", pf_fl(&s, 7), 0);
  expect_eq("tpgid", pf_fl(&s, 8), -1);
  check("parent session differs", pf_fl(&s, 6) != getsid(0));
  static char buf[8192];
  snprintf(path, sizeof path, "/proc/%d/status", c);
  pf_read(path, buf, sizeof buf);
  check("NSsid = child", pf_keyl(buf, "NSsid") == c);
  check("NSpgid = child", pf_keyl(buf, "NSpgid") == c);
  check("PPid = parent", pf_keyl(buf, "PPid") == getpid());
  write(go[1], "x", 1);
  int st;
  waitpid(c, &st, 0);
  return contract_end("proc_stat_setsid");
}
