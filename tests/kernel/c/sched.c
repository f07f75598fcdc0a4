/* Scheduling attributes (kernel/sys.c get/setpriority, kernel/sched/
 * syscalls.c). Process-group and per-user renicing happen only in a child
 * that made its own group and uid, so the host's processes are never
 * touched. Values that depend on the machine (CPU count, HZ, the fair
 * slice) are not printed. */
#include "kt.h"
#include <sched.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <time.h>

#ifndef SCHED_RESET_ON_FORK
#define SCHED_RESET_ON_FORK 0x40000000
#endif
#ifndef SCHED_DEADLINE
#define SCHED_DEADLINE 6
#endif

struct attr {
  uint32_t size, policy;
  uint64_t flags;
  int32_t nice;
  uint32_t priority;
  uint64_t runtime, deadline, period;
  uint32_t util_min, util_max;
  uint64_t extra[2];
};

static long prio(int which, int who) { return syscall(SYS_getpriority, which, who); }
static long setprio(int which, int who, int nice) { return syscall(SYS_setpriority, which, who, nice); }
static long setsched(pid_t pid, int policy, int p) {
  struct sched_param sp = { .sched_priority = p };
  return syscall(SYS_sched_setscheduler, pid, policy, &sp);
}
static long setattr(struct attr *a) { return syscall(SYS_sched_setattr, 0, a, 0); }
static long getattr(struct attr *a, unsigned size) { return syscall(SYS_sched_getattr, 0, a, size, 0); }

static void priorities(void) {
  pid_t dead = dead_pid();
  expect_eq("getpriority raw (20 - nice)", prio(PRIO_PROCESS, 0), 20);
  expect_ok("setpriority 5", setprio(PRIO_PROCESS, 0, 5));
  expect_eq("getpriority after nice 5", prio(PRIO_PROCESS, 0), 15);
  expect_eq("getpriority by pid", prio(PRIO_PROCESS, getpid()), 15);
  expect_ok("setpriority 100 (clamped)", setprio(PRIO_PROCESS, 0, 100));
  expect_eq("getpriority after nice 100", prio(PRIO_PROCESS, 0), 1);
  expect_ok("setpriority -30 as root (clamped)", setprio(PRIO_PROCESS, 0, -30));
  expect_eq("getpriority after nice -30", prio(PRIO_PROCESS, 0), 40);
  expect_ok("setpriority 0", setprio(PRIO_PROCESS, 0, 0));
  expect_err("setpriority which 3", setprio(3, 0, 0), EINVAL);
  expect_err("getpriority which -1", prio(-1, 0), EINVAL);
  expect_err("setpriority dead pid", setprio(PRIO_PROCESS, dead, 0), ESRCH);
  expect_err("getpriority dead pid", prio(PRIO_PROCESS, dead), ESRCH);
  expect_err("getpriority dead pgrp", prio(PRIO_PGRP, dead), ESRCH);
  expect_err("getpriority user without processes", prio(PRIO_USER, 54329), ESRCH);
  errno = 0;
  expect_eq("glibc getpriority", getpriority(PRIO_PROCESS, 0), 0);
}

static int gate[2];

