/* write(2) to a file in /tmp: overwrite at the offset then read back,
 * O_APPEND always writes at the end whatever the offset, O_TRUNC empties,
 * and EFAULT leaves the file alone. */
#include "contract.h"

int main(void) {
  char buf[64];
  const char *p = tmp_path("write");
  int fd = (int)expect_ok("create tmp", openat(AT_FDCWD, p, O_RDWR | O_CREAT | O_TRUNC, 0600));
  expect_eq("write 6", write(fd, "abcdef", 6), 6);
  expect_eq("lseek 0", lseek(fd, 0, SEEK_SET), 0);
  expect_eq("write 2 at 0", write(fd, "XY", 2), 2);
  expect_eq("lseek 0 again", lseek(fd, 0, SEEK_SET), 0);
  expect_eq("read back", read(fd, buf, sizeof buf), 6);
  check("contents XYcdef", memcmp(buf, "XYcdef", 6) == 0);
  expect_err("write bad buffer", syscall(SYS_write, fd, BAD_PTR, 4), EFAULT);
  expect_eq("size unchanged after EFAULT", lseek(fd, 0, SEEK_END), 6);
  close(fd);
  fd = (int)expect_ok("open append", openat(AT_FDCWD, p, O_WRONLY | O_APPEND));
  expect_eq("lseek 0 on append fd", lseek(fd, 0, SEEK_SET), 0);
  expect_eq("append 2", write(fd, "gh", 2), 2);
  expect_eq("offset after append", lseek(fd, 0, SEEK_CUR), 8);
  close(fd);
  fd = (int)expect_ok("open read-only", openat(AT_FDCWD, p, O_RDONLY));
  expect_eq("read all", read(fd, buf, sizeof buf), 8);
  check("contents XYcdefgh", memcmp(buf, "XYcdefgh", 8) == 0);
  close(fd);
  fd = (int)expect_ok("open O_TRUNC", openat(AT_FDCWD, p, O_WRONLY | O_TRUNC));
  expect_eq("size after O_TRUNC", lseek(fd, 0, SEEK_END), 0);
  close(fd);
  expect_ok("unlink", unlink(p));
  return contract_end("write_file");
}
