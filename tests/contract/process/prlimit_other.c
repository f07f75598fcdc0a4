#include "ptest.h"
#include <sys/resource.h>
int main(void) {
  struct rlimit a, b;
  getrlimit(RLIMIT_STACK, &a);
  syscall(SYS_prlimit64, 0, RLIMIT_STACK, NULL, &b);
  check("STACK: getrlimit == prlimit64(0)", a.rlim_cur == b.rlim_cur && a.rlim_max == b.rlim_max);
  check("STACK soft > 0", a.rlim_cur > 0);
  getrlimit(RLIMIT_AS, &a);
  syscall(SYS_prlimit64, getpid(), RLIMIT_AS, NULL, &b);
  check("AS: getrlimit == prlimit64(getpid())", a.rlim_cur == b.rlim_cur && a.rlim_max == b.rlim_max);
  /* setting STACK and AS is reported back */
  struct rlimit s = {1 << 20, RLIM_INFINITY}, old;
  expect_ok("prlimit64 set STACK 1M, get old", syscall(SYS_prlimit64, 0, RLIMIT_STACK, &s, &old));
  getrlimit(RLIMIT_STACK, &a);
  expect_eq("STACK soft now", a.rlim_cur, 1 << 20);
  setrlimit(RLIMIT_STACK, &old);
  s = (struct rlimit){1UL << 40, RLIM_INFINITY};
  expect_ok("set AS 1T", setrlimit(RLIMIT_AS, &s));
  getrlimit(RLIMIT_AS, &a);
  check("AS reported", a.rlim_cur == 1UL << 40);
  /* on another process */
  int fds[2], back[2];
  pipe(fds);
  pipe(back);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    char ch;
    read(fds[0], &ch, 1);
    struct rlimit r;
    getrlimit(RLIMIT_NOFILE, &r);
    long v[2] = {(long)r.rlim_cur, (long)r.rlim_max};
    write(back[1], v, sizeof v);
    _exit(0);
  }
  struct rlimit n = {33, 44};
  expect_ok("prlimit64(child, NOFILE, set)", syscall(SYS_prlimit64, c, RLIMIT_NOFILE, &n, NULL));
  struct rlimit rd;
  syscall(SYS_prlimit64, c, RLIMIT_NOFILE, NULL, &rd);
  expect_eq("read back soft", rd.rlim_cur, 33);
  expect_eq("read back hard", rd.rlim_max, 44);
  write(fds[1], "x", 1);
  long v[2];
  read(back[0], v, sizeof v);
  expect_eq("child sees soft", v[0], 33);
  expect_eq("child sees hard", v[1], 44);
  waitpid(c, NULL, 0);
  expect_err("prlimit64 nonexistent pid", syscall(SYS_prlimit64, 999999, RLIMIT_NOFILE, NULL, &rd), ESRCH);
  expect_err("prlimit64 bad resource", syscall(SYS_prlimit64, 0, 99, NULL, &rd), EINVAL);
  n = (struct rlimit){50, 40};
  expect_err("prlimit64 soft > hard", syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, &n, NULL), EINVAL);
  expect_err("prlimit64 bad pointer", syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, BAD_PTR), EFAULT);
  /* unprivileged process cannot prlimit a root process */
  fflush(stdout);
  pid_t parent = getpid();
  c = fork();
  if (c == 0) {
    setresuid(1000, 1000, 1000);
    struct rlimit r;
    _exit(syscall(SYS_prlimit64, parent, RLIMIT_NOFILE, NULL, &r) < 0 && errno == EPERM ? 0 : 1);
  }
  expect_status("unprivileged prlimit64 on root's process", c, "exit 0");
  return contract_end("prlimit_other");
}