/* A group of two processes renices together; getpriority reports the highest priority. */
static void pgrp_and_user(void) {
  setpgid(0, 0);
  if (pipe(gate) != 0) fail("pipe");
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    char b;
    close(gate[1]);
    read(gate[0], &b, 1);
    _exit(0);
  }
  expect_ok("setpriority PRIO_PGRP 7", setprio(PRIO_PGRP, 0, 7));
  expect_eq("child's nice via group", prio(PRIO_PROCESS, c), 13);
  expect_ok("setpriority child 3", setprio(PRIO_PROCESS, c, 3));
  expect_eq("getpriority PRIO_PGRP (best of 7 and 3)", prio(PRIO_PGRP, getpgid(0)), 17);
  expect_ok("setresuid 54321 for both", syscall(SYS_setresuid, 54321, 54321, 54321));
  expect_err("lower nice without privilege", setprio(PRIO_PROCESS, 0, 5), EACCES);
  expect_ok("raise nice without privilege", setprio(PRIO_PROCESS, 0, 10));
  expect_err("renice the root child", setprio(PRIO_PROCESS, c, 12), EPERM);
  expect_err("renice the parent", setprio(PRIO_PROCESS, getppid(), 12), EPERM);
  expect_eq("getpriority PRIO_USER 54321", prio(PRIO_USER, 54321), 10);
  expect_ok("setpriority PRIO_USER 0", setprio(PRIO_USER, 0, 12));
  expect_eq("getpriority PRIO_USER 0", prio(PRIO_USER, 0), 8);
  expect_eq("root child untouched", prio(PRIO_PROCESS, c), 17);
  expect_err("SCHED_FIFO without privilege", setsched(0, SCHED_FIFO, 1), EPERM);
  expect_ok("SCHED_BATCH without privilege", setsched(0, SCHED_BATCH, 0));
  expect_ok("SCHED_IDLE without privilege", setsched(0, SCHED_IDLE, 0));
  expect_err("leave SCHED_IDLE without RLIMIT_NICE room", setsched(0, SCHED_OTHER, 0), EPERM);
  expect_err("sched_setscheduler of the root child", setsched(c, SCHED_BATCH, 0), EPERM);
  expect_ok("sched_setaffinity self", ({ cpu_set_t s; CPU_ZERO(&s); CPU_SET(0, &s); sched_setaffinity(0, sizeof s, &s); }));
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(0, &one);
  expect_err("sched_setaffinity of the root child", sched_setaffinity(c, sizeof one, &one), EPERM);
  close(gate[0]);
  close(gate[1]);
  waitpid(c, NULL, 0);
}

