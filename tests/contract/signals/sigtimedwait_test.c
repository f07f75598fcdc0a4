#include "../process/ptest.h"
int main(void) {
  sigset_t w;
  sigemptyset(&w);
  sigaddset(&w, SIGUSR1);
  sigaddset(&w, SIGRTMIN);
  sigprocmask(SIG_BLOCK, &w, NULL);
  siginfo_t si;
  struct timespec z = {0, 0};
  expect_err("nothing pending, zero timeout", sigtimedwait(&w, &si, &z), EAGAIN);
  struct timespec t = {0, 30000000};
  long long t0 = now_ns(CLOCK_MONOTONIC);
  expect_err("nothing pending, 30ms", sigtimedwait(&w, &si, &t), EAGAIN);
  check("waited at least 30ms", now_ns(CLOCK_MONOTONIC) - t0 >= 30000000);
  raise(SIGUSR1);
  int r = sigtimedwait(&w, &si, &z);
  printf("pending SIGUSR1: %s code=%s pid_ok=%s\n", sig_name(r), si_code_name(si.si_code), si.si_pid == getpid() ? "yes" : "no");
  union sigval v = {.sival_int = 9};
  sigqueue(getpid(), SIGRTMIN, v);
  raise(SIGUSR1);
  r = sigwaitinfo(&w, &si);
  printf("sigwaitinfo takes the lower first: %s\n", sig_name(r));
  r = sigwaitinfo(&w, &si);
  printf("then: %s value=%d code=%s\n", sig_name(r), si.si_value.sival_int, si_code_name(si.si_code));
  /* NULL info */
  raise(SIGUSR1);
  r = sigtimedwait(&w, NULL, &z);
  printf("NULL info: %s\n", sig_name(r));
  struct timespec bad = {0, 2000000000};
  expect_err("bad timeout", sigtimedwait(&w, &si, &bad), EINVAL);
  /* signals outside the set are not taken */
  block_sig(SIGUSR2);
  raise(SIGUSR2);
  expect_err("only SIGUSR2 pending (not in set)", sigtimedwait(&w, &si, &z), EAGAIN);
  sigset_t p;
  sigpending(&p);
  check("SIGUSR2 still pending", sigismember(&p, SIGUSR2));
  /* a signal sent by a child wakes a blocked sigwaitinfo */
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) { union sigval cv = {.sival_int = 31}; sigqueue(getppid(), SIGRTMIN, cv); _exit(0); }
  r = sigwaitinfo(&w, &si);
  printf("from child: %s value=%d pid_ok=%s\n", sig_name(r), si.si_value.sival_int, si.si_pid == c ? "yes" : "no");
  waitpid(c, NULL, 0);
  /* raw: sigsetsize must be 8 */
  unsigned long m = 1UL << (SIGUSR1 - 1);
  expect_err("rt_sigtimedwait sigsetsize 16", syscall(SYS_rt_sigtimedwait, &m, &si, &z, 16), EINVAL);
  /* waiting for SIGKILL is silently dropped from the set: nothing to wait for */
  sigset_t k;
  sigemptyset(&k);
  sigaddset(&k, SIGKILL);
  expect_err("set with only SIGKILL", sigtimedwait(&k, &si, &z), EAGAIN);
  return contract_end("sigtimedwait_test");
}
