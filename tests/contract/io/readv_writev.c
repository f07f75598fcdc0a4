/* readv/writev: scatter/gather in order, short last buffer, iovcnt 0, and
 * the errors: EINVAL (negative iovcnt, iovcnt > IOV_MAX = 1024), EFAULT
 * (bad iovec array), EBADF. */
#include <sys/uio.h>
#include "contract.h"

int main(void) {
  char a[5], b[3], c[40];
  struct iovec iov[3] = {{a, sizeof a}, {b, sizeof b}, {c, sizeof c}};
  int fd = (int)expect_ok("open hello.txt", openat(AT_FDCWD, "hello.txt", O_RDONLY));
  expect_eq("readv", readv(fd, iov, 3), 25);
  check("readv a", memcmp(a, "hello", 5) == 0);
  check("readv b", memcmp(b, ", w", 3) == 0);
  check("readv c", memcmp(c, "orld\nsecond line\n", 17) == 0);
  expect_eq("readv at EOF", readv(fd, iov, 3), 0);
  expect_eq("readv iovcnt 0", readv(fd, iov, 0), 0);
  expect_err("readv iovcnt -1", syscall(SYS_readv, fd, iov, -1), EINVAL);
  expect_err("readv iovcnt 1025", syscall(SYS_readv, fd, iov, 1025), EINVAL);
  expect_err("readv bad iov", syscall(SYS_readv, fd, BAD_PTR, 2), EFAULT);
  close(fd);
  expect_err("readv closed fd", readv(fd, iov, 3), EBADF);
  struct iovec out[4] = {{"gather", 6}, {"", 0}, {"ed ", 3}, {"line\n", 5}};
  fflush(stdout);
  expect_eq("writev stdout", writev(1, out, 4), 14);
  expect_eq("writev iovcnt 0", writev(1, out, 0), 0);
  expect_err("writev iovcnt 1025", syscall(SYS_writev, 1, out, 1025), EINVAL);
  expect_err("writev bad iov", syscall(SYS_writev, 1, BAD_PTR, 1), EFAULT);
  return contract_end("readv_writev");
}
