/* memfd_create: an unnamed tmpfs file; seals with MFD_ALLOW_SEALING; mmap. */
#include "contract.h"
#include <sys/mman.h>
#include <sys/stat.h>

int main(void) {
  char name[300], buf[16];
  memset(name, 'n', sizeof name);
  name[250] = 0;
  expect_err("name too long", memfd_create(name, 0), EINVAL);
  name[249] = 0;
  int lfd = memfd_create(name, 0);
  check("249-byte name ok", lfd >= 0);
  close(lfd);
  expect_err("bad flags", memfd_create("x", 0x100), EINVAL);
  expect_err("bad name ptr", memfd_create(BAD_PTR, 0), EFAULT);
  int fd = memfd_create("test", MFD_CLOEXEC);
  check("created", fd >= 0);
  expect_eq("cloexec", fcntl(fd, F_GETFD), FD_CLOEXEC);
  expect_eq("accmode", fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR);
  struct stat st;
  fstat(fd, &st);
  expect_eq("regular", S_ISREG(st.st_mode), 1);
  expect_eq("empty", st.st_size, 0);
  expect_eq("write", write(fd, "hello memfd", 11), 11);
  expect_eq("lseek", lseek(fd, 0, SEEK_SET), 0);
  expect_eq("read", read(fd, buf, sizeof buf), 11);
  check("content", memcmp(buf, "hello memfd", 11) == 0);
  expect_eq("ftruncate", ftruncate(fd, 8192), 0);
  fstat(fd, &st);
  expect_eq("size", st.st_size, 8192);
  char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  check("mmap", p != MAP_FAILED);
  check("mapped content", memcmp(p, "hello memfd", 11) == 0);
  char link[64] = {0};
  snprintf(buf, sizeof buf, "/proc/self/fd/%d", fd);
  readlink(buf, link, sizeof link - 1);
  printf("link: %s\n", link);
  expect_eq("no seals allowed", fcntl(fd, F_GET_SEALS), F_SEAL_SEAL);
  expect_err("add seal refused", fcntl(fd, F_ADD_SEALS, F_SEAL_GROW), EPERM);
  int reg = open("hello.txt", O_RDONLY);
  expect_err("get seals on ext file", fcntl(reg, F_GET_SEALS), EINVAL);

  int s = memfd_create("sealed", MFD_ALLOW_SEALING);
  expect_eq("no seals yet", fcntl(s, F_GET_SEALS), 0);
  write(s, "abcd", 4);
  expect_err("bad seal", fcntl(s, F_ADD_SEALS, 0x1000), EINVAL);
  expect_eq("seal shrink", fcntl(s, F_ADD_SEALS, F_SEAL_SHRINK), 0);
  expect_err("shrink refused", ftruncate(s, 2), EPERM);
  expect_eq("grow ok", ftruncate(s, 10), 0);
  expect_eq("seal grow", fcntl(s, F_ADD_SEALS, F_SEAL_GROW), 0);
  expect_err("grow refused", ftruncate(s, 20), EPERM);
  expect_err("write past end refused", pwrite(s, "zz", 2, 10), EPERM);
  expect_eq("write inside ok", pwrite(s, "zz", 2, 0), 2);
  expect_eq("seal write and seal", fcntl(s, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_SEAL), 0);
  expect_eq("seals", fcntl(s, F_GET_SEALS), F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
  expect_err("write refused", pwrite(s, "zz", 2, 0), EPERM);
  expect_err("no more seals", fcntl(s, F_ADD_SEALS, F_SEAL_SHRINK), EPERM);
  return contract_end("memfd_basic");
}
