/* getdents64: the entries of dir/ (sorted, with d_type), that a second call
 * at the end returns 0 and lseek(0) rewinds, small buffers, and the errors:
 * EINVAL (buffer too small for one entry), ENOTDIR (a file), EBADF, EFAULT. */
#include <dirent.h>
#include "contract.h"

struct linux_dirent64 {
  unsigned long long d_ino;
  long long d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[];
};

static char names[64][64];
static int count;

static int cmp(const void *a, const void *b) { return strcmp(a, b); }

static const char *type_name(unsigned char t) {
  return t == DT_REG ? "reg" : t == DT_DIR ? "dir" : t == DT_LNK ? "lnk" : t == DT_UNKNOWN ? "unknown" : "other";
}

/* Reads the whole directory with a buffer of `size` bytes. */
static int read_all(int fd, size_t size) {
  char buf[4096];
  long n;
  int calls = 0;
  count = 0;
  while ((n = syscall(SYS_getdents64, fd, buf, size)) > 0) {
    calls++;
    for (long off = 0; off < n;) {
      struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);
      if (count < 64) snprintf(names[count++], 64, "%s %s", d->d_name, type_name(d->d_type));
      off += d->d_reclen;
    }
  }
  if (n < 0) fail("getdents64 failed: %s", errno_name(errno));
  qsort(names, (size_t)count, sizeof names[0], cmp);
  return calls;
}

int main(void) {
  char buf[4096];
  int fd = (int)expect_ok("open dir", openat(AT_FDCWD, "dir", O_RDONLY | O_DIRECTORY));
  read_all(fd, sizeof buf);
  for (int i = 0; i < count; i++) printf("entry %s\n", names[i]);
  expect_eq("at end", syscall(SYS_getdents64, fd, buf, sizeof buf), 0);
  expect_eq("rewind", lseek(fd, 0, SEEK_SET), 0);
  read_all(fd, sizeof buf);
  expect_eq("entries after rewind", count, 5);
  expect_eq("rewind again", lseek(fd, 0, SEEK_SET), 0);
  /* 40 bytes hold exactly one short entry, so each call returns one. */
  int calls = read_all(fd, 40);
  expect_eq("entries with 40-byte buffer", count, 5);
  check("one entry per call", calls == 5);
  expect_eq("rewind third", lseek(fd, 0, SEEK_SET), 0);
  expect_err("buffer too small", syscall(SYS_getdents64, fd, buf, 8), EINVAL);
  expect_err("bad buffer", syscall(SYS_getdents64, fd, BAD_PTR, sizeof buf), EFAULT);
  close(fd);
  expect_err("closed fd", syscall(SYS_getdents64, fd, buf, sizeof buf), EBADF);
  fd = (int)expect_ok("open file", openat(AT_FDCWD, "hello.txt", O_RDONLY));
  expect_err("on a file", syscall(SYS_getdents64, fd, buf, sizeof buf), ENOTDIR);
  close(fd);
  fd = (int)expect_ok("open dir/sub", openat(AT_FDCWD, "dir/sub", O_RDONLY | O_DIRECTORY));
  read_all(fd, sizeof buf);
  for (int i = 0; i < count; i++) printf("sub entry %s\n", names[i]);
  close(fd);
  return contract_end("getdents64");
}
