#include "ptest.h"
#include <sys/resource.h>
int main(void) {
  struct rlimit rl = {16, 16}, got;
  expect_ok("setrlimit NOFILE 16", setrlimit(RLIMIT_NOFILE, &rl));
  getrlimit(RLIMIT_NOFILE, &got);
  expect_eq("soft", got.rlim_cur, 16);
  int last = -1, n = 0, first = -1;
  for (;;) {
    int fd = open("hello.txt", O_RDONLY);
    if (fd < 0) { printf("open past the limit: %s\n", errno_name(errno)); break; }
    if (first < 0) first = fd;
    last = fd;
    n++;
  }
  expect_eq("highest fd", last, 15);
  expect_err("dup at the limit", dup(0), EMFILE);
  int p[2];
  expect_err("pipe at the limit", pipe(p), EMFILE);
  expect_err("dup2 to fd 16", dup2(0, 16), EBADF);
  expect_err("F_DUPFD from 16", fcntl(0, F_DUPFD, 16), EINVAL);
  expect_eq("dup2 to fd 15 (replacing) works", dup2(0, 15), 15);
  close(15);
  expect_eq("after close one more fits", open("hello.txt", O_RDONLY), 15);
  /* lowering below open fds is allowed; existing fds stay usable */
  rl = (struct rlimit){4, 16};
  expect_ok("lower soft to 4", setrlimit(RLIMIT_NOFILE, &rl));
  char c;
  expect_eq("read from an fd above the new limit still works", read(last, &c, 1), 1);
  expect_err("open now", open("hello.txt", O_RDONLY), EMFILE);
  for (int fd = first; fd < 16; fd++) close(fd);
  rl = (struct rlimit){32, 16};
  expect_err("soft > hard", setrlimit(RLIMIT_NOFILE, &rl), EINVAL);
  rl = (struct rlimit){16, 1 << 30};
  expect_err("hard above nr_open", setrlimit(RLIMIT_NOFILE, &rl), EPERM);
  /* unprivileged cannot raise the hard limit */
  fflush(stdout);
  pid_t ch = fork();
  if (ch == 0) {
    setresuid(1000, 1000, 1000);
    struct rlimit r2 = {16, 17};
    _exit(setrlimit(RLIMIT_NOFILE, &r2) < 0 && errno == EPERM ? 0 : 1);
  }
  expect_status("unprivileged raise of hard limit", ch, "exit 0");
  ch = fork();
  if (ch == 0) { struct rlimit r3; getrlimit(RLIMIT_NOFILE, &r3); _exit(r3.rlim_cur == 4 && r3.rlim_max == 16 ? 0 : 1); }
  expect_status("limit inherited by fork", ch, "exit 0");
  return contract_end("rlimit_nofile");
}
