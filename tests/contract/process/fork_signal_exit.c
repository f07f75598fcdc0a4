#include "ptest.h"
#include <sys/resource.h>
static void die_by(int sig, const char *want) {
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) {
    struct rlimit rl = {0, 0};
    setrlimit(RLIMIT_CORE, &rl);
    signal(sig, SIG_DFL);
    kill(getpid(), sig);
    if (sig == SIGCONT || sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH) _exit(7);
    _exit(99);
  }
  char what[64];
  snprintf(what, sizeof what, "default %s", sig_name(sig));
  expect_status(what, p, want);
}
static volatile long argc8 = 8;
int main(void) {
  die_by(SIGTERM, "signal SIGTERM");
  die_by(SIGKILL, "signal SIGKILL");
  die_by(SIGHUP, "signal SIGHUP");
  die_by(SIGUSR1, "signal SIGUSR1");
  die_by(SIGALRM, "signal SIGALRM");
  die_by(SIGPIPE, "signal SIGPIPE");
  die_by(SIGABRT, "signal SIGABRT");
  die_by(SIGQUIT, "signal SIGQUIT");
  die_by(SIGSEGV, "signal SIGSEGV");
  die_by(SIGCHLD, "exit 7");
  die_by(SIGURG, "exit 7");
  die_by(SIGWINCH, "exit 7");
  die_by(SIGCONT, "exit 7");
  /* abort() and a real fault */
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) { struct rlimit rl = {0, 0}; setrlimit(RLIMIT_CORE, &rl); abort(); }
  expect_status("abort()", p, "signal SIGABRT");
  fflush(stdout);
  p = fork();
  if (p == 0) { struct rlimit rl = {0, 0}; setrlimit(RLIMIT_CORE, &rl); *(volatile int *)(long)argc8 = 1; _exit(1); }
  expect_status("store to address 8", p, "signal SIGSEGV");
  /* killed by the parent while blocked in read */
  int fds[2];
  pipe(fds);
  fflush(stdout);
  p = fork();
  if (p == 0) { char c; close(fds[1]); read(fds[0], &c, 1); _exit(3); }
  kill(p, SIGINT);
  expect_status("SIGINT from parent", p, "signal SIGINT");
  close(fds[0]); close(fds[1]);
  return contract_end("fork_signal_exit");
}
