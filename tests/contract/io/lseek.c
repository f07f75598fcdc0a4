/* lseek: SEEK_SET/CUR/END results, seeking past the end (read then gives
 * 0), and the errors: EINVAL (negative result, bad whence), ESPIPE (pipe),
 * EBADF. */
#include "contract.h"

int main(void) {
  char c;
  int fd = (int)expect_ok("open hello.txt", openat(AT_FDCWD, "hello.txt", O_RDONLY));
  expect_eq("SEEK_SET 3", lseek(fd, 3, SEEK_SET), 3);
  expect_eq("SEEK_CUR +4", lseek(fd, 4, SEEK_CUR), 7);
  expect_eq("read one byte", read(fd, &c, 1), 1);
  check("byte is w", c == 'w');
  expect_eq("SEEK_CUR 0", lseek(fd, 0, SEEK_CUR), 8);
  expect_eq("SEEK_END 0", lseek(fd, 0, SEEK_END), 25);
  expect_eq("SEEK_END -6", lseek(fd, -6, SEEK_END), 19);
  expect_eq("SEEK_END +100", lseek(fd, 100, SEEK_END), 125);
  expect_eq("read past end", read(fd, &c, 1), 0);
  expect_err("SEEK_SET -1", lseek(fd, -1, SEEK_SET), EINVAL);
  expect_err("SEEK_CUR to negative", lseek(fd, -1000, SEEK_CUR), EINVAL);
  expect_eq("offset unchanged after error", lseek(fd, 0, SEEK_CUR), 125);
  expect_err("whence 7", lseek(fd, 0, 7), EINVAL);
  close(fd);
  expect_err("closed fd", lseek(fd, 0, SEEK_SET), EBADF);
  fd = (int)expect_ok("open dir", openat(AT_FDCWD, "dir", O_RDONLY | O_DIRECTORY));
  expect_eq("rewind directory", lseek(fd, 0, SEEK_SET), 0);
  close(fd);
  fflush(stdout);
  expect_err("stdout pipe", lseek(1, 0, SEEK_CUR), ESPIPE);
  return contract_end("lseek");
}
