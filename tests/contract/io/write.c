/* write(2) without a writable filesystem: to stdout (the bytes show up in
 * the compared output), count 0, and the errors: EBADF (read-only fd,
 * closed fd, fd -1), EFAULT (bad buffer). File writes are in write_file. */
#include "contract.h"

int main(void) {
  fflush(stdout);
  expect_eq("write stdout", write(1, "via write(2)\n", 13), 13);
  expect_eq("write stdout 0 bytes", write(1, "x", 0), 0);
  expect_err("write stdout bad buffer", syscall(SYS_write, 1, BAD_PTR, 4), EFAULT);
  int fd = (int)expect_ok("open hello.txt read-only", openat(AT_FDCWD, "hello.txt", O_RDONLY));
  expect_err("write read-only fd", write(fd, "x", 1), EBADF);
  close(fd);
  expect_err("write closed fd", write(fd, "x", 1), EBADF);
  expect_err("write fd -1", write(-1, "x", 1), EBADF);
  fd = (int)expect_ok("open dir", openat(AT_FDCWD, "dir", O_RDONLY | O_DIRECTORY));
  expect_err("write directory fd", write(fd, "x", 1), EBADF);
  close(fd);
  return contract_end("write");
}
