/* Non-canonical reads and VMIN/VTIME, checked without timing: bytes already
 * there are returned up to the read's size; poll says readable only once
 * VMIN bytes are there (VTIME 0); a blocked VMIN read returns once enough
 * arrive; VMIN 0 VTIME>0 returns what arrives; O_NONBLOCK overrides VMIN. */
#include "pty_util.h"

static int m, s;
static struct termios raw;

static void set(int min, int time) {
  raw.c_cc[VMIN] = min;
  raw.c_cc[VTIME] = time;
  tcsetattr(s, TCSANOW, &raw);
}

/* Writes `n` bytes to the master one at a time from a child, a little apart. */
static pid_t trickle(int n) {
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    for (int i = 0; i < n; i++) {
      usleep(30000);
      write(m, "x", 1);
    }
    _exit(0);
  }
  return c;
}

int main(void) {
  expect_ok("open pair", open_pair(&m, &s));
  tcgetattr(s, &raw);
  cfmakeraw(&raw);
  char buf[64];
  int avail = 0;

  set(1, 0);
  write(m, "abcdef", 6);
  readable(s, 500);
  expect_eq("min 1: a small read", read(s, buf, 4), 4);
  expect_eq("min 1: the rest", read(s, buf, sizeof buf), 2);

  set(4, 0);
  write(m, "ab", 2);
  usleep(100000);
  check("min 4, 2 bytes: poll not readable", !readable(s, 100));
  ioctl(s, FIONREAD, &avail);
  expect_eq("FIONREAD", avail, 2);
  write(m, "cd", 2);
  check("min 4, 4 bytes: poll readable", readable(s, 1000));
  expect_eq("min 4 read", read(s, buf, sizeof buf), 4);
  write(m, "abcdef", 6);
  readable(s, 500);
  expect_eq("min 4 with 6 there and a 3-byte read", read(s, buf, 3), 3);
  tcflush(s, TCIFLUSH);

  /* A blocked read with VMIN 3 returns once three bytes came, one at a time. */
  set(3, 0);
  pid_t c = trickle(3);
  int n = read(s, buf, sizeof buf);
  check("min 3 blocked read got three", n == 3);
  waitpid(c, NULL, 0);

  /* VMIN 0, VTIME 10: the first byte to arrive ends the wait. */
  set(0, 10);
  c = trickle(1);
  n = read(s, buf, sizeof buf);
  check("min 0 time 10 returns the byte", n == 1);
  waitpid(c, NULL, 0);

  /* VMIN 5, VTIME 5 (inter-byte): at least the first byte, at most five. */
  set(5, 5);
  c = trickle(2);
  n = read(s, buf, sizeof buf);
  check("min 5 time 5 returns 1 or 2", n >= 1 && n <= 2);
  waitpid(c, NULL, 0);
  tcflush(s, TCIFLUSH);

  /* O_NONBLOCK: what is there, or EAGAIN. */
  set(5, 0);
  fcntl(s, F_SETFL, O_RDWR | O_NONBLOCK);
  expect_err("nonblocking, nothing there", read(s, buf, sizeof buf), EAGAIN);
  write(m, "ab", 2);
  usleep(100000);
  expect_eq("nonblocking, less than VMIN", read(s, buf, sizeof buf), 2);
  set(0, 0);
  expect_eq("min 0 time 0 nonblocking, nothing there", read(s, buf, sizeof buf), 0);
  fcntl(s, F_SETFL, O_RDWR);
  expect_eq("min 0 time 0, nothing there", read(s, buf, sizeof buf), 0);
  write(m, "xyz", 3);
  usleep(100000);
  expect_eq("min 0 time 0, data there", read(s, buf, sizeof buf), 3);

  /* Switching to canonical mode makes pending raw input one line. */
  set(1, 0);
  write(m, "raw", 3);
  usleep(100000);
  struct termios canon = raw;
  canon.c_lflag |= ICANON;
  tcsetattr(s, TCSANOW, &canon);
  check("pending input readable in canonical mode", readable(s, 500));
  n = read(s, buf, sizeof buf);
  show("read", buf, n > 0 ? n : 0);
  return contract_end("pty_vmin_vtime");
}
