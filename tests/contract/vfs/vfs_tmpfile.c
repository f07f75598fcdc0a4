/* O_TMPFILE in /dev/shm: an unnamed file that can be written, read and
 * named with linkat(AT_EMPTY_PATH); EINVAL without write access; ENOTDIR
 * on a file; and O_CREAT/O_TRUNC/O_APPEND/O_DIRECTORY on ordinary files. */
#include "contract.h"
#include <sys/stat.h>
#include <dirent.h>

int main(void) {
  int fd = open("/dev/shm", O_TMPFILE | O_RDWR, 0600);
  expect_ok("O_TMPFILE", fd);
  expect_eq("write", write(fd, "secret", 6), 6);
  char buf[8] = {0};
  expect_eq("pread", pread(fd, buf, 6, 0), 6);
  printf("read %s\n", buf);
  struct stat st;
  fstat(fd, &st);
  expect_eq("nlink 0", st.st_nlink, 0);
  check("regular", S_ISREG(st.st_mode));
  char name[128];
  snprintf(name, sizeof name, "/dev/shm/aramid-tmpfile-%d", (int)getpid());
  expect_ok("linkat", linkat(fd, "", AT_FDCWD, name, AT_EMPTY_PATH));
  fstat(fd, &st);
  expect_eq("nlink 1", st.st_nlink, 1);
  close(fd);
  expect_eq("size", (stat(name, &st), st.st_size), 6);
  expect_err("read-only O_TMPFILE", open("/dev/shm", O_TMPFILE | O_RDONLY, 0600), EINVAL);
  expect_err("O_TMPFILE on a file", open(name, O_TMPFILE | O_RDWR, 0600), ENOTDIR);
  fd = open(name, O_WRONLY | O_APPEND);
  write(fd, "!", 1);
  close(fd);
  stat(name, &st);
  expect_eq("appended", st.st_size, 7);
  fd = open(name, O_WRONLY | O_TRUNC);
  fstat(fd, &st);
  expect_eq("truncated", st.st_size, 0);
  close(fd);
  expect_err("O_DIRECTORY on file", open(name, O_RDONLY | O_DIRECTORY), ENOTDIR);
  expect_err("write a directory", open("/dev/shm", O_WRONLY), EISDIR);
  expect_err("O_CREAT dir", open("/dev/shm", O_RDONLY | O_CREAT, 0600), EISDIR);
  fd = open(name, O_PATH);
  expect_ok("O_PATH", fd);
  expect_err("read O_PATH", read(fd, buf, 1), EBADF);
  expect_ok("fstat O_PATH", fstat(fd, &st));
  close(fd);
  expect_ok("unlink", unlink(name));
  return contract_end("vfs_tmpfile");
}
