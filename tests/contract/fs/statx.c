/* statx: basic fields for a file, a directory and a symlink (with and
 * without AT_SYMLINK_NOFOLLOW), AT_EMPTY_PATH, agreement with fstat, and
 * the errors: EINVAL (STATX__RESERVED in the mask, unknown flag, bad sync
 * type), ENOENT, EFAULT, EBADF. */
#include <sys/stat.h>
#include "contract.h"

#ifndef STATX__RESERVED
#define STATX__RESERVED 0x80000000U
#endif

static long do_statx(int dirfd, const char *path, int flags, unsigned mask, struct statx *sx) {
  return syscall(SYS_statx, dirfd, path, flags, mask, sx);
}

static void show(const char *what, const char *path, int flags) {
  struct statx sx;
  memset(&sx, 0, sizeof sx);
  if (outcome(what, do_statx(AT_FDCWD, path, flags, STATX_BASIC_STATS, &sx)) != 0) return;
  unsigned m = sx.stx_mode;
  printf("  type=%s perm=%o size=%llu basic-mask=%s\n",
         S_ISREG(m) ? "reg" : S_ISDIR(m) ? "dir" : S_ISLNK(m) ? "lnk" : "other", m & 07777,
         S_ISDIR(m) ? 0ULL : (unsigned long long)sx.stx_size,
         (sx.stx_mask & (STATX_TYPE | STATX_MODE | STATX_SIZE | STATX_INO)) ==
                 (STATX_TYPE | STATX_MODE | STATX_SIZE | STATX_INO) ? "yes" : "no");
}

int main(void) {
  struct statx sx;
  struct stat st;
  show("hello.txt", "hello.txt", 0);
  show("dir", "dir", 0);
  show("link followed", "link", 0);
  show("link nofollow", "link", AT_SYMLINK_NOFOLLOW);
  show("empty", "empty", AT_STATX_SYNC_AS_STAT);
  expect_err("missing", do_statx(AT_FDCWD, "nope", 0, STATX_BASIC_STATS, &sx), ENOENT);
  expect_err("reserved mask bit", do_statx(AT_FDCWD, "hello.txt", 0, STATX__RESERVED, &sx), EINVAL);
  expect_err("unknown flag", do_statx(AT_FDCWD, "hello.txt", 0x40000000, STATX_BASIC_STATS, &sx), EINVAL);
  expect_err("both sync flags", do_statx(AT_FDCWD, "hello.txt", AT_STATX_FORCE_SYNC | AT_STATX_DONT_SYNC, STATX_BASIC_STATS, &sx), EINVAL);
  expect_err("bad buffer", do_statx(AT_FDCWD, "hello.txt", 0, STATX_BASIC_STATS, BAD_PTR), EFAULT);
  expect_err("bad dirfd", do_statx(9999, "hello.txt", 0, STATX_BASIC_STATS, &sx), EBADF);
  int fd = (int)expect_ok("open hello.txt", openat(AT_FDCWD, "hello.txt", O_RDONLY));
  expect_ok("AT_EMPTY_PATH", do_statx(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS, &sx));
  expect_ok("fstat", fstat(fd, &st));
  check("size agrees with fstat", (long long)sx.stx_size == (long long)st.st_size);
  check("ino agrees with fstat", sx.stx_ino == st.st_ino);
  check("mode agrees with fstat", sx.stx_mode == (st.st_mode & 0xffff));
  check("mtime agrees with fstat", (long long)sx.stx_mtime.tv_sec == (long long)st.st_mtim.tv_sec);
  close(fd);
  return contract_end("statx");
}
