#include "../process/ptest.h"
static volatile int hits;
static void h(int s) { (void)s; hits++; }
int main(void) {
  set_handler(SIGUSR1, h, 0);
  sigset_t s, o, p;
  sigemptyset(&s);
  sigaddset(&s, SIGUSR1);
  expect_ok("SIG_BLOCK", sigprocmask(SIG_BLOCK, &s, &o));
  check("old mask lacked SIGUSR1", !sigismember(&o, SIGUSR1));
  raise(SIGUSR1);
  expect_eq("blocked: handler not run", hits, 0);
  sigpending(&p);
  check("sigpending shows SIGUSR1", sigismember(&p, SIGUSR1));
  check("sigpending lacks SIGUSR2", !sigismember(&p, SIGUSR2));
  expect_ok("SIG_UNBLOCK", sigprocmask(SIG_UNBLOCK, &s, NULL));
  expect_eq("delivered on unblock", hits, 1);
  sigpending(&p);
  check("no longer pending", !sigismember(&p, SIGUSR1));
  /* SIGKILL and SIGSTOP cannot be blocked: silently dropped from the mask */
  sigfillset(&s);
  expect_ok("SIG_SETMASK full", sigprocmask(SIG_SETMASK, &s, NULL));
  sigprocmask(SIG_SETMASK, NULL, &o);
  check("mask lacks SIGKILL", !sigismember(&o, SIGKILL));
  check("mask lacks SIGSTOP", !sigismember(&o, SIGSTOP));
  check("mask has SIGTERM", sigismember(&o, SIGTERM));
  check("mask has SIGRTMAX", sigismember(&o, SIGRTMAX));
  /* raw syscall: the kernel's view */
  unsigned long k = ~0UL, ko = 0;
  expect_ok("rt_sigprocmask raw setmask all ones", syscall(SYS_rt_sigprocmask, SIG_SETMASK, &k, NULL, 8));
  syscall(SYS_rt_sigprocmask, SIG_SETMASK, NULL, &ko, 8);
  printf("raw mask: %#lx\n", ko);
  expect_err("rt_sigprocmask bad how", syscall(SYS_rt_sigprocmask, 7, &k, NULL, 8), EINVAL);
  expect_err("rt_sigprocmask sigsetsize 4", syscall(SYS_rt_sigprocmask, SIG_BLOCK, &k, NULL, 4), EINVAL);
  expect_err("rt_sigprocmask bad pointer", syscall(SYS_rt_sigprocmask, SIG_BLOCK, BAD_PTR, NULL, 8), EFAULT);
  expect_ok("rt_sigprocmask NULL set ignores bad how", syscall(SYS_rt_sigprocmask, 7, NULL, &ko, 8));
  expect_err("rt_sigpending sigsetsize 16", syscall(SYS_rt_sigpending, &ko, 16), EINVAL);
  /* a blocked SIGKILL still kills */
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) { sigset_t f; sigfillset(&f); sigprocmask(SIG_SETMASK, &f, NULL); raise(SIGKILL); _exit(1); }
  expect_status("child blocking everything, raise(SIGKILL)", c, "signal SIGKILL");
  c = fork();
  if (c == 0) { sigset_t f; sigfillset(&f); sigprocmask(SIG_SETMASK, &f, NULL); raise(SIGTERM); _exit(2); }
  expect_status("child blocking everything, raise(SIGTERM)", c, "exit 2");
  sigemptyset(&s);
  sigprocmask(SIG_SETMASK, &s, NULL);
  return contract_end("sigpending_mask");
}
