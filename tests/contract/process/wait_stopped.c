#include "ptest.h"
int main(void) {
  int fds[2];
  pipe(fds);
  fflush(stdout);
  pid_t p = fork();
  /* its own process group, whose parent (us) is in another group of the same
   * session, so the group is not orphaned and SIGTSTP really stops it */
  if (p == 0) { setpgid(0, 0); char c; close(fds[1]); while (read(fds[0], &c, 1) < 0) {} _exit(c); }
  setpgid(p, p);
  int st;
  kill(p, SIGSTOP);
  check("WUNTRACED sees the stop", waitpid(p, &st, WUNTRACED) == p);
  printf("status: %s\n", status_str(st));
  expect_eq("stop reported once", waitpid(p, &st, WUNTRACED | WNOHANG), 0);
  expect_eq("no WCONTINUED yet", waitpid(p, &st, WCONTINUED | WNOHANG), 0);
  kill(p, SIGCONT);
  check("WCONTINUED sees continue", waitpid(p, &st, WCONTINUED) == p);
  printf("status: %s\n", status_str(st));
  check("WIFCONTINUED", WIFCONTINUED(st));
  expect_eq("continue reported once", waitpid(p, &st, WCONTINUED | WNOHANG), 0);
  /* SIGTSTP default action stops */
  kill(p, SIGTSTP);
  check("SIGTSTP stops", waitpid(p, &st, WUNTRACED) == p);
  printf("status: %s\n", status_str(st));
  kill(p, SIGTTIN);
  kill(p, SIGCONT);
  check("continue after TSTP", waitpid(p, &st, WCONTINUED) == p);
  printf("status: %s\n", status_str(st));
  /* stopped twice then killed while stopped */
  kill(p, SIGSTOP);
  waitpid(p, &st, WUNTRACED);
  printf("status: %s\n", status_str(st));
  kill(p, SIGKILL);
  check("killed while stopped", waitpid(p, &st, 0) == p);
  printf("status: %s\n", status_str(st));
  /* a stop not asked for is not reported by plain waitpid; exit is */
  fflush(stdout);
  p = fork();
  if (p == 0) { char c; close(fds[1]); while (read(fds[0], &c, 1) < 0) {} _exit(c); }
  kill(p, SIGSTOP);
  waitpid(p, &st, WUNTRACED);
  kill(p, SIGCONT);
  write(fds[1], "\x05", 1);
  check("plain waitpid skips the continue", waitpid(p, &st, 0) == p);
  printf("status: %s\n", status_str(st));
  return contract_end("wait_stopped");
}
