/* write(2): to stdout (the bytes show up in the compared output), to a
 * file then read back, count 0, O_APPEND always writes at the end, and the
 * errors: EBADF (read-only fd, closed fd), EFAULT (bad buffer). */
#include "contract.h"

int main(void) {
  char buf[64];
  const char *p = tmp_path("write");
  fflush(stdout);
  expect_eq("write stdout", write(1, "via write(2)\n", 13), 13);
  expect_eq("write stdout 0 bytes", write(1, "x", 0), 0);
  int fd = (int)expect_ok("create tmp", openat(AT_FDCWD, p, O_RDWR | O_CREAT | O_TRUNC, 0600));
  expect_eq("write 6", write(fd, "abcdef", 6), 6);
  expect_eq("lseek 0", lseek(fd, 0, SEEK_SET), 0);
  expect_eq("write 2 at 0", write(fd, "XY", 2), 2);
  expect_eq("lseek 0 again", lseek(fd, 0, SEEK_SET), 0);
  expect_eq("read back", read(fd, buf, sizeof buf), 6);
  check("contents XYcdef", memcmp(buf, "XYcdef", 6) == 0);
  expect_err("write bad buffer", write(fd, BAD_PTR, 4), EFAULT);
  close(fd);
  fd = (int)expect_ok("open append", openat(AT_FDCWD, p, O_WRONLY | O_APPEND));
  expect_eq("lseek 0 on append fd", lseek(fd, 0, SEEK_SET), 0);
  expect_eq("append 2", write(fd, "gh", 2), 2);
  expect_eq("offset after append", lseek(fd, 0, SEEK_CUR), 8);
  close(fd);
  expect_err("write closed fd", write(fd, "x", 1), EBADF);
  fd = (int)expect_ok("open hello.txt read-only", openat(AT_FDCWD, "hello.txt", O_RDONLY));
  expect_err("write read-only fd", write(fd, "x", 1), EBADF);
  close(fd);
  unlink(p);
  return contract_end("write");
}
