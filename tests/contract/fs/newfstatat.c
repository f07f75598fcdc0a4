/* newfstatat: following and not following symlinks (AT_SYMLINK_NOFOLLOW
 * gives the link itself, whose size is the length of its target),
 * AT_EMPTY_PATH on an fd, dirfd-relative lookups, and the errors: ENOENT
 * (missing, dangling followed, empty path without AT_EMPTY_PATH), ENOTDIR,
 * EINVAL (unknown flag), EBADF, EFAULT. */
#include <sys/stat.h>
#include "contract.h"

static void show(const char *what, int dirfd, const char *path, int flags) {
  struct stat st;
  long r = syscall(SYS_newfstatat, dirfd, path, &st, flags);
  if (outcome(what, r) != 0) return;
  printf("  type=%s perm=%o size=%lld\n",
         S_ISREG(st.st_mode) ? "reg" : S_ISDIR(st.st_mode) ? "dir" : S_ISLNK(st.st_mode) ? "lnk" : "other",
         (unsigned)(st.st_mode & 07777), S_ISDIR(st.st_mode) ? 0LL : (long long)st.st_size);
}

int main(void) {
  struct stat st, st2;
  show("hello.txt", AT_FDCWD, "hello.txt", 0);
  show("link followed", AT_FDCWD, "link", 0);
  show("link nofollow", AT_FDCWD, "link", AT_SYMLINK_NOFOLLOW);
  show("dangling nofollow", AT_FDCWD, "dangling", AT_SYMLINK_NOFOLLOW);
  show("dir", AT_FDCWD, "dir", 0);
  show("dir/sub/x", AT_FDCWD, "dir/sub/x", 0);
  expect_err("missing", syscall(SYS_newfstatat, AT_FDCWD, "nope", &st, 0), ENOENT);
  expect_err("dangling followed", syscall(SYS_newfstatat, AT_FDCWD, "dangling", &st, 0), ENOENT);
  expect_err("empty path", syscall(SYS_newfstatat, AT_FDCWD, "", &st, 0), ENOENT);
  expect_err("file as dir", syscall(SYS_newfstatat, AT_FDCWD, "hello.txt/x", &st, 0), ENOTDIR);
  expect_err("bad flag", syscall(SYS_newfstatat, AT_FDCWD, "hello.txt", &st, 0x40000000), EINVAL);
  expect_err("bad dirfd", syscall(SYS_newfstatat, 9999, "hello.txt", &st, 0), EBADF);
  expect_err("bad stat pointer", syscall(SYS_newfstatat, AT_FDCWD, "hello.txt", BAD_PTR, 0), EFAULT);
  expect_err("bad path pointer", syscall(SYS_newfstatat, AT_FDCWD, BAD_PTR, &st, 0), EFAULT);
  int dfd = (int)expect_ok("open dir", openat(AT_FDCWD, "dir", O_RDONLY | O_DIRECTORY));
  show("b relative to dir fd", dfd, "b", 0);
  show("AT_EMPTY_PATH on dir fd", dfd, "", AT_EMPTY_PATH);
  close(dfd);
  int fd = (int)expect_ok("open hello.txt", openat(AT_FDCWD, "hello.txt", O_RDONLY));
  expect_ok("AT_EMPTY_PATH on file fd", syscall(SYS_newfstatat, fd, "", &st, AT_EMPTY_PATH));
  expect_ok("stat by path", syscall(SYS_newfstatat, AT_FDCWD, "hello.txt", &st2, 0));
  check("same inode by fd and path", st.st_ino == st2.st_ino && st.st_dev == st2.st_dev);
  expect_ok("stat via link", syscall(SYS_newfstatat, AT_FDCWD, "link", &st2, 0));
  check("link resolves to same inode", st.st_ino == st2.st_ino);
  close(fd);
  return contract_end("newfstatat");
}
