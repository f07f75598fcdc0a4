#include "ptest.h"
#include <sys/resource.h>
int main(void) {
  int st = -1;
  expect_err("wait4 no children", wait4(-1, &st, 0, NULL), ECHILD);
  expect_err("wait4 WNOHANG no children", wait4(-1, &st, WNOHANG, NULL), ECHILD);
  expect_err("wait4 pid 1 (not our child)", wait4(1, &st, 0, NULL), ECHILD);
  expect_err("wait4 bad options", wait4(-1, &st, 0x40000000 | 0x100, NULL), EINVAL);
  int fds[2];
  pipe(fds);
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) { char c; close(fds[1]); read(fds[0], &c, 1); _exit(c); }
  expect_eq("WNOHANG while child runs", wait4(p, &st, WNOHANG, NULL), 0);
  expect_eq("WNOHANG -1 while child runs", wait4(-1, &st, WNOHANG, NULL), 0);
  write(fds[1], "\x21", 1);
  struct rusage ru;
  memset(&ru, 0xff, sizeof ru);
  long r = wait4(p, &st, 0, &ru);
  check("wait4 returns the pid", r == p);
  printf("status: %s\n", status_str(st));
  check("rusage filled (utime sane)", ru.ru_utime.tv_usec >= 0 && ru.ru_utime.tv_usec < 1000000);
  expect_err("second wait4", wait4(p, &st, 0, NULL), ECHILD);
  /* wait4(0) waits for our process group; a child in another group is not seen */
  fflush(stdout);
  p = fork();
  if (p == 0) { setpgid(0, 0); char c; read(fds[0], &c, 1); _exit(2); }
  setpgid(p, p);
  expect_err("wait4(0) with only other-group child", wait4(0, &st, WNOHANG, NULL), ECHILD);
  expect_eq("wait4(-pgid) WNOHANG", wait4(-p, &st, WNOHANG, NULL), 0);
  write(fds[1], "x", 1);
  r = wait4(-p, &st, 0, NULL);
  check("wait4(-pgid) reaps it", r == p);
  printf("status: %s\n", status_str(st));
  /* NULL status is fine */
  fflush(stdout);
  p = fork();
  if (p == 0) _exit(0);
  check("wait4 NULL status", wait4(p, NULL, 0, NULL) == p);
  /* several children: all reaped, each exactly once */
  int sum = 0;
  fflush(stdout);
  for (int i = 1; i <= 5; i++) if (fork() == 0) _exit(i);
  for (int i = 0; i < 5; i++) { wait4(-1, &st, 0, NULL); sum += WEXITSTATUS(st); }
  expect_eq("sum of 5 exit codes", sum, 15);
  expect_err("then ECHILD", wait4(-1, &st, 0, NULL), ECHILD);
  return contract_end("wait4_wnohang");
}
