#include "../process/ptest.h"
static volatile int hits;
static volatile int blocked_inside;
static void h(int s) {
  hits++;
  sigset_t m;
  sigprocmask(SIG_BLOCK, NULL, &m);
  blocked_inside = sigismember(&m, s);
}
int main(void) {
  set_handler(SIGUSR1, h, SA_RESETHAND);
  raise(SIGUSR1);
  expect_eq("handler ran", hits, 1);
  /* the kernel does not add SA_NODEFER: the signal is blocked in the handler */
  expect_eq("signal blocked inside SA_RESETHAND handler", blocked_inside, 1);
  struct sigaction sa;
  sigaction(SIGUSR1, NULL, &sa);
  check("disposition reset to SIG_DFL", sa.sa_handler == SIG_DFL);
  check("sa_flags keep SA_RESETHAND", (sa.sa_flags & SA_RESETHAND) != 0);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) { set_handler(SIGUSR1, h, SA_RESETHAND); raise(SIGUSR1); raise(SIGUSR1); _exit(0); }
  expect_status("second signal takes the default action", c, "signal SIGUSR1");
  /* without SA_RESETHAND the handler stays */
  set_handler(SIGUSR2, h, 0);
  raise(SIGUSR2);
  raise(SIGUSR2);
  expect_eq("plain handler ran twice", hits, 3);
  expect_eq("plain handler: own signal blocked inside", blocked_inside, 1);
  /* SA_RESETHAND on SIGILL/SIGTRAP is still reset */
  set_handler(SIGTRAP, h, SA_RESETHAND);
  raise(SIGTRAP);
  sigaction(SIGTRAP, NULL, &sa);
  check("SIGTRAP reset too", sa.sa_handler == SIG_DFL);
  return contract_end("sa_resethand");
}