static void policies(void) {
  struct sched_param sp = { 0 };
  struct timespec ts;
  expect_eq("sched_getscheduler", syscall(SYS_sched_getscheduler, 0), SCHED_OTHER);
  expect_ok("SCHED_FIFO 10", setsched(0, SCHED_FIFO, 10));
  expect_eq("policy", syscall(SYS_sched_getscheduler, 0), SCHED_FIFO);
  expect_ok("sched_getparam", syscall(SYS_sched_getparam, 0, &sp));
  expect_eq("priority", sp.sched_priority, 10);
  expect_eq("timer slack while real-time", prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0), 0);
  expect_ok("PR_SET_TIMERSLACK while real-time (ignored)", prctl(PR_SET_TIMERSLACK, 999, 0, 0, 0));
  expect_eq("timer slack still 0", prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0), 0);
  expect_ok("sched_rr_get_interval FIFO", syscall(SYS_sched_rr_get_interval, 0, &ts));
  printf("FIFO interval: %ld.%09ld\n", (long)ts.tv_sec, ts.tv_nsec);
  expect_ok("sched_setparam 20", ({ sp.sched_priority = 20; syscall(SYS_sched_setparam, 0, &sp); }));
  syscall(SYS_sched_getparam, 0, &sp);
  expect_eq("priority after setparam", sp.sched_priority, 20);
  expect_ok("SCHED_RR 30", setsched(0, SCHED_RR, 30));
  expect_ok("sched_rr_get_interval RR", syscall(SYS_sched_rr_get_interval, 0, &ts));
  printf("RR interval: %ld.%09ld\n", (long)ts.tv_sec, ts.tv_nsec);
  expect_err("sched_rr_get_interval bad ptr", syscall(SYS_sched_rr_get_interval, 0, BAD_PTR), EFAULT);
  expect_err("sched_rr_get_interval -1", syscall(SYS_sched_rr_get_interval, -1, &ts), EINVAL);
  expect_err("SCHED_FIFO 0", setsched(0, SCHED_FIFO, 0), EINVAL);
  expect_err("SCHED_FIFO 100", setsched(0, SCHED_FIFO, 100), EINVAL);
  expect_err("SCHED_FIFO -1", setsched(0, SCHED_FIFO, -1), EINVAL);
  expect_err("SCHED_OTHER 5", setsched(0, SCHED_OTHER, 5), EINVAL);
  expect_err("policy 4", setsched(0, 4, 0), EINVAL);
  expect_err("policy -1", setsched(0, -1, 0), EINVAL);
  expect_err("NULL param", syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, NULL), EINVAL);
  expect_err("bad param", syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, BAD_PTR), EFAULT);
  expect_err("pid -1", setsched(-1, SCHED_OTHER, 0), EINVAL);
  expect_err("dead pid", setsched(dead_pid(), SCHED_OTHER, 0), ESRCH);
  expect_ok("SCHED_OTHER", setsched(0, SCHED_OTHER, 0));
  syscall(SYS_sched_getparam, 0, &sp);
  expect_eq("priority back to 0", sp.sched_priority, 0);
  check("timer slack restored", prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0) > 0);
  expect_err("sched_setparam 5 on SCHED_OTHER", ({ sp.sched_priority = 5; syscall(SYS_sched_setparam, 0, &sp); }), EINVAL);
  expect_err("sched_getparam NULL", syscall(SYS_sched_getparam, 0, NULL), EINVAL);
  expect_err("sched_getparam bad ptr", syscall(SYS_sched_getparam, 0, BAD_PTR), EFAULT);
  expect_err("sched_getscheduler -1", syscall(SYS_sched_getscheduler, -1), EINVAL);
  expect_ok("SCHED_OTHER | SCHED_RESET_ON_FORK", setsched(0, SCHED_OTHER | SCHED_RESET_ON_FORK, 0));
  expect_eq("policy with reset-on-fork", syscall(SYS_sched_getscheduler, 0), SCHED_OTHER | SCHED_RESET_ON_FORK);
  expect_ok("clear reset-on-fork as root", setsched(0, SCHED_OTHER, 0));
  expect_eq("policy", syscall(SYS_sched_getscheduler, 0), SCHED_OTHER);
  expect_ok("SCHED_BATCH", setsched(0, SCHED_BATCH, 0));
  expect_ok("SCHED_IDLE", setsched(0, SCHED_IDLE, 0));
  expect_eq("policy idle", syscall(SYS_sched_getscheduler, 0), SCHED_IDLE);
  expect_ok("SCHED_OTHER from idle as root", setsched(0, SCHED_OTHER, 0));
  int policies[] = { SCHED_OTHER, SCHED_FIFO, SCHED_RR, SCHED_BATCH, 4, SCHED_IDLE, SCHED_DEADLINE, -1 };
  for (unsigned i = 0; i < sizeof policies / sizeof policies[0]; i++) {
    long mx = syscall(SYS_sched_get_priority_max, policies[i]);
    int emx = errno;
    long mn = syscall(SYS_sched_get_priority_min, policies[i]);
    int emn = errno;
    printf("policy %d: max %ld%s min %ld%s\n", policies[i], mx, mx < 0 ? errno_name(emx) : "", mn,
           mn < 0 ? errno_name(emn) : "");
  }
}

