#include "../process/ptest.h"
static siginfo_t last;
static volatile int hits;
static void h(int s, siginfo_t *si, void *u) { (void)s; (void)u; last = *si; hits++; }
static void show(const char *what, pid_t wantpid) {
  printf("%s: signo=%s code=%s pid_ok=%s uid_ok=%s\n", what, sig_name(last.si_signo), si_code_name(last.si_code),
         last.si_pid == wantpid ? "yes" : "no", last.si_uid == getuid() ? "yes" : "no");
}
int main(void) {
  set_handler(SIGUSR1, h, SA_SIGINFO);
  kill(getpid(), SIGUSR1);
  show("kill(self)", getpid());
  raise(SIGUSR1);
  show("raise", getpid());
  syscall(SYS_tgkill, getpid(), gettid(), SIGUSR1);
  show("tgkill", getpid());
  union sigval v = {.sival_int = 77};
  sigqueue(getpid(), SIGUSR1, v);
  show("sigqueue", getpid());
  expect_eq("si_value", last.si_value.sival_int, 77);
  block_sig(SIGUSR1);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) { kill(getppid(), SIGUSR1); _exit(0); }
  waitpid(c, NULL, 0);
  unblock_sig(SIGUSR1);
  show("kill from child", c);
  /* rt_sigqueueinfo to self with a custom code */
  siginfo_t si;
  memset(&si, 0, sizeof si);
  si.si_signo = SIGUSR1;
  si.si_code = -60;
  si.si_pid = 4242;
  si.si_uid = getuid();
  si.si_value.sival_int = 5;
  expect_ok("rt_sigqueueinfo self code -60", syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, &si));
  printf("custom: code=%d pid_passed_through=%s value=%d\n", last.si_code, last.si_pid == 4242 ? "yes" : "no", last.si_value.sival_int);
  expect_eq("handler calls", hits, 6);
  /* a SIGCHLD from a child's exit carries the child's pid and status */
  return contract_end("siginfo_kill");
}
