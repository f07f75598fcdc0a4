/* rt_sigaction: set a handler with flags and a mask, read it back (also
 * via a NULL new action), SIG_IGN and SIG_DFL round trips, and the errors:
 * EINVAL (SIGKILL, SIGSTOP, signal 0 and 65, wrong sigsetsize), EFAULT.
 * Handlers are not invoked here; delivery is tested separately. */
#include <signal.h>
#include "contract.h"

/* The kernel's struct sigaction on both x86_64 and riscv64: handler,
 * flags, restorer (x86_64 only; riscv64 has none, so the mask follows
 * flags directly). */
struct ksigaction {
  void (*handler)(int);
  unsigned long flags;
#ifdef __x86_64__
  void (*restorer)(void);
#endif
  unsigned long mask;
};

static void handler(int sig) { (void)sig; }

int main(void) {
  struct sigaction sa, old;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = handler;
  sa.sa_flags = SA_RESTART | SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  sigaddset(&sa.sa_mask, SIGUSR2);
  sigaddset(&sa.sa_mask, SIGTERM);
  expect_ok("set SIGUSR1", sigaction(SIGUSR1, &sa, NULL));
  memset(&old, 0, sizeof old);
  expect_ok("read SIGUSR1", sigaction(SIGUSR1, NULL, &old));
  check("handler reads back", old.sa_handler == handler);
  check("SA_RESTART|SA_NODEFER read back", (old.sa_flags & (SA_RESTART | SA_NODEFER)) == (SA_RESTART | SA_NODEFER));
  check("SA_SIGINFO not set", (old.sa_flags & SA_SIGINFO) == 0);
  check("mask has SIGUSR2 and SIGTERM", sigismember(&old.sa_mask, SIGUSR2) && sigismember(&old.sa_mask, SIGTERM));
  check("mask lacks SIGINT", !sigismember(&old.sa_mask, SIGINT));
  sa.sa_handler = SIG_IGN;
  expect_ok("set SIGUSR1 ignored, get old", sigaction(SIGUSR1, &sa, &old));
  check("old is the handler", old.sa_handler == handler);
  expect_ok("read back", sigaction(SIGUSR1, NULL, &old));
  check("now SIG_IGN", old.sa_handler == SIG_IGN);
  expect_ok("initial SIGUSR2", sigaction(SIGUSR2, NULL, &old));
  check("SIGUSR2 default", old.sa_handler == SIG_DFL);
  struct ksigaction k;
  memset(&k, 0, sizeof k);
  k.handler = SIG_DFL;
  expect_ok("raw set SIGUSR1 SIG_DFL", syscall(SYS_rt_sigaction, SIGUSR1, &k, NULL, 8));
  expect_ok("raw read SIGUSR1", syscall(SYS_rt_sigaction, SIGUSR1, NULL, &k, 8));
  check("raw reads SIG_DFL", k.handler == SIG_DFL);
  expect_err("SIGKILL", syscall(SYS_rt_sigaction, SIGKILL, &k, NULL, 8), EINVAL);
  expect_err("SIGSTOP", syscall(SYS_rt_sigaction, SIGSTOP, &k, NULL, 8), EINVAL);
  expect_ok("read SIGKILL", syscall(SYS_rt_sigaction, SIGKILL, NULL, &k, 8));
  expect_err("signal 0", syscall(SYS_rt_sigaction, 0, NULL, &k, 8), EINVAL);
  expect_err("signal 65", syscall(SYS_rt_sigaction, 65, NULL, &k, 8), EINVAL);
  expect_err("sigsetsize 4", syscall(SYS_rt_sigaction, SIGUSR1, NULL, &k, 4), EINVAL);
  expect_err("bad new action", syscall(SYS_rt_sigaction, SIGUSR1, BAD_PTR, NULL, 8), EFAULT);
  expect_err("bad old action", syscall(SYS_rt_sigaction, SIGUSR1, NULL, BAD_PTR, 8), EFAULT);
  return contract_end("rt_sigaction");
}