static void attrs(void) {
  struct attr a;
  memset(&a, 0, sizeof a);
  a.size = 48;
  a.policy = SCHED_OTHER;
  a.nice = 3;
  expect_ok("sched_setattr nice 3 (size 48)", setattr(&a));
  expect_eq("getpriority", prio(PRIO_PROCESS, 0), 17);
  memset(&a, 0, sizeof a);
  a.policy = SCHED_OTHER;
  a.nice = -50;
  expect_ok("sched_setattr size 0 (VER0), nice -50 clamped", setattr(&a));
  expect_eq("getpriority", prio(PRIO_PROCESS, 0), 40);
  a.size = 40;
  expect_err("sched_setattr size 40", setattr(&a), E2BIG);
  expect_eq("size written back", a.size, 56);
  a.size = 72;
  a.extra[1] = 1;
  expect_err("sched_setattr size 72, nonzero tail", setattr(&a), E2BIG);
  expect_eq("size written back", a.size, 56);
  a.size = 72;
  a.extra[1] = 0;
  a.nice = 0;
  expect_ok("sched_setattr size 72, zero tail", setattr(&a));
  a.size = 8192;
  expect_err("sched_setattr size 8192", setattr(&a), E2BIG);
  a.size = 56;
  expect_err("sched_setattr flags arg", syscall(SYS_sched_setattr, 0, &a, 1), EINVAL);
  expect_err("sched_setattr NULL", syscall(SYS_sched_setattr, 0, NULL, 0), EINVAL);
  expect_err("sched_setattr bad ptr", syscall(SYS_sched_setattr, 0, BAD_PTR, 0), EFAULT);
  a.flags = 0x80;
  expect_err("sched_setattr unknown flag", setattr(&a), EINVAL);
  a.flags = 0;
  a.policy = -2;
  expect_err("sched_setattr policy -2", setattr(&a), EINVAL);
  a.policy = SCHED_FIFO;
  a.priority = 42;
  a.flags = 1;
  expect_ok("sched_setattr FIFO 42 reset-on-fork", setattr(&a));
  memset(&a, 0xff, sizeof a);
  expect_ok("sched_getattr size 56", getattr(&a, 56));
  printf("attr: size %u policy %u flags %lu nice %d priority %u dl %lu %lu\n", a.size, a.policy,
         (unsigned long)a.flags, a.nice, a.priority, (unsigned long)a.deadline, (unsigned long)a.period);
  memset(&a, 0xff, sizeof a);
  expect_ok("sched_getattr size 48", getattr(&a, 48));
  printf("attr: size %u, bytes past 48 untouched: %s\n", a.size, a.util_min == 0xffffffffu ? "yes" : "no");
  memset(&a, 0xff, sizeof a);
  expect_ok("sched_getattr size 72", getattr(&a, 72));
  printf("attr: size %u\n", a.size);
  expect_err("sched_getattr size 47", getattr(&a, 47), EINVAL);
  expect_err("sched_getattr size 8192", getattr(&a, 8192), EINVAL);
  expect_err("sched_getattr flags 1", syscall(SYS_sched_getattr, 0, &a, 56, 1), EINVAL);
  expect_err("sched_getattr bad ptr", getattr(BAD_PTR, 56), EFAULT);
  expect_err("sched_getattr dead pid", syscall(SYS_sched_getattr, dead_pid(), &a, 56, 0), ESRCH);
  memset(&a, 0, sizeof a);
  a.size = 56;
  a.flags = 0x08 | 0x10; /* KEEP_POLICY | KEEP_PARAMS: nothing changes, reset-on-fork included */
  expect_ok("sched_setattr KEEP_ALL", setattr(&a));
  expect_eq("policy and reset-on-fork kept", syscall(SYS_sched_getscheduler, 0), SCHED_FIFO | SCHED_RESET_ON_FORK);
  memset(&a, 0, sizeof a);
  a.size = 56;
  a.policy = SCHED_OTHER;
  a.runtime = 5000000;
  expect_ok("SCHED_OTHER with a 5 ms slice", setattr(&a));
  memset(&a, 0, sizeof a);
  getattr(&a, 56);
  expect_eq("slice", a.runtime, 5000000);
  a.size = 56;
  a.runtime = 1;
  expect_ok("SCHED_OTHER with a 1 ns slice", setattr(&a));
  getattr(&a, 56);
  expect_eq("slice clamped to 0.1 ms", a.runtime, 100000);
  a.size = 56;
  a.runtime = 100000000;
  expect_ok("SCHED_OTHER with a 100 ms slice", setattr(&a));
  struct timespec ts;
  syscall(SYS_sched_rr_get_interval, 0, &ts);
  printf("interval with a 100 ms slice: %ld.%09ld\n", (long)ts.tv_sec, ts.tv_nsec);
  memset(&a, 0, sizeof a);
  a.size = 56;
  a.policy = SCHED_DEADLINE;
  a.runtime = 10000000;
  a.deadline = 5000000;
  a.period = 100000000;
  expect_err("SCHED_DEADLINE deadline < runtime", setattr(&a), EINVAL);
  a.deadline = 200000000;
  expect_err("SCHED_DEADLINE period < deadline", setattr(&a), EINVAL);
  a.deadline = 30000000;
  a.runtime = 100;
  expect_err("SCHED_DEADLINE runtime < 1024 ns", setattr(&a), EINVAL);
  a.runtime = 10000000;
  a.priority = 1;
  expect_err("SCHED_DEADLINE with a priority", setattr(&a), EINVAL);
  a.priority = 0;
  expect_ok("SCHED_DEADLINE 10/30/100 ms", setattr(&a));
  memset(&a, 0, sizeof a);
  getattr(&a, 56);
  printf("deadline attr: policy %u runtime %lu deadline %lu period %lu\n", a.policy, (unsigned long)a.runtime,
         (unsigned long)a.deadline, (unsigned long)a.period);
  memset(&a, 0, sizeof a);
  a.size = 56;
  a.policy = SCHED_OTHER;
  expect_ok("back to SCHED_OTHER", setattr(&a));
  memset(&a, 0, sizeof a);
  getattr(&a, 56);
  printf("attr: policy %u flags %lu nice %d priority %u\n", a.policy, (unsigned long)a.flags, a.nice, a.priority);
}

