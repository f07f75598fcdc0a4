#include "ptest.h"
int main(void) {
  int fd = open("hello.txt", O_RDONLY);
  int d = dup(fd);
  check("dup returns the lowest free fd", d == fd + 1);
  close(fd);
  expect_eq("dup fills the hole", dup(d), fd);
  expect_eq("dup2 same fd returns it", dup2(d, d), d);
  expect_err("dup2 bad old fd", dup2(99, 50), EBADF);
  expect_err("dup2 same bad fd", dup2(99, 99), EBADF);
  expect_err("dup3 same fd", dup3(d, d, 0), EINVAL);
  expect_err("dup3 bad flags", dup3(d, 40, O_NONBLOCK), EINVAL);
  expect_eq("dup3 O_CLOEXEC", dup3(d, 40, O_CLOEXEC), 40);
  expect_eq("its FD_CLOEXEC", fcntl(40, F_GETFD), FD_CLOEXEC);
  expect_eq("original not cloexec", fcntl(d, F_GETFD), 0);
  expect_eq("F_DUPFD min 30", fcntl(d, F_DUPFD, 30), 30);
  expect_eq("F_DUPFD min 30 again", fcntl(d, F_DUPFD, 30), 31);
  expect_eq("F_DUPFD_CLOEXEC min 30", fcntl(d, F_DUPFD_CLOEXEC, 30), 32);
  expect_eq("its flag", fcntl(32, F_GETFD), FD_CLOEXEC);
  expect_err("F_DUPFD negative", fcntl(d, F_DUPFD, -1), EINVAL);
  expect_ok("F_SETFD 1", fcntl(d, F_SETFD, FD_CLOEXEC));
  expect_eq("F_GETFD", fcntl(d, F_GETFD), FD_CLOEXEC);
  expect_ok("F_SETFD 0", fcntl(d, F_SETFD, 0));
  expect_eq("F_GETFD cleared", fcntl(d, F_GETFD), 0);
  expect_err("F_GETFD bad fd", fcntl(99, F_GETFD), EBADF);
  /* dup'd fds share the offset and the status flags */
  char c;
  read(d, &c, 1);
  expect_eq("offset shared via dup", lseek(30, 0, SEEK_CUR), 1);
  expect_eq("F_GETFL O_RDONLY", fcntl(d, F_GETFL) & O_ACCMODE, O_RDONLY);
  int p[2];
  pipe(p);
  expect_eq("pipe read end F_GETFL", fcntl(p[0], F_GETFL) & (O_ACCMODE | O_NONBLOCK), O_RDONLY);
  expect_eq("pipe write end F_GETFL", fcntl(p[1], F_GETFL) & (O_ACCMODE | O_NONBLOCK), O_WRONLY);
  int q = dup(p[0]);
  expect_ok("F_SETFL O_NONBLOCK", fcntl(p[0], F_SETFL, O_NONBLOCK));
  expect_eq("shared: dup sees O_NONBLOCK", fcntl(q, F_GETFL) & O_NONBLOCK, O_NONBLOCK);
  expect_err("read empty nonblocking pipe", read(q, &c, 1), EAGAIN);
  /* F_SETFL ignores the access mode and creation flags */
  fcntl(p[0], F_SETFL, O_WRONLY | O_CREAT | O_TRUNC);
  expect_eq("access mode unchanged", fcntl(p[0], F_GETFL) & O_ACCMODE, O_RDONLY);
  expect_eq("O_NONBLOCK cleared by that F_SETFL", fcntl(p[0], F_GETFL) & O_NONBLOCK, 0);
  fcntl(p[1], F_SETFL, O_APPEND);
  check("O_APPEND settable", (fcntl(p[1], F_GETFL) & O_APPEND) != 0);
  expect_err("fcntl bad cmd", fcntl(d, 12345), EINVAL);
  /* dup2 over an open fd closes it silently */
  int e = open("empty", O_RDONLY);
  expect_eq("dup2 over open fd", dup2(d, e), e);
  expect_eq("it now reads hello.txt (offset 1)", read(e, &c, 1), 1);
  check("the byte is 'e'", c == 'e');
  /* close-on-exec is per descriptor, not shared */
  fcntl(30, F_SETFD, FD_CLOEXEC);
  expect_eq("cloexec on 30 does not affect 31", fcntl(31, F_GETFD), 0);
  return contract_end("dup_fcntl");
}
