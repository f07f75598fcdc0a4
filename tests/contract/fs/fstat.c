/* fstat: type, permission bits and size of a regular file, an empty file
 * and a directory through their fds, and the errors EBADF and EFAULT.
 * (nlink, blocks, inode numbers and directory sizes depend on the host
 * filesystem, so they are not printed.) */
#include <sys/stat.h>
#include "contract.h"

static void describe(const char *what, const struct stat *st) {
  printf("%s: type=%s perm=%o size=%lld\n", what,
         S_ISREG(st->st_mode) ? "reg" : S_ISDIR(st->st_mode) ? "dir" : S_ISLNK(st->st_mode) ? "lnk" : "other",
         (unsigned)(st->st_mode & 07777), S_ISDIR(st->st_mode) ? 0LL : (long long)st->st_size);
}

int main(void) {
  struct stat st;
  int fd = (int)expect_ok("open hello.txt", openat(AT_FDCWD, "hello.txt", O_RDONLY));
  expect_ok("fstat file", fstat(fd, &st));
  describe("hello.txt", &st);
  check("size 25", st.st_size == 25);
  check("regular", S_ISREG(st.st_mode));
  check("nlink >= 1", st.st_nlink >= 1);
  check("blksize > 0", st.st_blksize > 0);
  expect_err("fstat bad buffer", syscall(SYS_fstat, fd, BAD_PTR), EFAULT);
  close(fd);
  expect_err("fstat closed fd", fstat(fd, &st), EBADF);
  fd = (int)expect_ok("open empty", openat(AT_FDCWD, "empty", O_RDONLY));
  expect_ok("fstat empty", fstat(fd, &st));
  describe("empty", &st);
  close(fd);
  fd = (int)expect_ok("open dir", openat(AT_FDCWD, "dir", O_RDONLY | O_DIRECTORY));
  expect_ok("fstat dir", fstat(fd, &st));
  describe("dir", &st);
  check("directory", S_ISDIR(st.st_mode));
  close(fd);
  fflush(stdout);
  expect_ok("fstat stdout", fstat(1, &st));
  return contract_end("fstat");
}