static void affinity(void) {
  unsigned char big[128];
  unsigned long mask = 0;
  expect_eq("sched_getaffinity 8 bytes", syscall(SYS_sched_getaffinity, 0, 8, &mask), 8);
  check("CPU 0 in the mask", mask & 1);
  expect_err("sched_getaffinity 4 bytes", syscall(SYS_sched_getaffinity, 0, 4, &mask), EINVAL);
  expect_err("sched_getaffinity 12 bytes", syscall(SYS_sched_getaffinity, 0, 12, &mask), EINVAL);
  expect_err("sched_getaffinity 0 bytes", syscall(SYS_sched_getaffinity, 0, 0, &mask), EINVAL);
  expect_err("sched_getaffinity bad ptr", syscall(SYS_sched_getaffinity, 0, 8, BAD_PTR), EFAULT);
  expect_err("sched_getaffinity dead pid", syscall(SYS_sched_getaffinity, dead_pid(), 8, &mask), ESRCH);
  mask = 1;
  expect_ok("sched_setaffinity CPU 0", syscall(SYS_sched_setaffinity, 0, 8, &mask));
  mask = 0;
  expect_err("sched_setaffinity empty", syscall(SYS_sched_setaffinity, 0, 8, &mask), EINVAL);
  memset(big, 0, sizeof big);
  big[127] = 0x80;
  expect_err("sched_setaffinity CPU 1023 only", syscall(SYS_sched_setaffinity, 0, sizeof big, big), EINVAL);
  expect_err("sched_setaffinity bad ptr", syscall(SYS_sched_setaffinity, 0, 8, BAD_PTR), EFAULT);
  expect_err("sched_setaffinity dead pid", syscall(SYS_sched_setaffinity, dead_pid(), 8, &mask), ESRCH);
  memset(big, 0xff, sizeof big);
  expect_ok("sched_setaffinity all", syscall(SYS_sched_setaffinity, 0, sizeof big, big));
  expect_ok("sched_yield", syscall(SYS_sched_yield));
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  priorities();
  in_child("process group and user", pgrp_and_user);
  policies();
  attrs();
  affinity();
  return contract_end("sched");
}
