#include "ptest.h"
static void show(const char *what, siginfo_t *si, pid_t p) {
  printf("%s: signo=%s code=%s status=%d pid_match=%s\n", what, sig_name(si->si_signo), cld_code(si->si_code),
         si->si_status, si->si_pid == p ? "yes" : "no");
}
int main(void) {
  siginfo_t si;
  expect_err("waitid no children", waitid(P_ALL, 0, &si, WEXITED), ECHILD);
  expect_err("waitid options 0", waitid(P_ALL, 0, &si, 0), EINVAL);
  expect_err("waitid bad idtype", waitid((idtype_t)42, 0, &si, WEXITED), EINVAL);
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) _exit(17);
  memset(&si, 0, sizeof si);
  check("waitid WNOWAIT", waitid(P_PID, p, &si, WEXITED | WNOWAIT) == 0);
  show("WNOWAIT", &si, p);
  memset(&si, 0, sizeof si);
  check("waitid again reaps", waitid(P_PID, p, &si, WEXITED) == 0);
  show("reaped", &si, p);
  expect_err("third waitid", waitid(P_PID, p, &si, WEXITED), ECHILD);
  int fds[2];
  pipe(fds);
  fflush(stdout);
  p = fork();
  if (p == 0) { char c; close(fds[1]); read(fds[0], &c, 1); _exit(3); }
  memset(&si, 0xaa, sizeof si);
  check("WNOHANG nothing ready returns 0", waitid(P_ALL, 0, &si, WEXITED | WNOHANG) == 0);
  expect_eq("si_pid zeroed", si.si_pid, 0);
  expect_eq("si_signo zeroed", si.si_signo, 0);
  write(fds[1], "x", 1);
  memset(&si, 0, sizeof si);
  check("P_ALL waits", waitid(P_ALL, 0, &si, WEXITED) == 0);
  show("P_ALL", &si, p);
  /* P_PGID */
  fflush(stdout);
  p = fork();
  if (p == 0) { setpgid(0, 0); char c; read(fds[0], &c, 1); kill(getpid(), SIGTERM); _exit(1); }
  setpgid(p, p);
  memset(&si, 0, sizeof si);
  expect_err("P_PGID of own group (no child there)", waitid(P_PGID, getpgid(0), &si, WEXITED | WNOHANG), ECHILD);
  write(fds[1], "x", 1);
  check("P_PGID child group", waitid(P_PGID, p, &si, WEXITED) == 0);
  show("P_PGID killed", &si, p);
  expect_err("P_PID nonexistent", waitid(P_PID, 999999, &si, WEXITED), ECHILD);
  /* waitid WEXITED does not report a stop; WSTOPPED does */
  fflush(stdout);
  p = fork();
  if (p == 0) { raise(SIGSTOP); char c; read(fds[0], &c, 1); _exit(8); } /* exits only when told */
  memset(&si, 0, sizeof si);
  check("WSTOPPED", waitid(P_PID, p, &si, WSTOPPED) == 0);
  show("stopped", &si, p);
  memset(&si, 0, sizeof si);
  check("WEXITED|WNOHANG while stopped", waitid(P_PID, p, &si, WEXITED | WNOHANG) == 0 && si.si_pid == 0);
  kill(p, SIGCONT);
  memset(&si, 0, sizeof si);
  check("WCONTINUED", waitid(P_PID, p, &si, WCONTINUED) == 0);
  show("continued", &si, p);
  write(fds[1], "x", 1);
  memset(&si, 0, sizeof si);
  check("WEXITED", waitid(P_PID, p, &si, WEXITED) == 0);
  show("exited", &si, p);
  return contract_end("waitid_basic");
}
