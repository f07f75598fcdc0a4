/* FIONREAD, TIOCOUTQ and TCFLSH on both sides of a pty: what each side
 * counts as readable, what each flush discards, and the errors. */
#include "pty_util.h"

static int count(int fd) {
  int n = -1;
  ioctl(fd, FIONREAD, &n);
  return n;
}

int main(void) {
  int m, s;
  expect_ok("open pair", open_pair(&m, &s));
  struct termios t;
  tcgetattr(s, &t);
  t.c_lflag &= ~ECHO;
  tcsetattr(s, TCSANOW, &t);
  /* Canonical: only whole lines count. */
  write(m, "one\ntw", 6);
  usleep(100000);
  expect_eq("slave FIONREAD, a line and a half", count(s), 4);
  write(m, "o\n", 2);
  usleep(100000);
  expect_eq("slave FIONREAD, two lines", count(s), 8);
  int q = -1;
  expect_ok("TIOCOUTQ slave", ioctl(s, TIOCOUTQ, &q));
  expect_eq("slave output queue", q, 0);
  expect_ok("TCFLSH TCIFLUSH slave", ioctl(s, TCFLSH, TCIFLUSH));
  expect_eq("slave FIONREAD after flush", count(s), 0);
  check("nothing to read", !readable(s, 100));
  expect_err("TCFLSH bad queue", ioctl(s, TCFLSH, 7), EINVAL);
  expect_err("FIONREAD bad pointer", ioctl(s, FIONREAD, BAD_PTR), EFAULT);

  /* The master counts what the slave wrote and not yet read. */
  write(s, "hello", 5);
  usleep(100000);
  expect_eq("master FIONREAD", count(m), 5);
  expect_ok("TIOCOUTQ master", ioctl(m, TIOCOUTQ, &q));
  expect_eq("master output queue", q, 0);
  char buf[16];
  expect_eq("master reads part", read(m, buf, 2), 2);
  expect_eq("master FIONREAD after part", count(m), 3);
  expect_ok("TCFLSH TCIFLUSH master", ioctl(m, TCFLSH, TCIFLUSH));
  expect_eq("master FIONREAD after flush", count(m), 0);
  check("master has nothing to read", !readable(m, 100));
  /* Raw: every byte counts. */
  cfmakeraw(&t);
  tcsetattr(s, TCSANOW, &t);
  write(m, "abc", 3);
  usleep(100000);
  expect_eq("raw slave FIONREAD", count(s), 3);
  expect_ok("tcflush TCIOFLUSH", tcflush(s, TCIOFLUSH));
  expect_eq("raw slave FIONREAD after TCIOFLUSH", count(s), 0);
  int null = open("/dev/null", O_RDONLY);
  expect_err("TCFLSH on /dev/null", ioctl(null, TCFLSH, TCIFLUSH), ENOTTY);
  return contract_end("pty_flush_queue");
}
