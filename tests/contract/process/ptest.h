/* Helpers for the process/thread/signal/timer/creds contract programs. */
#ifndef PTEST_H
#define PTEST_H
#include "contract.h"
#include <signal.h>
#include <sys/wait.h>
#include <sys/types.h>
#include <time.h>

static __attribute__((unused)) const char *sig_name(int s) {
  static char buf[32];
  switch (s) {
    case 0: return "0";
    case SIGHUP: return "SIGHUP"; case SIGINT: return "SIGINT"; case SIGQUIT: return "SIGQUIT";
    case SIGILL: return "SIGILL"; case SIGTRAP: return "SIGTRAP"; case SIGABRT: return "SIGABRT";
    case SIGBUS: return "SIGBUS"; case SIGFPE: return "SIGFPE"; case SIGKILL: return "SIGKILL";
    case SIGUSR1: return "SIGUSR1"; case SIGSEGV: return "SIGSEGV"; case SIGUSR2: return "SIGUSR2";
    case SIGPIPE: return "SIGPIPE"; case SIGALRM: return "SIGALRM"; case SIGTERM: return "SIGTERM";
    case SIGCHLD: return "SIGCHLD"; case SIGCONT: return "SIGCONT"; case SIGSTOP: return "SIGSTOP";
    case SIGTSTP: return "SIGTSTP"; case SIGTTIN: return "SIGTTIN"; case SIGTTOU: return "SIGTTOU";
    case SIGURG: return "SIGURG"; case SIGXCPU: return "SIGXCPU"; case SIGVTALRM: return "SIGVTALRM";
    case SIGPROF: return "SIGPROF"; case SIGWINCH: return "SIGWINCH"; case SIGSYS: return "SIGSYS";
  }
  if (s >= SIGRTMIN && s <= SIGRTMAX) { snprintf(buf, sizeof buf, "SIGRTMIN+%d", s - SIGRTMIN); return buf; }
  snprintf(buf, sizeof buf, "sig%d", s);
  return buf;
}

/* A wait status as text: "exit N", "signal SIGX", "stopped SIGX", "continued". */
static __attribute__((unused)) const char *status_str(int st) {
  static char buf[64];
  if (WIFEXITED(st)) snprintf(buf, sizeof buf, "exit %d", WEXITSTATUS(st));
  else if (WIFSIGNALED(st)) snprintf(buf, sizeof buf, "signal %s", sig_name(WTERMSIG(st)));
  else if (WIFSTOPPED(st)) snprintf(buf, sizeof buf, "stopped %s", sig_name(WSTOPSIG(st)));
  else if (WIFCONTINUED(st)) snprintf(buf, sizeof buf, "continued");
  else snprintf(buf, sizeof buf, "raw %#x", st);
  return buf;
}

static __attribute__((unused)) const char *cld_code(int c) {
  switch (c) {
    case CLD_EXITED: return "CLD_EXITED"; case CLD_KILLED: return "CLD_KILLED";
    case CLD_DUMPED: return "CLD_DUMPED"; case CLD_TRAPPED: return "CLD_TRAPPED";
    case CLD_STOPPED: return "CLD_STOPPED"; case CLD_CONTINUED: return "CLD_CONTINUED";
  }
  return "?";
}

static __attribute__((unused)) const char *si_code_name(int c) {
  static char buf[32];
  switch (c) {
    case SI_USER: return "SI_USER"; case SI_QUEUE: return "SI_QUEUE"; case SI_TIMER: return "SI_TIMER";
    case SI_TKILL: return "SI_TKILL"; case SI_KERNEL: return "SI_KERNEL"; case SI_MESGQ: return "SI_MESGQ";
    case SI_ASYNCIO: return "SI_ASYNCIO"; case SI_SIGIO: return "SI_SIGIO";
  }
  snprintf(buf, sizeof buf, "code%d", c);
  return buf;
}

/* waitpid that retries EINTR; prints "what: <status>" and checks it. */
static __attribute__((unused)) void expect_status(const char *what, pid_t pid, const char *want) {
  int st = 0;
  pid_t r;
  do r = waitpid(pid, &st, 0); while (r < 0 && errno == EINTR);
  if (r != pid) { printf("%s: waitpid %s\n", what, errno_name(errno)); fail("%s: waitpid failed", what); return; }
  const char *s = status_str(st);
  printf("%s: %s\n", what, s);
  if (strcmp(s, want) != 0) fail("%s: got %s, want %s", what, s, want);
}

/* Blocks until one byte arrives on fd (a "go" signal between processes). */
static __attribute__((unused)) int wait_byte(int fd) {
  char c;
  ssize_t n;
  do n = read(fd, &c, 1); while (n < 0 && errno == EINTR);
  return n == 1 ? c : -1;
}
static __attribute__((unused)) void send_byte(int fd, char c) {
  ssize_t n;
  do n = write(fd, &c, 1); while (n < 0 && errno == EINTR);
}

static __attribute__((unused)) long long now_ns(int clk) {
  struct timespec ts;
  clock_gettime(clk, &ts);
  return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Sets a handler (sa_flags given; SA_SIGINFO selects the 3-arg form). */
static __attribute__((unused)) int set_handler(int sig, void *fn, int flags) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  if (flags & SA_SIGINFO) sa.sa_sigaction = (void (*)(int, siginfo_t *, void *))fn;
  else sa.sa_handler = (void (*)(int))fn;
  sa.sa_flags = flags;
  sigemptyset(&sa.sa_mask);
  return sigaction(sig, &sa, NULL);
}

static __attribute__((unused)) void block_sig(int sig) {
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, sig);
  sigprocmask(SIG_BLOCK, &s, NULL);
}
static __attribute__((unused)) void unblock_sig(int sig) {
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, sig);
  sigprocmask(SIG_UNBLOCK, &s, NULL);
}
#endif
