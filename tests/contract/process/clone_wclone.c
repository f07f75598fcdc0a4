#include "ptest.h"
#include <sched.h>
static long raw_clone(unsigned long flags) { return syscall(SYS_clone, flags, 0, 0, 0, 0); }
int main(void) {
  /* clone(SIGCHLD) behaves like fork */
  fflush(stdout);
  long p = raw_clone(SIGCHLD);
  if (p == 0) syscall(SYS_exit_group, 12);
  expect_status("clone(SIGCHLD) child", p, "exit 12");
  /* a child with exit signal 0 is a "clone" child: only __WCLONE/__WALL see it */
  int fds[2];
  pipe(fds);
  fflush(stdout);
  p = raw_clone(0);
  if (p == 0) { char c; read(fds[0], &c, 1); syscall(SYS_exit_group, 13); }
  int st;
  expect_err("waitpid(clone child, WNOHANG) without __WCLONE", waitpid(p, &st, WNOHANG), ECHILD);
  expect_eq("waitpid(__WCLONE|WNOHANG) while running", waitpid(p, &st, __WCLONE | WNOHANG), 0);
  write(fds[1], "x", 1);
  long r = waitpid(p, &st, __WCLONE);
  check("waitpid __WCLONE reaps it", r == p);
  printf("status: %s\n", status_str(st));
  /* __WALL sees both kinds */
  fflush(stdout);
  long a = raw_clone(SIGCHLD);
  if (a == 0) syscall(SYS_exit_group, 1);
  long b = raw_clone(0);
  if (b == 0) syscall(SYS_exit_group, 2);
  int seen = 0, sum = 0;
  for (int i = 0; i < 2; i++) {
    r = waitpid(-1, &st, __WALL);
    if (r == a || r == b) { seen++; sum += WEXITSTATUS(st); }
  }
  expect_eq("__WALL reaped", seen, 2);
  expect_eq("__WALL exit sum", sum, 3);
  /* __WCLONE does not see normal children */
  fflush(stdout);
  a = raw_clone(SIGCHLD);
  if (a == 0) syscall(SYS_exit_group, 4);
  expect_err("waitpid(normal child, __WCLONE)", waitpid(a, &st, __WCLONE), ECHILD);
  expect_status("normal child", a, "exit 4");
  /* clone with a non-default exit signal: also a __WCLONE child */
  signal(SIGUSR1, SIG_IGN); /* before the clone: its exit signal would kill us */
  fflush(stdout);
  p = raw_clone(SIGUSR1);
  if (p == 0) syscall(SYS_exit_group, 6);
  r = waitpid(p, &st, __WCLONE);
  check("exit signal SIGUSR1 child reaped with __WCLONE", r == p);
  printf("status: %s\n", status_str(st));
  expect_err("bad flags CLONE_THREAD without VM/SIGHAND", raw_clone(CLONE_THREAD), EINVAL);
  expect_err("CLONE_SIGHAND without CLONE_VM", raw_clone(CLONE_SIGHAND), EINVAL);
  return contract_end("clone_wclone");
}
