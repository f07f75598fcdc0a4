#include "ptest.h"
static void h(int s) { (void)s; }
static const char *disp(int sig) {
  struct sigaction sa;
  sigaction(sig, NULL, &sa);
  return sa.sa_handler == SIG_DFL ? "SIG_DFL" : sa.sa_handler == SIG_IGN ? "SIG_IGN" : "handler";
}
int main(int argc, char **argv) {
  if (argc > 1) {
    printf("after exec SIGUSR1 (had handler): %s\n", disp(SIGUSR1));
    printf("after exec SIGUSR2 (was ignored): %s\n", disp(SIGUSR2));
    printf("after exec SIGCHLD (was ignored): %s\n", disp(SIGCHLD));
    printf("after exec SIGINT (default): %s\n", disp(SIGINT));
    sigset_t m, p;
    sigprocmask(SIG_BLOCK, NULL, &m);
    printf("mask keeps SIGTERM: %s\n", sigismember(&m, SIGTERM) ? "yes" : "no");
    printf("mask keeps SIGRTMIN+2: %s\n", sigismember(&m, SIGRTMIN + 2) ? "yes" : "no");
    printf("mask has SIGUSR1: %s\n", sigismember(&m, SIGUSR1) ? "yes" : "no");
    sigpending(&p);
    printf("pending SIGTERM survives exec: %s\n", sigismember(&p, SIGTERM) ? "yes" : "no");
    stack_t ss;
    sigaltstack(NULL, &ss);
    printf("sigaltstack after exec disabled: %s\n", ss.ss_flags & SS_DISABLE ? "yes" : "no");
    siginfo_t si;
    sigset_t w;
    sigemptyset(&w);
    sigaddset(&w, SIGTERM);
    struct timespec z = {0, 0};
    int r = sigtimedwait(&w, &si, &z);
    printf("the pending SIGTERM is still queued: %s code=%s\n", sig_name(r), si_code_name(si.si_code));
    fflush(stdout);
    return 0;
  }
  set_handler(SIGUSR1, h, 0);
  signal(SIGUSR2, SIG_IGN);
  signal(SIGCHLD, SIG_IGN);
  block_sig(SIGTERM);
  block_sig(SIGRTMIN + 2);
  static char stk[65536];
  stack_t ss = {.ss_sp = stk, .ss_size = sizeof stk, .ss_flags = 0};
  sigaltstack(&ss, NULL);
  kill(getpid(), SIGTERM);
  signal(SIGCHLD, SIG_DFL); /* so we can wait; re-ignore in the child */
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) {
    signal(SIGCHLD, SIG_IGN);
    kill(getpid(), SIGTERM); /* pending signals are not inherited by fork */
    execl(argv[0], argv[0], "child", (char *)NULL);
    _exit(127);
  }
  expect_status("child", p, "exit 0");
  return contract_end("exec_signals");
}
