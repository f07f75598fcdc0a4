/* tee duplicates pipe data without consuming it. */
#include "contract.h"
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static long te(int in, int out, size_t len, unsigned flags) {
  return syscall(SYS_tee, in, out, len, flags);
}

static int avail(int fd) {
  int n = -1;
  ioctl(fd, FIONREAD, &n);
  return n;
}

int main(void) {
  int a[2], b[2];
  pipe(a);
  pipe(b);
  char buf[32];
  expect_eq("write", write(a[1], "hello tee", 9), 9);
  expect_eq("tee 5", te(a[0], b[1], 5, 0), 5);
  expect_eq("input still holds", avail(a[0]), 9);
  expect_eq("output holds", avail(b[0]), 5);
  memset(buf, 0, sizeof buf);
  expect_eq("read output", read(b[0], buf, sizeof buf), 5);
  check("output is hello", memcmp(buf, "hello", 5) == 0);
  expect_eq("tee all", te(a[0], b[1], 100, 0), 9);
  memset(buf, 0, sizeof buf);
  expect_eq("read output 2", read(b[0], buf, sizeof buf), 9);
  check("output is hello tee", memcmp(buf, "hello tee", 9) == 0);
  memset(buf, 0, sizeof buf);
  expect_eq("read input", read(a[0], buf, sizeof buf), 9);
  check("input is hello tee", memcmp(buf, "hello tee", 9) == 0);

  expect_eq("len 0", te(a[0], b[1], 0, 0), 0);
  expect_err("bad flags", te(a[0], b[1], 1, 0x40), EINVAL);
  expect_err("bad fd", te(99, b[1], 1, 0), EBADF);
  expect_err("same pipe", te(a[0], a[1], 1, 0), EINVAL);
  int f = open("hello.txt", O_RDONLY);
  expect_err("file input", te(f, b[1], 1, 0), EINVAL);
  expect_err("wrong ends", te(a[1], b[0], 1, 0), EBADF);
  expect_err("NONBLOCK empty", te(a[0], b[1], 1, SPLICE_F_NONBLOCK), EAGAIN);
  close(a[1]);
  expect_eq("empty no writers", te(a[0], b[1], 1, 0), 0);
  return contract_end("tee_pipes");
}
