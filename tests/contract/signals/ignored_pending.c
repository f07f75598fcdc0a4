#include "../process/ptest.h"
static volatile int hits;
static void h(int s) { (void)s; hits++; }
int main(void) {
  sigset_t p;
  /* an ignored signal that is not blocked is discarded at once */
  signal(SIGUSR1, SIG_IGN);
  raise(SIGUSR1);
  sigpending(&p);
  check("ignored+unblocked: not pending", !sigismember(&p, SIGUSR1));
  /* a blocked signal is queued even when ignored */
  block_sig(SIGUSR1);
  raise(SIGUSR1);
  sigpending(&p);
  check("ignored+blocked: pending", sigismember(&p, SIGUSR1));
  /* installing a handler while it is pending: it runs on unblock */
  set_handler(SIGUSR1, h, 0);
  unblock_sig(SIGUSR1);
  expect_eq("handler ran for the signal sent while ignored", hits, 1);
  /* setting SIG_IGN discards a pending signal */
  block_sig(SIGUSR2);
  set_handler(SIGUSR2, h, 0);
  raise(SIGUSR2);
  signal(SIGUSR2, SIG_IGN);
  sigpending(&p);
  check("SIG_IGN flushes the pending signal", !sigismember(&p, SIGUSR2));
  set_handler(SIGUSR2, h, 0);
  unblock_sig(SIGUSR2);
  expect_eq("nothing delivered", hits, 1);
  /* default-ignored signals (SIGCHLD, SIGURG, SIGWINCH) are queued while blocked */
  block_sig(SIGWINCH);
  raise(SIGWINCH);
  sigpending(&p);
  check("SIG_DFL-ignored SIGWINCH blocked: pending", sigismember(&p, SIGWINCH));
  set_handler(SIGWINCH, h, 0);
  unblock_sig(SIGWINCH);
  expect_eq("and delivered once a handler exists", hits, 2);
  signal(SIGURG, SIG_DFL);
  raise(SIGURG);
  sigpending(&p);
  check("SIG_DFL-ignored SIGURG unblocked: dropped", !sigismember(&p, SIGURG));
  /* setting SIG_DFL on a default-ignored pending signal discards it too */
  block_sig(SIGURG);
  set_handler(SIGURG, h, 0);
  raise(SIGURG);
  signal(SIGURG, SIG_DFL);
  sigpending(&p);
  check("SIG_DFL of default-ignored flushes", !sigismember(&p, SIGURG));
  /* fork: the child starts with no pending signals but the same mask and dispositions */
  block_sig(SIGTERM);
  raise(SIGTERM);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    sigset_t cp, cm;
    sigpending(&cp);
    sigprocmask(SIG_BLOCK, NULL, &cm);
    struct sigaction sa;
    sigaction(SIGUSR2, NULL, &sa);
    _exit((!sigismember(&cp, SIGTERM) ? 1 : 0) | (sigismember(&cm, SIGTERM) ? 2 : 0) | (sa.sa_handler == h ? 4 : 0));
  }
  expect_status("child: no pending, same mask, same handler", c, "exit 7");
  return contract_end("ignored_pending");
}
