#include "ptest.h"
int main(void) {
  int codes[] = {0, 1, 42, 255, 256, 257};
  const char *want[] = {"exit 0", "exit 1", "exit 42", "exit 255", "exit 0", "exit 1"};
  for (int i = 0; i < 6; i++) {
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) _exit(codes[i]);
    char what[64];
    snprintf(what, sizeof what, "_exit(%d)", codes[i]);
    expect_status(what, p, want[i]);
  }
  /* exit() from a child runs atexit handlers in the child only */
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) exit(9);
  expect_status("exit(9)", p, "exit 9");
  /* the returned pid is the child's getpid, child's getppid is us */
  int fds[2];
  pipe(fds);
  fflush(stdout);
  p = fork();
  if (p == 0) {
    pid_t v[2] = {getpid(), getppid()};
    write(fds[1], v, sizeof v);
    _exit(0);
  }
  pid_t v[2];
  read(fds[0], v, sizeof v);
  check("child getpid == fork return", v[0] == p);
  check("child getppid == parent", v[1] == getpid());
  expect_status("reported child", p, "exit 0");
  expect_err("wait with no children", wait(NULL), ECHILD);
  return contract_end("fork_exit_codes");
}
