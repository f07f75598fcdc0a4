/* vmsplice: user memory into a pipe and out of it. */
#include "contract.h"
#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static long vm(int fd, const struct iovec *iov, unsigned long n, unsigned flags) {
  return syscall(SYS_vmsplice, fd, iov, n, flags);
}

int main(void) {
  int p[2];
  pipe(p);
  char one[] = "abc", two[] = "defgh";
  struct iovec in[2] = {{one, 3}, {two, 5}};
  expect_eq("vmsplice to pipe", vm(p[1], in, 2, 0), 8);
  char buf[16];
  memset(buf, 0, sizeof buf);
  expect_eq("read back", read(p[0], buf, sizeof buf), 8);
  check("data abcdefgh", memcmp(buf, "abcdefgh", 8) == 0);

  expect_eq("write", write(p[1], "0123456789", 10), 10);
  char x[4] = {0}, y[4] = {0};
  struct iovec out[2] = {{x, 4}, {y, 4}};
  expect_eq("vmsplice from pipe", vm(p[0], out, 2, 0), 8);
  check("first 0123", memcmp(x, "0123", 4) == 0);
  check("second 4567", memcmp(y, "4567", 4) == 0);
  memset(buf, 0, sizeof buf);
  expect_eq("rest left", read(p[0], buf, sizeof buf), 2);
  check("rest 89", memcmp(buf, "89", 2) == 0);

  expect_err("NONBLOCK empty read end", vm(p[0], out, 2, SPLICE_F_NONBLOCK), EAGAIN);
  expect_err("too many segments", vm(p[1], in, 1025, 0), EINVAL);
  expect_err("bad iov pointer", vm(p[1], BAD_PTR, 1, 0), EFAULT);
  expect_err("bad flags", vm(p[1], in, 1, 0x80), EINVAL);
  expect_err("bad fd", vm(99, in, 1, 0), EBADF);
  int f = open("hello.txt", O_RDONLY);
  expect_err("not a pipe", vm(f, in, 1, 0), EBADF);
  expect_eq("zero segments", vm(p[1], in, 0, 0), 0);
  close(p[1]);
  expect_eq("read end, no writers", vm(p[0], out, 2, 0), 0);
  return contract_end("vmsplice_basic");
}
