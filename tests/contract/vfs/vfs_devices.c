/* The memory devices: /dev/null reads EOF and swallows writes, /dev/zero
 * reads zeros, /dev/full fails writes with ENOSPC, /dev/urandom and
 * /dev/random give bytes; lseek on them returns 0; their stat types and
 * device numbers. */
#include "contract.h"
#include <sys/stat.h>
#include <sys/sysmacros.h>

static void numbers(const char *path) {
  struct stat st;
  if (stat(path, &st) != 0) { printf("%s: missing\n", path); return; }
  printf("%s: chr=%d %u:%u mode %o\n", path, S_ISCHR(st.st_mode), major(st.st_rdev), minor(st.st_rdev), st.st_mode & 0777);
}

int main(void) {
  char buf[64];
  int fd = open("/dev/null", O_RDWR);
  expect_ok("open null", fd);
  expect_eq("read null", read(fd, buf, sizeof buf), 0);
  expect_eq("write null", write(fd, "abc", 3), 3);
  expect_eq("lseek null", lseek(fd, 100, SEEK_SET), 0);
  close(fd);
  fd = open("/dev/zero", O_RDONLY);
  memset(buf, 1, sizeof buf);
  expect_eq("read zero", read(fd, buf, sizeof buf), 64);
  int zeros = 1;
  for (int i = 0; i < 64; i++) zeros &= buf[i] == 0;
  check("all zero", zeros);
  close(fd);
  fd = open("/dev/full", O_WRONLY);
  expect_err("write full", write(fd, "x", 1), ENOSPC);
  close(fd);
  fd = open("/dev/urandom", O_RDONLY);
  expect_eq("read urandom", read(fd, buf, 32), 32);
  close(fd);
  fd = open("/dev/random", O_RDONLY);
  expect_eq("read random", read(fd, buf, 16), 16);
  close(fd);
  numbers("/dev/null");
  numbers("/dev/zero");
  numbers("/dev/full");
  numbers("/dev/random");
  numbers("/dev/urandom");
  struct stat st;
  expect_ok("stat /dev/shm", stat("/dev/shm", &st));
  check("shm is dir", S_ISDIR(st.st_mode));
  printf("shm mode %o\n", st.st_mode & 07777);
  return contract_end("vfs_devices");
}
