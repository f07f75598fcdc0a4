#include "ptest.h"
#include <sched.h>
#include <stdint.h>
struct cl3 {
  uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid, set_tid_size, cgroup;
};
int main(void) {
  struct cl3 a;
  memset(&a, 0, sizeof a);
  a.exit_signal = SIGCHLD;
  fflush(stdout);
  long p = syscall(SYS_clone3, &a, 64);
  if (p == 0) syscall(SYS_exit_group, 21);
  check("clone3 returned a pid", p > 0);
  expect_status("clone3 child", p, "exit 21");
  /* CLONE_PARENT_SETTID stores the child's tid in the parent */
  int ptid = 0;
  memset(&a, 0, sizeof a);
  a.exit_signal = SIGCHLD;
  a.flags = CLONE_PARENT_SETTID;
  a.parent_tid = (uintptr_t)&ptid;
  fflush(stdout);
  p = syscall(SYS_clone3, &a, 64);
  if (p == 0) syscall(SYS_exit_group, 22);
  check("parent_tid written", ptid == p);
  expect_status("clone3 SETTID child", p, "exit 22");
  memset(&a, 0, sizeof a);
  a.exit_signal = SIGCHLD;
  expect_err("clone3 size 8", syscall(SYS_clone3, &a, 8), EINVAL);
  expect_err("clone3 bad pointer", syscall(SYS_clone3, BAD_PTR, 64), EFAULT);
  a.exit_signal = 200;
  expect_err("clone3 exit_signal 200", syscall(SYS_clone3, &a, 64), EINVAL);
  a.exit_signal = SIGCHLD;
  a.flags = CLONE_THREAD;
  expect_err("clone3 CLONE_THREAD alone", syscall(SYS_clone3, &a, 64), EINVAL);
  a.flags = 0;
  a.stack_size = 4096;
  expect_err("clone3 stack_size without stack", syscall(SYS_clone3, &a, 64), EINVAL);
  /* a larger struct with nonzero trailing bytes is E2BIG; zero is fine */
  char big[128];
  memset(big, 0, sizeof big);
  memcpy(big, &a, sizeof a);
  ((struct cl3 *)big)->stack_size = 0;
  big[100] = 1;
  long r = syscall(SYS_clone3, big, sizeof big);
  printf("clone3 nonzero tail: %s\n", r < 0 && errno == E2BIG ? "E2BIG" : errno_name(r < 0 ? errno : 0));
  if (!(r < 0 && errno == E2BIG)) fail("clone3 nonzero tail");
  if (r == 0) syscall(SYS_exit_group, 0);
  big[100] = 0;
  fflush(stdout);
  r = syscall(SYS_clone3, big, sizeof big);
  if (r == 0) syscall(SYS_exit_group, 23);
  expect_status("clone3 zero tail child", r, "exit 23");
  return contract_end("clone3_basic");
}
