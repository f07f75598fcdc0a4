/* pwrite64 on a file in /tmp: writes at the offset without moving the file
 * offset, a write past EOF extends the file and leaves a hole of zeros,
 * EINVAL for a negative offset. */
#include "contract.h"

int main(void) {
  char buf[32];
  int fd;
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
  return contract_end("pwrite_file");
}
