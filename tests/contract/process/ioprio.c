/* ioprio_get/ioprio_set (block/ioprio.c): the I/O class and level of a
 * process (psutil's Process.ionice() asks for it). Default, round trips,
 * the nice-derived level of class NONE, validation, inheritance on fork. */
#include "ptest.h"
#include <sys/resource.h>
#include <sys/syscall.h>

#define CLASS_SHIFT 13
#define PRIO(c, d) (((c) << CLASS_SHIFT) | (d))
enum { CLASS_NONE, CLASS_RT, CLASS_BE, CLASS_IDLE };
enum { WHO_PROCESS = 1, WHO_PGRP, WHO_USER };

static long get(int which, int who) { return syscall(SYS_ioprio_get, which, who); }
static long set(int which, int who, int prio) { return syscall(SYS_ioprio_set, which, who, prio); }

static void show(const char *what, long v) {
  if (v < 0) printf("%s: %s\n", what, errno_name(errno));
  else printf("%s: class %ld level %ld\n", what, v >> CLASS_SHIFT, v & 7);
}

/* The process-group view: the group's value is the best (lowest) of its members'. */
static int pgrp_part(void) {
  expect_ok("setpgid", setpgid(0, 0));
  show("pgrp alone", get(WHO_PGRP, 0));
  int go[2], done[2];
  if (pipe(go) || pipe(done)) return 1;
  fflush(stdout);
  pid_t m = fork();
  if (m == 0) {
    set(WHO_PROCESS, 0, PRIO(CLASS_BE, 2));
    char b = 1;
    write(done[1], &b, 1);
    read(go[0], &b, 1);
    _exit(0);
  }
  wait_byte(done[0]);
  /* ioprio_best: BE 2 is lower than IDLE */
  show("pgrp with BE 2 member", get(WHO_PGRP, 0));
  show("member by pid", get(WHO_PROCESS, m));
  write(go[1], "x", 1);
  expect_status("member", m, "exit 0");
  fflush(stdout);
  return contract_failed;
}

int main(void) {
  show("default", get(WHO_PROCESS, 0));
  show("default by pid", get(WHO_PROCESS, getpid()));
  expect_ok("set BE 3", set(WHO_PROCESS, 0, PRIO(CLASS_BE, 3)));
  show("after BE 3", get(WHO_PROCESS, 0));
  expect_ok("set IDLE", set(WHO_PROCESS, getpid(), PRIO(CLASS_IDLE, 0)));
  show("after IDLE", get(WHO_PROCESS, 0));
  /* In a child (never a session leader) alone in a new process group. */
  fflush(stdout);
  pid_t g = fork();
  if (g == 0) _exit(pgrp_part());
  expect_status("pgrp part", g, "exit 0");
  show("user unknown", get(WHO_USER, 54321));
  expect_ok("set BE 7", set(WHO_PROCESS, 0, PRIO(CLASS_BE, 7)));
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    long v = get(WHO_PROCESS, 0);
    _exit(v == PRIO(CLASS_BE, 7) ? 0 : 1);
  }
  expect_status("child inherits BE 7", c, "exit 0");
  expect_ok("set NONE 0", set(WHO_PROCESS, 0, PRIO(CLASS_NONE, 0)));
  show("after NONE", get(WHO_PROCESS, 0));
  expect_ok("nice 10", setpriority(PRIO_PROCESS, 0, 10));
  show("NONE at nice 10", get(WHO_PROCESS, 0));
  expect_err("set NONE 1", set(WHO_PROCESS, 0, PRIO(CLASS_NONE, 1)), EINVAL);
  expect_err("set class 4", set(WHO_PROCESS, 0, PRIO(4, 0)), EINVAL);
  expect_err("set class 7", set(WHO_PROCESS, 0, PRIO(7, 0)), EINVAL);
  /* the class is 3 bits: 1<<16 is class NONE, level 0 */
  expect_ok("set BE 5", set(WHO_PROCESS, 0, PRIO(CLASS_BE, 5)));
  expect_ok("set 1<<16", set(WHO_PROCESS, 0, 1 << 16));
  show("after 1<<16", get(WHO_PROCESS, 0));
  expect_err("set which 0", set(0, 0, PRIO(CLASS_BE, 4)), EINVAL);
  expect_err("set which 4", set(4, 0, PRIO(CLASS_BE, 4)), EINVAL);
  expect_err("get which 0", get(0, 0), EINVAL);
  expect_err("get which 4", get(4, 0), EINVAL);
  expect_err("get no such pid", get(WHO_PROCESS, 999999), ESRCH);
  expect_err("set no such pid", set(WHO_PROCESS, 999999, PRIO(CLASS_BE, 4)), ESRCH);
  expect_err("get no such pgrp", get(WHO_PGRP, 999999), ESRCH);
  return contract_end("ioprio");
}
