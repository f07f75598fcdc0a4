#include "pf.h"
/* A stopped child is T ("T (stopped)"); after SIGCONT it is S again. */
int main(void) {
  int p[2];
  pipe(p);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) { char b; read(p[0], &b, 1); _exit(0); }
  kill(c, SIGSTOP);
  int ws;
  waitpid(c, &ws, WUNTRACED);
  check("stopped", WIFSTOPPED(ws));
  char path[64], v[64];
  static char buf[8192];
  struct pf_stat s;
  snprintf(path, sizeof path, "/proc/%d/stat", c);
  pf_stat(&s, path);
  printf("stat state: %s\n", s.f[3]);
  printf("stat exit_code field: %lld\n", pf_fl(&s, 52));
  snprintf(path, sizeof path, "/proc/%d/status", c);
  pf_read(path, buf, sizeof buf);
  pf_key(buf, "State", v, sizeof v);
  printf("status State: %s\n", v);
  kill(c, SIGCONT);
  waitpid(c, &ws, WCONTINUED);
  check("continued", WIFCONTINUED(ws));
  printf("after SIGCONT: %c\n", pf_wait_state(c, 'S'));
  write(p[1], "x", 1);
  waitpid(c, &ws, 0);
  return contract_end("proc_state_stopped");
}
