/* read(2): whole-file and partial reads advance the offset, EOF reads 0,
 * count 0 reads 0, and the errors: EBADF (closed fd, write-only fd),
 * EISDIR (directory), EFAULT (bad buffer, without moving the offset). */
#include "contract.h"

int main(void) {
  char buf[64];
  int fd = (int)expect_ok("open hello.txt", openat(AT_FDCWD, "hello.txt", O_RDONLY));
  /* Before EOF: at EOF nothing is copied and Linux returns 0 instead. */
  expect_err("read bad buffer", syscall(SYS_read, fd, BAD_PTR, 1), EFAULT);
  expect_eq("offset unchanged after EFAULT", lseek(fd, 0, SEEK_CUR), 0);
  expect_eq("read 5", read(fd, buf, 5), 5);
  check("first bytes", memcmp(buf, "hello", 5) == 0);
  expect_eq("read 0 bytes", read(fd, buf, 0), 0);
  expect_eq("read rest", read(fd, buf, sizeof buf), 20);
  check("rest bytes", memcmp(buf, ", world\nsecond line\n", 20) == 0);
  expect_eq("read at EOF", read(fd, buf, sizeof buf), 0);
  close(fd);
  expect_err("read closed fd", read(fd, buf, 1), EBADF);
  expect_err("read fd -1", read(-1, buf, 1), EBADF);
  fd = (int)expect_ok("open empty", openat(AT_FDCWD, "empty", O_RDONLY));
  expect_eq("read empty", read(fd, buf, sizeof buf), 0);
  close(fd);
  fd = (int)expect_ok("open dir", openat(AT_FDCWD, "dir", O_RDONLY | O_DIRECTORY));
  expect_err("read directory", read(fd, buf, sizeof buf), EISDIR);
  close(fd);
  /* The runner's stdout is the write end of a pipe: not open for reading. */
  expect_err("read from stdout (write-only pipe end)", read(1, buf, 1), EBADF);
  return contract_end("read");
}
