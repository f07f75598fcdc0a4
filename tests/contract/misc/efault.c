/* A bad user pointer gives EFAULT (and never crashes the kernel or the
 * process) from every kind of access: reading a buffer (write), writing a
 * buffer (read, stat, uname, clock_gettime), reading a path (openat,
 * newfstatat, faccessat), reading an iovec array (writev). */
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include "contract.h"

int main(void) {
  struct stat st;
  int fd = (int)expect_ok("open hello.txt", openat(AT_FDCWD, "hello.txt", O_RDONLY));
  fflush(stdout);
  expect_err("write from (void*)1", syscall(SYS_write, 1, BAD_PTR, 10), EFAULT);
  expect_err("read into (void*)1", syscall(SYS_read, fd, BAD_PTR, 10), EFAULT);
  expect_err("read into kernel-half address", syscall(SYS_read, fd, (void *)0xffffffffffff0000ULL, 10), EFAULT);
  expect_err("fstat into (void*)1", syscall(SYS_fstat, fd, BAD_PTR), EFAULT);
  expect_err("stat into (void*)1", syscall(SYS_newfstatat, AT_FDCWD, "hello.txt", BAD_PTR, 0), EFAULT);
  expect_err("stat path (char*)1", syscall(SYS_newfstatat, AT_FDCWD, BAD_PTR, &st, 0), EFAULT);
  expect_err("openat path (char*)1", syscall(SYS_openat, AT_FDCWD, BAD_PTR, O_RDONLY), EFAULT);
  expect_err("faccessat path (char*)1", syscall(SYS_faccessat, AT_FDCWD, BAD_PTR, F_OK), EFAULT);
  expect_err("uname into (void*)1", syscall(SYS_uname, BAD_PTR), EFAULT);
  expect_err("clock_gettime into (void*)1", syscall(SYS_clock_gettime, CLOCK_REALTIME, BAD_PTR), EFAULT);
  expect_err("writev iov (void*)1", syscall(SYS_writev, 1, BAD_PTR, 1), EFAULT);
  struct iovec iov = {BAD_PTR, 4};
  expect_err("writev iov_base (void*)1", syscall(SYS_writev, 1, &iov, 1), EFAULT);
  expect_err("NULL buffer", syscall(SYS_read, fd, NULL, 10), EFAULT);
  expect_eq("file offset unchanged", lseek(fd, 0, SEEK_CUR), 0);
  close(fd);
  return contract_end("efault");
}
