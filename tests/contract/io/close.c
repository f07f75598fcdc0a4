/* close: success once, EBADF after, EBADF for -1 and a huge fd; the lowest
 * free descriptor is reused by the next open. */
#include "contract.h"

int main(void) {
  int fd = (int)expect_ok("open", openat(AT_FDCWD, "hello.txt", O_RDONLY));
  int fd2 = (int)expect_ok("open second", openat(AT_FDCWD, "empty", O_RDONLY));
  check("second fd is next", fd2 == fd + 1);
  expect_eq("close", close(fd), 0);
  expect_err("close again", close(fd), EBADF);
  int fd3 = (int)expect_ok("reopen", openat(AT_FDCWD, "hello.txt", O_RDONLY));
  check("lowest free fd reused", fd3 == fd);
  expect_err("close -1", close(-1), EBADF);
  expect_err("close 1000000", close(1000000), EBADF);
  expect_err("close INT_MAX", syscall(SYS_close, 0x7fffffff), EBADF);
  close(fd2);
  close(fd3);
  return contract_end("close");
}
