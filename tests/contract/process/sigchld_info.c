#include "ptest.h"
static void take(const char *what, pid_t p) {
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGCHLD);
  siginfo_t si;
  int r;
  do r = sigwaitinfo(&s, &si); while (r < 0 && errno == EINTR);
  printf("%s: %s code=%s status=%s pid_match=%s uid_match=%s\n", what, sig_name(r), cld_code(si.si_code),
         si.si_code == CLD_EXITED ? (char[8]){(char)('0' + si.si_status / 10), (char)('0' + si.si_status % 10), 0} : sig_name(si.si_status),
         si.si_pid == p ? "yes" : "no", si.si_uid == getuid() ? "yes" : "no");
}
int main(void) {
  block_sig(SIGCHLD);
  int fds[2];
  pipe(fds);
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) _exit(42);
  take("exit 42", p);
  waitpid(p, NULL, 0);
  fflush(stdout);
  p = fork();
  if (p == 0) { setpgid(0, 0); char c; close(fds[1]); while (read(fds[0], &c, 1) < 0) {} _exit(c); }
  setpgid(p, p);
  kill(p, SIGSTOP);
  take("stopped", p);
  int st;
  waitpid(p, &st, WUNTRACED);
  kill(p, SIGCONT);
  take("continued", p);
  waitpid(p, &st, WCONTINUED);
  kill(p, SIGTSTP);
  take("tstp", p);
  waitpid(p, &st, WUNTRACED);
  kill(p, SIGKILL);
  take("killed", p);
  waitpid(p, &st, 0);
  /* SA_NOCLDSTOP: no SIGCHLD for stop (and none for continue) */
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = SIG_DFL;
  sa.sa_flags = SA_NOCLDSTOP;
  sigaction(SIGCHLD, &sa, NULL);
  fflush(stdout);
  p = fork();
  if (p == 0) { setpgid(0, 0); char c; close(fds[1]); while (read(fds[0], &c, 1) < 0) {} _exit(c); }
  setpgid(p, p);
  kill(p, SIGSTOP);
  waitpid(p, &st, WUNTRACED);
  kill(p, SIGCONT);
  waitpid(p, &st, WCONTINUED);
  sigset_t pend;
  sigpending(&pend);
  check("SA_NOCLDSTOP: no SIGCHLD pending after stop/continue", !sigismember(&pend, SIGCHLD));
  write(fds[1], "\x07", 1);
  take("exit after NOCLDSTOP", p);
  waitpid(p, &st, 0);
  printf("status: %s\n", status_str(st));
  /* a handler with SA_SIGINFO gets the same */
  return contract_end("sigchld_info");
}
