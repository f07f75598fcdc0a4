/* TIOCGPTN, TIOCSPTLCK/TIOCGPTLCK and TIOCGPTPEER: the master's number and
 * lock, the slave opened from the master (EIO while locked), O_CLOEXEC on
 * the peer, and the errors on a slave or a non-tty. */
#include "pty_util.h"

int main(void) {
  int m = posix_openpt(O_RDWR | O_NOCTTY);
  expect_ok("posix_openpt", m);
  unsigned n = 0;
  expect_ok("TIOCGPTN", ioctl(m, TIOCGPTN, &n));
  expect_err("TIOCGPTN bad pointer", ioctl(m, TIOCGPTN, BAD_PTR), EFAULT);
  int lock = -1;
  ioctl(m, TIOCGPTLCK, &lock);
  expect_eq("new pty locked", lock, 1);
  expect_err("TIOCGPTPEER while locked", ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY), EIO);
  int zero = 0, one = 1;
  expect_ok("TIOCSPTLCK 0", ioctl(m, TIOCSPTLCK, &zero));
  ioctl(m, TIOCGPTLCK, &lock);
  expect_eq("unlocked", lock, 0);
  expect_err("TIOCSPTLCK bad pointer", ioctl(m, TIOCSPTLCK, BAD_PTR), EFAULT);
  int s = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
  expect_ok("TIOCGPTPEER", s);
  check("peer is a tty", isatty(s));
  check("peer has FD_CLOEXEC", (fcntl(s, F_GETFD) & FD_CLOEXEC) != 0);
  check("peer is read-write", (fcntl(s, F_GETFL) & O_ACCMODE) == O_RDWR);
  char path[64];
  snprintf(path, sizeof path, "/dev/pts/%u", n);
  struct stat a, b;
  stat(path, &a);
  fstat(s, &b);
  check("peer is /dev/pts/N", a.st_rdev == b.st_rdev && a.st_ino == b.st_ino);
  int ro = ioctl(m, TIOCGPTPEER, O_RDONLY | O_NOCTTY);
  expect_ok("read-only peer", ro);
  check("read-only peer is read-only", (fcntl(ro, F_GETFL) & O_ACCMODE) == O_RDONLY);
  expect_err("write on a read-only peer", write(ro, "x", 1), EBADF);
  close(ro);
  write(m, "ping\n", 5);
  char buf[16];
  expect_eq("peer reads", read(s, buf, sizeof buf), 5);
  drain(m, buf, sizeof buf);

  /* The master's ioctls are not the slave's. */
  expect_err("TIOCGPTN on the slave", ioctl(s, TIOCGPTN, &n), ENOTTY);
  expect_err("TIOCSPTLCK on the slave", ioctl(s, TIOCSPTLCK, &one), ENOTTY);
  expect_err("TIOCGPTLCK on the slave", ioctl(s, TIOCGPTLCK, &lock), ENOTTY);
  expect_err("TIOCGPTPEER on the slave", ioctl(s, TIOCGPTPEER, O_RDWR), EIO);
  int pfd[2];
  pipe(pfd);
  expect_err("TIOCGPTN on a pipe", ioctl(pfd[0], TIOCGPTN, &n), ENOTTY);

  /* Locked again: new opens fail, the open one keeps working. */
  ioctl(m, TIOCSPTLCK, &one);
  expect_err("open after relocking", open(path, O_RDWR | O_NOCTTY), EIO);
  expect_err("TIOCGPTPEER after relocking", ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY), EIO);
  /* A refused open marks the tty (TTY_IO_ERROR): the open slave fails too, until an open succeeds. */
  expect_err("slave write after a refused open", write(s, "pong", 4), EIO);
  expect_err("slave read after a refused open", read(s, buf, 1), EIO);
  ioctl(m, TIOCSPTLCK, &zero);
  int s2 = open(path, O_RDWR | O_NOCTTY);
  expect_ok("open after unlocking", s2);
  expect_eq("slave write after a good open", write(s, "pong", 4), 4);
  expect_eq("master reads it", drain(m, buf, sizeof buf), 4);
  close(s2);
  close(s);
  close(m);
  expect_err("slave node gone", open(path, O_RDWR | O_NOCTTY), ENOENT);
  return contract_end("pty_ptn_lock");
}
