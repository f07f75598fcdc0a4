/* getcwd (raw syscall, which returns the length including the NUL): an
 * absolute path naming the same directory as "."; the errors: ERANGE
 * (buffer too small, size 0), EFAULT. The path itself differs between the
 * native run (the fixture's host path) and Aramid ("/"), so it is not
 * printed. */
#include <sys/stat.h>
#include "contract.h"

int main(void) {
  char buf[4096];
  struct stat a, b;
  long n = syscall(SYS_getcwd, buf, sizeof buf);
  expect_ok("getcwd", n);
  check("returns strlen + 1", n > 0 && (size_t)n == strlen(buf) + 1);
  check("absolute", buf[0] == '/');
  expect_ok("stat cwd path", stat(buf, &a));
  expect_ok("stat .", stat(".", &b));
  check("names the cwd", a.st_ino == b.st_ino && a.st_dev == b.st_dev);
  check("glibc getcwd agrees", getcwd(buf + 2048, 2048) != NULL && strcmp(buf, buf + 2048) == 0);
  expect_err("buffer of 1 byte", syscall(SYS_getcwd, buf, 1), ERANGE);
  expect_err("size 0", syscall(SYS_getcwd, buf, 0), ERANGE);
  expect_err("bad pointer", syscall(SYS_getcwd, BAD_PTR, sizeof buf), EFAULT);
  return contract_end("getcwd");
}
