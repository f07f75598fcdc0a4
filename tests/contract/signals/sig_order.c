#include "../process/ptest.h"
static volatile int order[32], n;
static void h(int s) { if (n < 32) order[n++] = s; }
int main(void) {
  int sigs[] = {SIGTERM, SIGUSR2, SIGHUP, SIGUSR1, SIGALRM, SIGINT, SIGWINCH, SIGCHLD};
  sigset_t all, old;
  sigfillset(&all);
  sigprocmask(SIG_BLOCK, &all, &old);
  for (int i = 0; i < 8; i++) set_handler(sigs[i], h, 0);
  for (int i = 0; i < 8; i++) kill(getpid(), sigs[i]);
  kill(getpid(), SIGUSR1); /* a standard signal already pending is not queued twice */
  sigset_t p;
  sigpending(&p);
  int np = 0;
  for (int s = 1; s < 32; s++) np += sigismember(&p, s);
  expect_eq("pending standard signals", np, 8);
  /* unblock everything at once: each handler blocks only its own signal, so Linux sets up
   * one frame per pending signal, lowest number first, before any handler runs: the
   * handlers then run in the reverse order (the last frame set up runs first) */
  sigprocmask(SIG_SETMASK, &old, NULL);
  printf("delivery order:");
  for (int i = 0; i < n; i++) printf(" %s", sig_name(order[i]));
  printf("\n");
  expect_eq("deliveries", n, 8);
  /* each handler blocking all others: one frame at a time, strictly ascending */
  n = 0;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = h;
  sigfillset(&sa.sa_mask);
  for (int i = 0; i < 8; i++) sigaction(sigs[i], &sa, NULL);
  sigprocmask(SIG_BLOCK, &all, NULL);
  for (int i = 7; i >= 0; i--) raise(sigs[i]);
  sigprocmask(SIG_SETMASK, &old, NULL);
  printf("delivery order with full sa_mask:");
  for (int i = 0; i < n; i++) printf(" %s", sig_name(order[i]));
  printf("\n");
  return contract_end("sig_order");
}
