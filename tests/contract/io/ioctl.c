/* ioctl: terminal requests on a regular file, a directory and a pipe give
 * ENOTTY; a closed fd gives EBADF. (The runner's stdout is a pipe.) */
#include <sys/ioctl.h>
#include <termios.h>
#include "contract.h"

int main(void) {
  struct termios t;
  struct winsize ws;
  int fd = (int)expect_ok("open hello.txt", openat(AT_FDCWD, "hello.txt", O_RDONLY));
  expect_err("TCGETS regular file", ioctl(fd, TCGETS, &t), ENOTTY);
  expect_err("TIOCGWINSZ regular file", ioctl(fd, TIOCGWINSZ, &ws), ENOTTY);
  expect_err("TIOCGPGRP regular file", syscall(SYS_ioctl, fd, TIOCGPGRP, &ws), ENOTTY);
  close(fd);
  expect_err("TCGETS closed fd", ioctl(fd, TCGETS, &t), EBADF);
  fd = (int)expect_ok("open dir", openat(AT_FDCWD, "dir", O_RDONLY | O_DIRECTORY));
  expect_err("TCGETS directory", ioctl(fd, TCGETS, &t), ENOTTY);
  close(fd);
  fflush(stdout);
  expect_err("TCGETS stdout pipe", ioctl(1, TCGETS, &t), ENOTTY);
  check("isatty(stdout) false", !isatty(1));
  return contract_end("ioctl");
}
