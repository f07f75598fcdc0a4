#include "../process/ptest.h"
static volatile int hits;
static sigset_t inside;
static void h(int s) { (void)s; hits++; sigprocmask(SIG_BLOCK, NULL, &inside); }
int main(void) {
  set_handler(SIGUSR1, h, 0);
  block_sig(SIGUSR1);
  block_sig(SIGUSR2);
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) { kill(getppid(), SIGUSR1); _exit(0); }
  sigset_t wait_mask;
  sigemptyset(&wait_mask);
  sigaddset(&wait_mask, SIGUSR2);
  long r = sigsuspend(&wait_mask);
  printf("sigsuspend: %s\n", r < 0 ? errno_name(errno) : "returned");
  expect_eq("handler ran once", hits, 1);
  check("inside: the handler's mask includes the suspend mask (SIGUSR2)", sigismember(&inside, SIGUSR2));
  check("inside: SIGUSR1 blocked (its own handler)", sigismember(&inside, SIGUSR1));
  sigset_t after;
  sigprocmask(SIG_BLOCK, NULL, &after);
  check("old mask restored (SIGUSR1 blocked again)", sigismember(&after, SIGUSR1));
  waitpid(p, NULL, 0);
  /* already-pending signal: returns at once */
  raise(SIGUSR1);
  r = sigsuspend(&wait_mask);
  printf("sigsuspend with pending: %s, handler calls %d\n", r < 0 ? errno_name(errno) : "returned", hits);
  /* raw rt_sigsuspend errors */
  unsigned long m = 0;
  expect_err("rt_sigsuspend sigsetsize 4", syscall(SYS_rt_sigsuspend, &m, 4), EINVAL);
  expect_err("rt_sigsuspend bad pointer", syscall(SYS_rt_sigsuspend, BAD_PTR, 8), EFAULT);
  /* a signal with default action "terminate" ends the process inside sigsuspend */
  fflush(stdout);
  p = fork();
  if (p == 0) { sigset_t e; sigemptyset(&e); block_sig(SIGTERM); kill(getpid(), SIGTERM); sigsuspend(&e); _exit(1); }
  expect_status("SIGTERM during sigsuspend", p, "signal SIGTERM");
  /* an ignored signal does not wake sigsuspend; a handled one does */
  signal(SIGUSR2, SIG_IGN);
  fflush(stdout);
  p = fork();
  if (p == 0) { kill(getppid(), SIGUSR2); kill(getppid(), SIGUSR1); _exit(0); }
  sigemptyset(&wait_mask);
  r = sigsuspend(&wait_mask);
  printf("woken by the handled one: %s, calls %d\n", r < 0 ? errno_name(errno) : "returned", hits);
  waitpid(p, NULL, 0);
  return contract_end("sigsuspend_test");
}
