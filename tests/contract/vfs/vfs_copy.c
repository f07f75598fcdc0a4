/* sendfile from a file to a pipe and to a file (with and without an offset
 * pointer), copy_file_range between files (offsets, EINVAL for flags and
 * overlap, EBADF for wrong modes, EISDIR), and openat2's checks. */
#include "contract.h"
#include <sys/sendfile.h>
#include <linux/openat2.h>

int main(void) {
  int in = open("hello.txt", O_RDONLY);
  int p[2];
  pipe(p);
  expect_eq("sendfile to pipe", sendfile(p[1], in, NULL, 5), 5);
  char buf[64] = {0};
  read(p[0], buf, sizeof buf);
  printf("pipe got %s\n", buf);
  expect_eq("file offset advanced", lseek(in, 0, SEEK_CUR), 5);
  off_t off = 7;
  expect_eq("sendfile with offset", sendfile(p[1], in, &off, 5), 5);
  expect_eq("offset updated", off, 12);
  expect_eq("file offset kept", lseek(in, 0, SEEK_CUR), 5);
  memset(buf, 0, sizeof buf);
  read(p[0], buf, sizeof buf);
  printf("pipe got %s\n", buf);
  char f[128], g[160];
  snprintf(f, sizeof f, "%s", tmp_path("copy"));
  snprintf(g, sizeof g, "%s-2", f);
  int out = open(f, O_CREAT | O_RDWR | O_TRUNC, 0600);
  off = 0;
  expect_eq("sendfile to file", sendfile(out, in, &off, 100), 25);
  expect_err("sendfile from pipe", sendfile(out, p[0], NULL, 1), EINVAL);
  expect_err("sendfile to read-only", sendfile(in, in, NULL, 1), EBADF);
  int app = open(f, O_WRONLY | O_APPEND);
  expect_err("sendfile to append", sendfile(app, in, NULL, 1), EINVAL);
  int out2 = open(g, O_CREAT | O_RDWR | O_TRUNC, 0600);
  loff_t ioff = 7, ooff = 3;
  expect_eq("copy_file_range", copy_file_range(out, &ioff, out2, &ooff, 5, 0), 5);
  expect_eq("in offset", ioff, 12);
  expect_eq("out offset", ooff, 8);
  memset(buf, 0, sizeof buf);
  expect_eq("pread copy", pread(out2, buf, sizeof buf, 0), 8);
  check("copied bytes", memcmp(buf, "\0\0\0world", 8) == 0);
  expect_err("copy_file_range flags", copy_file_range(out, NULL, out2, NULL, 1, 1), EINVAL);
  ioff = 0; ooff = 2;
  expect_err("copy_file_range overlap", copy_file_range(out, &ioff, out, &ooff, 5, 0), EINVAL);
  expect_err("copy_file_range to read-only", copy_file_range(out, NULL, in, NULL, 1, 0), EBADF);
  expect_err("copy_file_range to append", copy_file_range(out, NULL, app, NULL, 1, 0), EBADF);
  int dir = open("dir", O_RDONLY | O_DIRECTORY);
  expect_err("copy_file_range from dir", copy_file_range(dir, NULL, out2, NULL, 1, 0), EISDIR);
  lseek(out, 0, SEEK_SET);
  expect_eq("copy_file_range at offsets", copy_file_range(out, NULL, out2, NULL, 100, 0), 25);
  expect_eq("copy_file_range at eof", copy_file_range(out, NULL, out2, NULL, 100, 0), 0);

  struct open_how how = {.flags = O_RDONLY};
  int fd = syscall(SYS_openat2, AT_FDCWD, "hello.txt", &how, sizeof how);
  expect_ok("openat2", fd);
  close(fd);
  expect_err("openat2 small size", syscall(SYS_openat2, AT_FDCWD, "hello.txt", &how, 8), EINVAL);
  how.mode = 0644;
  expect_err("openat2 mode without O_CREAT", syscall(SYS_openat2, AT_FDCWD, "hello.txt", &how, sizeof how), EINVAL);
  how.mode = 0;
  how.flags = 1ULL << 40;
  expect_err("openat2 unknown flag", syscall(SYS_openat2, AT_FDCWD, "hello.txt", &how, sizeof how), EINVAL);
  how.flags = O_RDONLY;
  how.resolve = RESOLVE_NO_SYMLINKS;
  expect_err("openat2 no symlinks", syscall(SYS_openat2, AT_FDCWD, "link", &how, sizeof how), ELOOP);
  how.resolve = RESOLVE_BENEATH;
  expect_err("openat2 beneath dotdot", syscall(SYS_openat2, dir, "../hello.txt", &how, sizeof how), EXDEV);
  expect_err("openat2 beneath absolute", syscall(SYS_openat2, dir, "/hello.txt", &how, sizeof how), EXDEV);
  fd = syscall(SYS_openat2, dir, "sub/x", &how, sizeof how);
  expect_ok("openat2 beneath inside", fd);
  close(fd);
  how.resolve = RESOLVE_IN_ROOT;
  fd = syscall(SYS_openat2, dir, "/a", &how, sizeof how);
  expect_ok("openat2 in root absolute", fd);
  close(fd);
  fd = syscall(SYS_openat2, dir, "../../b", &how, sizeof how);
  expect_ok("openat2 in root dotdot clamps", fd);
  close(fd);
  how.resolve = RESOLVE_NO_XDEV;
  int root = open("/", O_RDONLY | O_DIRECTORY);
  expect_err("openat2 no xdev", syscall(SYS_openat2, root, "dev/shm", &how, sizeof how), EXDEV);
  unlink(f);
  unlink(g);
  return contract_end("vfs_copy");
}
