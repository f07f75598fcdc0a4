/* pread64/pwrite64 without a writable filesystem: positioned reads leave
 * the file offset alone, reads past EOF return 0, and the errors: EINVAL
 * (negative offset), ESPIPE (pipe: the runner's stdout is a pipe both
 * natively and through Aramid), EBADF (also pwrite on a read-only fd).
 * Positioned writes to a file are in pwrite_file. */
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
  expect_err("pwrite read-only fd", pwrite(fd, "x", 1, 0), EBADF);
  close(fd);
  expect_err("pread closed fd", pread(fd, buf, 4, 0), EBADF);
  fflush(stdout);
  expect_err("pwrite on stdout pipe", pwrite(1, "x", 1, 0), ESPIPE);
  expect_err("pread on stdout pipe", pread(1, buf, 1, 0), ESPIPE);
  return contract_end("pread_pwrite");
}
