/* pread64/pwrite64: positioned I/O that leaves the file offset alone,
 * reads past EOF return 0, writes past EOF extend the file, and the
 * errors: EINVAL (negative offset), ESPIPE (pipe: the runner's stdout is
 * a pipe both natively and through Aramid), EBADF. */
#include "contract.h"

int main(void) {
  char buf[32];
  int fd = (int)expect_ok("open hello.txt", openat(AT_FDCWD, "hello.txt", O_RDONLY));
  expect_eq("pread 5 at 7", pread(fd, buf, 5, 7), 5);
  check("pread bytes", memcmp(buf, "world", 5) == 0);
  expect_eq("offset unchanged", lseek(fd, 0, SEEK_CUR), 0);
  expect_eq("pread across EOF", pread(fd, buf, 32, 20), 5);
  expect_eq("pread at EOF", pread(fd, buf, 4, 25), 0);
  expect_eq("pread beyond EOF", pread(fd, buf, 4, 1000), 0);
  expect_err("pread negative offset", pread(fd, buf, 4, -1), EINVAL);
  close(fd);
  expect_err("pread closed fd", pread(fd, buf, 4, 0), EBADF);
  const char *p = tmp_path("pwrite");
  fd = (int)expect_ok("create tmp", openat(AT_FDCWD, p, O_RDWR | O_CREAT | O_TRUNC, 0600));
  expect_eq("pwrite at 4", pwrite(fd, "WXYZ", 4, 4), 4);
  expect_eq("offset still 0", lseek(fd, 0, SEEK_CUR), 0);
  expect_eq("size via SEEK_END", lseek(fd, 0, SEEK_END), 8);
  expect_eq("pread hole+data", pread(fd, buf, 8, 0), 8);
  check("hole reads zeros", memcmp(buf, "\0\0\0\0WXYZ", 8) == 0);
  expect_err("pwrite negative offset", pwrite(fd, "x", 1, -5), EINVAL);
  close(fd);
  unlink(p);
  fflush(stdout);
  expect_err("pwrite on stdout pipe", pwrite(1, "x", 1, 0), ESPIPE);
  expect_err("pread on stdout pipe", pread(1, buf, 1, 0), ESPIPE);
  return contract_end("pread_pwrite");
}
