/* rt_sigprocmask: SIG_BLOCK/SIG_UNBLOCK/SIG_SETMASK read back, SIGKILL and
 * SIGSTOP are silently left out of the mask, and the errors: EINVAL (bad
 * how, wrong sigsetsize), EFAULT. */
#include <signal.h>
#include "contract.h"

static unsigned long bit(int sig) { return 1UL << (sig - 1); }

static unsigned long current(void) {
  unsigned long m = 0;
  syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &m, 8);
  return m;
}

int main(void) {
  unsigned long set = bit(SIGUSR1) | bit(SIGUSR2), old = 0;
  expect_ok("SIG_SETMASK empty", syscall(SYS_rt_sigprocmask, SIG_SETMASK, &old, NULL, 8));
  expect_ok("SIG_BLOCK USR1|USR2", syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, &old, 8));
  check("old mask was empty", old == 0);
  check("mask is USR1|USR2", current() == set);
  unsigned long un = bit(SIGUSR1);
  expect_ok("SIG_UNBLOCK USR1", syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &un, NULL, 8));
  check("mask is USR2", current() == bit(SIGUSR2));
  unsigned long killstop = bit(SIGKILL) | bit(SIGSTOP) | bit(SIGTERM);
  expect_ok("SIG_SETMASK KILL|STOP|TERM", syscall(SYS_rt_sigprocmask, SIG_SETMASK, &killstop, NULL, 8));
  check("KILL and STOP dropped", current() == bit(SIGTERM));
  unsigned long rt = 1UL << 63;
  expect_ok("block signal 64", syscall(SYS_rt_sigprocmask, SIG_BLOCK, &rt, NULL, 8));
  check("signal 64 blocked", (current() & rt) != 0);
  sigset_t s;
  expect_ok("glibc sigprocmask read", sigprocmask(SIG_BLOCK, NULL, &s));
  check("glibc sees SIGTERM", sigismember(&s, SIGTERM) == 1);
  expect_err("how 3", syscall(SYS_rt_sigprocmask, 3, &set, NULL, 8), EINVAL);
  expect_err("sigsetsize 4", syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 4), EINVAL);
  expect_err("bad set", syscall(SYS_rt_sigprocmask, SIG_BLOCK, BAD_PTR, NULL, 8), EFAULT);
  expect_err("bad old", syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, BAD_PTR, 8), EFAULT);
  expect_ok("how ignored without set", syscall(SYS_rt_sigprocmask, 3, NULL, &old, 8));
  return contract_end("rt_sigprocmask");
}
