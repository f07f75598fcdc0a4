#include "../process/ptest.h"
static sigset_t inside;
static volatile int order[8], n;
static void h1(int s) {
  sigprocmask(SIG_BLOCK, NULL, &inside);
  order[n++] = s;
  raise(SIGUSR2); /* blocked by sa_mask: runs after we return */
  order[n++] = -s;
}
static void h2(int s) { order[n++] = s; }
int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = h1;
  sigemptyset(&sa.sa_mask);
  sigaddset(&sa.sa_mask, SIGUSR2);
  sigaddset(&sa.sa_mask, SIGKILL); /* silently ignored */
  sigaction(SIGUSR1, &sa, NULL);
  set_handler(SIGUSR2, h2, 0);
  block_sig(SIGHUP);
  raise(SIGUSR1);
  check("SIGUSR1 blocked inside", sigismember(&inside, SIGUSR1));
  check("SIGUSR2 (sa_mask) blocked inside", sigismember(&inside, SIGUSR2));
  check("SIGHUP (old mask) blocked inside", sigismember(&inside, SIGHUP));
  check("SIGKILL not blocked inside", !sigismember(&inside, SIGKILL));
  check("SIGTERM not blocked inside", !sigismember(&inside, SIGTERM));
  printf("order:");
  for (int i = 0; i < n; i++) printf(" %s%s", order[i] < 0 ? "end-" : "", sig_name(order[i] < 0 ? -order[i] : order[i]));
  printf("\n");
  sigset_t after;
  sigprocmask(SIG_BLOCK, NULL, &after);
  check("mask restored after return", !sigismember(&after, SIGUSR1) && !sigismember(&after, SIGUSR2) && sigismember(&after, SIGHUP));
  struct sigaction got;
  sigaction(SIGUSR1, NULL, &got);
  check("stored sa_mask has SIGUSR2", sigismember(&got.sa_mask, SIGUSR2));
  check("stored sa_mask lacks SIGKILL", !sigismember(&got.sa_mask, SIGKILL));
  /* sigaction errors */
  expect_err("sigaction SIGKILL", sigaction(SIGKILL, &sa, NULL), EINVAL);
  expect_err("sigaction SIGSTOP", sigaction(SIGSTOP, &sa, NULL), EINVAL);
  expect_ok("sigaction SIGKILL query only", sigaction(SIGKILL, NULL, &got));
  expect_err("sigaction 0", sigaction(0, &sa, NULL), EINVAL);
  expect_err("sigaction 65", syscall(SYS_rt_sigaction, 65, NULL, &got, 8), EINVAL);
  expect_err("rt_sigaction sigsetsize 4", syscall(SYS_rt_sigaction, SIGUSR1, NULL, &got, 4), EINVAL);
  signal(SIGKILL, SIG_IGN);
  printf("signal(SIGKILL, SIG_IGN): %s\n", errno_name(errno));
  return contract_end("sa_mask_handler");
}
