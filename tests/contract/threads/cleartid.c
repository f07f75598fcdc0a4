#include "th.h"
#include <sched.h>
#include <sys/mman.h>
static volatile int ctid = -1;
static volatile int ptid = -1;
static int child_fn(void *a) {
  (void)a;
  /* only raw syscalls: this thread shares the parent's TLS pointer */
  syscall(SYS_exit, 0);
  return 0;
}
int main(void) {
  int t = syscall(SYS_set_tid_address, &ctid);
  check("set_tid_address returns tid", t == gettid());
  ctid = 7; /* nothing happens to it while we live */
  char *stk = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  int flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM |
              CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID;
  static volatile int ct = 0;
  int r = clone(child_fn, stk + 65536, flags, NULL, &ptid, NULL, &ct);
  check("clone thread", r > 0);
  check("parent tid written", ptid == r);
  /* wait for the kernel to clear ct and wake us */
  int v;
  int loops = 0;
  while ((v = ct) != 0) { futex((void *)&ct, FUTEX_WAIT, v, NULL, NULL, 0); loops++; }
  check("CLONE_CHILD_CLEARTID zeroed the tid on exit", ct == 0);
  check("thread tid differs from pid", r != getpid());
  /* pthread_join relies on the same mechanism */
  ctid = 0;
  int flags2 = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM | CLONE_CHILD_CLEARTID;
  static volatile int ct2 = 12345;
  r = clone(child_fn, stk + 65536, flags2, NULL, NULL, NULL, &ct2);
  while ((v = ct2) != 0) futex((void *)&ct2, FUTEX_WAIT, v, NULL, NULL, 0);
  check("second thread cleared its ctid (CLEARTID without SETTID)", ct2 == 0);
  /* a forked child's set_tid_address does not affect us */
  fflush(stdout);
  static volatile int mine = 55;
  pid_t p = fork();
  if (p == 0) { syscall(SYS_set_tid_address, &mine); _exit(0); }
  waitpid(p, NULL, 0);
  expect_eq("parent's copy untouched by child's clear", mine, 55);
  return contract_end("cleartid");
}
