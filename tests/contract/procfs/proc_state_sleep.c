#include "pf.h"
/* A child blocked in read() is S; reading self shows R. */
int main(void) {
  int p[2];
  pipe(p);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) { char b; read(p[0], &b, 1); _exit(0); }
  char st = pf_wait_state(c, 'S');
  printf("blocked child state: %c\n", st);
  static char buf[8192];
  char path[64], v[64];
  snprintf(path, sizeof path, "/proc/%d/status", c);
  pf_read(path, buf, sizeof buf);
  pf_key(buf, "State", v, sizeof v);
  printf("status State: %s\n", v);
  pf_read("/proc/self/status", buf, sizeof buf);
  pf_key(buf, "State", v, sizeof v);
  printf("self State: %s\n", v);
  snprintf(path, sizeof path, "/proc/%d/wchan", c);
  long n = pf_read(path, buf, sizeof buf);
  check("wchan readable", n >= 0);
  check("wchan has no newline", n >= 0 && strchr(buf, '\n') == NULL);
  check("wchan not empty", n > 0);
  pf_read("/proc/self/wchan", buf, sizeof buf);
  printf("self wchan: %s\n", buf);
  write(p[1], "x", 1);
  waitpid(c, NULL, 0);
  /* a child sleeping in nanosleep is S too */
  fflush(stdout);
  c = fork();
  if (c == 0) { struct timespec ts = {100, 0}; nanosleep(&ts, NULL); _exit(0); }
  st = pf_wait_state(c, 'S');
  printf("nanosleep child state: %c\n", st);
  kill(c, SIGKILL);
  waitpid(c, NULL, 0);
  return contract_end("proc_state_sleep");
}
