/* statfs/fstatfs: tmpfs's magic at /dev/shm, ENOENT, EBADF, ENOTDIR; and
 * fsync/fdatasync/syncfs/sync on a file (success) and on a pipe (EINVAL). */
#include "contract.h"
#include <sys/vfs.h>

int main(void) {
  struct statfs s;
  expect_ok("statfs shm", statfs("/dev/shm", &s));
  printf("type %lx\n", (unsigned long)s.f_type);
  check("bsize", s.f_bsize == 4096);
  check("namelen", s.f_namelen == 255);
  check("free <= total", s.f_bfree <= s.f_blocks);
  expect_err("statfs missing", statfs("/no/such", &s), ENOENT);
  expect_err("statfs through file", statfs("hello.txt/x", &s), ENOTDIR);
  int fd = open("/dev/shm", O_RDONLY | O_DIRECTORY);
  expect_ok("fstatfs", fstatfs(fd, &s));
  printf("type %lx\n", (unsigned long)s.f_type);
  close(fd);
  expect_err("fstatfs bad fd", fstatfs(99, &s), EBADF);
  char f[128];
  snprintf(f, sizeof f, "%s", tmp_path("statfs"));
  fd = open(f, O_CREAT | O_RDWR, 0600);
  expect_ok("fsync", fsync(fd));
  expect_ok("fdatasync", fdatasync(fd));
  expect_ok("syncfs", syncfs(fd));
  sync();
  close(fd);
  unlink(f);
  int p[2];
  pipe(p);
  expect_err("fsync pipe", fsync(p[0]), EINVAL);
  expect_err("fsync bad fd", fsync(99), EBADF);
  return contract_end("vfs_statfs");
}
