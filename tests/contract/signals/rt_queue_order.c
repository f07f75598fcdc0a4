#include "../process/ptest.h"
static volatile int sigs[64], vals[64], codes[64], n;
static void h(int s, siginfo_t *si, void *u) {
  (void)u;
  if (n < 64) { sigs[n] = s; vals[n] = si->si_value.sival_int; codes[n] = si->si_code; n++; }
}
int main(void) {
  int r1 = SIGRTMIN + 1, r0 = SIGRTMIN, rmax = SIGRTMAX;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = h;
  sa.sa_flags = SA_SIGINFO;
  sigfillset(&sa.sa_mask);
  sigaction(r0, &sa, NULL);
  sigaction(r1, &sa, NULL);
  sigaction(rmax, &sa, NULL);
  sigaction(SIGUSR1, &sa, NULL);
  sigset_t all, old;
  sigfillset(&all);
  sigprocmask(SIG_BLOCK, &all, &old);
  union sigval v;
  for (int i = 1; i <= 3; i++) { v.sival_int = 100 + i; sigqueue(getpid(), r1, v); }
  v.sival_int = 200; sigqueue(getpid(), rmax, v);
  for (int i = 1; i <= 2; i++) { v.sival_int = 300 + i; sigqueue(getpid(), r0, v); }
  v.sival_int = 400; sigqueue(getpid(), SIGUSR1, v);
  v.sival_int = 401; sigqueue(getpid(), SIGUSR1, v); /* standard: the second is dropped */
  raise(r0); /* an rt signal from tgkill: queued too */
  sigprocmask(SIG_SETMASK, &old, NULL);
  /* Linux dequeues the thread-directed queue (raise = tgkill) before the process-wide one
   * (kill, sigqueue), then lowest number first within each */
  expect_eq("deliveries", n, 8);
  for (int i = 0; i < n; i++)
    printf("%d: %s value=%d code=%s\n", i, sig_name(sigs[i]), codes[i] == SI_QUEUE ? vals[i] : 0, si_code_name(codes[i]));
  /* sigqueue with sig 0 probes; bad signal */
  expect_ok("sigqueue sig 0", sigqueue(getpid(), 0, v));
  expect_err("sigqueue sig 65", sigqueue(getpid(), 65, v), EINVAL);
  expect_err("sigqueue nonexistent pid", sigqueue(999999, SIGUSR1, v), ESRCH);
  /* many queued rt signals of one number, drained with sigtimedwait */
  sigprocmask(SIG_BLOCK, &all, NULL);
  for (int i = 0; i < 50; i++) { v.sival_int = i; sigqueue(getpid(), r1, v); }
  sigset_t w;
  sigemptyset(&w);
  sigaddset(&w, r1);
  struct timespec z = {0, 0};
  int cnt = 0, inorder = 1;
  siginfo_t si;
  while (sigtimedwait(&w, &si, &z) == r1) { if (si.si_value.sival_int != cnt) inorder = 0; cnt++; }
  expect_eq("50 queued instances drained", cnt, 50);
  check("in FIFO order", inorder);
  return contract_end("rt_queue_order");
}
