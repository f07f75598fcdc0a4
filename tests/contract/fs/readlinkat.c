/* readlinkat: the target without a terminating NUL, truncation to the
 * buffer size, a dangling link, dirfd-relative and AT_EMPTY_PATH-style use,
 * and the errors: EINVAL (not a symlink, bufsiz 0), ENOENT, ENOTDIR,
 * EFAULT. */
#include "contract.h"

int main(void) {
  char buf[64];
  memset(buf, '#', sizeof buf);
  expect_eq("link", syscall(SYS_readlinkat, AT_FDCWD, "link", buf, sizeof buf), 9);
  check("target hello.txt, no NUL", memcmp(buf, "hello.txt#", 10) == 0);
  memset(buf, '#', sizeof buf);
  expect_eq("truncated to 4", syscall(SYS_readlinkat, AT_FDCWD, "link", buf, 4), 4);
  check("truncated bytes", memcmp(buf, "hell#", 5) == 0);
  expect_eq("dangling", syscall(SYS_readlinkat, AT_FDCWD, "dangling", buf, sizeof buf), 7);
  check("dangling target", memcmp(buf, "missing", 7) == 0);
  expect_err("regular file", syscall(SYS_readlinkat, AT_FDCWD, "hello.txt", buf, sizeof buf), EINVAL);
  expect_err("directory", syscall(SYS_readlinkat, AT_FDCWD, "dir", buf, sizeof buf), EINVAL);
  expect_err("bufsiz 0", syscall(SYS_readlinkat, AT_FDCWD, "link", buf, 0), EINVAL);
  expect_err("missing", syscall(SYS_readlinkat, AT_FDCWD, "nope", buf, sizeof buf), ENOENT);
  expect_err("through a file", syscall(SYS_readlinkat, AT_FDCWD, "hello.txt/x", buf, sizeof buf), ENOTDIR);
  expect_err("bad buffer", syscall(SYS_readlinkat, AT_FDCWD, "link", BAD_PTR, sizeof buf), EFAULT);
  int dfd = (int)expect_ok("open dir", openat(AT_FDCWD, "dir", O_RDONLY | O_DIRECTORY));
  expect_err("relative to dir fd, missing", syscall(SYS_readlinkat, dfd, "link", buf, sizeof buf), ENOENT);
  expect_eq("dot-dot from dir fd", syscall(SYS_readlinkat, dfd, "../link", buf, sizeof buf), 9);
  close(dfd);
  return contract_end("readlinkat");
}
