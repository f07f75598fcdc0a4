/* chmod/fchmod/fchmodat, chown, utimensat (UTIME_NOW, UTIME_OMIT, explicit
 * times, AT_SYMLINK_NOFOLLOW), truncate/ftruncate (growing reads zeros) and
 * fallocate (mode 0 and KEEP_SIZE) on files in /tmp. */
#include "contract.h"
#include <sys/stat.h>
#include <linux/falloc.h>

int main(void) {
  char f[128], l[160];
  snprintf(f, sizeof f, "%s", tmp_path("attr"));
  snprintf(l, sizeof l, "%s-link", f);
  int fd = open(f, O_CREAT | O_RDWR | O_TRUNC, 0600);
  expect_ok("create", fd);
  struct stat st;
  expect_ok("chmod", chmod(f, 04751));
  stat(f, &st);
  printf("mode %o\n", st.st_mode & 07777);
  expect_ok("fchmod", fchmod(fd, 0640));
  fstat(fd, &st);
  printf("mode %o\n", st.st_mode & 07777);
  expect_ok("fchmodat", fchmodat(AT_FDCWD, f, 0604, 0));
  stat(f, &st);
  printf("mode %o\n", st.st_mode & 07777);
  expect_ok("chown", chown(f, 1234, 5678));
  stat(f, &st);
  printf("owner %d:%d\n", (int)st.st_uid, (int)st.st_gid);
  expect_ok("chown -1", chown(f, -1, 42));
  stat(f, &st);
  printf("owner %d:%d\n", (int)st.st_uid, (int)st.st_gid);
  struct timespec ts[2] = {{1000000000, 5}, {1200000000, 7}};
  expect_ok("utimensat", utimensat(AT_FDCWD, f, ts, 0));
  stat(f, &st);
  printf("atime %ld.%ld mtime %ld.%ld\n", (long)st.st_atim.tv_sec, st.st_atim.tv_nsec, (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
  struct timespec omit[2] = {{0, UTIME_OMIT}, {1300000000, 0}};
  expect_ok("utimensat omit", utimensat(AT_FDCWD, f, omit, 0));
  stat(f, &st);
  printf("atime %ld mtime %ld\n", (long)st.st_atim.tv_sec, (long)st.st_mtim.tv_sec);
  expect_ok("utimensat now", utimensat(AT_FDCWD, f, NULL, 0));
  stat(f, &st);
  check("mtime is recent", st.st_mtim.tv_sec > 1600000000);
  struct timespec bad[2] = {{0, 1000000000}, {0, 0}};
  expect_err("utimensat bad nsec", utimensat(AT_FDCWD, f, bad, 0), EINVAL);
  expect_err("utimensat bad flag", utimensat(AT_FDCWD, f, ts, 0x4), EINVAL);
  symlink(f, l);
  expect_ok("utimensat nofollow", utimensat(AT_FDCWD, l, ts, AT_SYMLINK_NOFOLLOW));
  lstat(l, &st);
  printf("link mtime %ld\n", (long)st.st_mtim.tv_sec);
  stat(f, &st);
  check("target untouched", st.st_mtim.tv_sec != 1200000000);
  expect_ok("write", write(fd, "hello world", 11));
  expect_ok("ftruncate shrink", ftruncate(fd, 5));
  fstat(fd, &st);
  expect_eq("size 5", st.st_size, 5);
  expect_ok("truncate grow", truncate(f, 10));
  char buf[16];
  memset(buf, 'x', sizeof buf);
  expect_eq("pread", pread(fd, buf, 16, 0), 10);
  check("zero tail", memcmp(buf, "hello\0\0\0\0\0", 10) == 0);
  expect_err("truncate negative", truncate(f, -1), EINVAL);
  expect_err("truncate dir", truncate("/tmp", 0), EISDIR);
  int ro = open(f, O_RDONLY);
  expect_err("ftruncate read-only fd", ftruncate(ro, 0), EINVAL);
  expect_err("fallocate read-only fd", fallocate(ro, 0, 0, 10), EBADF);
  close(ro);
  expect_ok("fallocate", fallocate(fd, 0, 0, 100));
  fstat(fd, &st);
  expect_eq("size after fallocate", st.st_size, 100);
  expect_ok("fallocate keep size", fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, 8192));
  fstat(fd, &st);
  expect_eq("size kept", st.st_size, 100);
  expect_err("fallocate bad len", fallocate(fd, 0, 0, 0), EINVAL);
  expect_err("fallocate bad fd", fallocate(99, 0, 0, 1), EBADF);
  close(fd);
  unlink(l);
  expect_ok("unlink", unlink(f));
  return contract_end("vfs_attr");
}
