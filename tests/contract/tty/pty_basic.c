/* A pty pair: posix_openpt/grantpt/unlockpt/ptsname, the default termios of
 * both sides, canonical and raw reads, echo, output processing, VMIN/VTIME,
 * window size, and what each side sees when the other closes. */
#include "contract.h"
#include <poll.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/ioctl.h>
#include <termios.h>

static int readable(int fd, int ms) {
  struct pollfd p = {fd, POLLIN, 0};
  return poll(&p, 1, ms) == 1 && (p.revents & POLLIN);
}

/* Reads what the master has within a short while (echo arrives asynchronously on Linux). */
static int drain(int m, char *buf, int size) {
  int n = 0;
  while (n < size - 1 && readable(m, 200)) {
    int r = read(m, buf + n, size - 1 - n);
    if (r <= 0) break;
    n += r;
  }
  buf[n] = 0;
  return n;
}

static void show(const char *what, const char *s) {
  printf("%s: \"", what);
  for (; *s; s++) {
    unsigned char c = *s;
    if (c < 32 || c == 127) printf("\\x%02x", c);
    else putchar(c);
  }
  printf("\"\n");
}

int main(void) {
  char buf[256];
  int m = posix_openpt(O_RDWR | O_NOCTTY);
  expect_ok("posix_openpt", m);
  expect_ok("grantpt", grantpt(m));
  /* A slave cannot be opened while locked. */
  char *name = ptsname(m);
  check("ptsname under /dev/pts", name != NULL && strncmp(name, "/dev/pts/", 9) == 0);
  unsigned ptn = 999999;
  expect_ok("TIOCGPTN", ioctl(m, TIOCGPTN, &ptn));
  check("TIOCGPTN matches ptsname", name && (unsigned)atoi(name + 9) == ptn);
  char path[64];
  snprintf(path, sizeof path, "/dev/pts/%u", ptn);
  expect_err("open locked slave", open(path, O_RDWR | O_NOCTTY), EIO);
  int lock = 1;
  expect_ok("TIOCGPTLCK", ioctl(m, TIOCGPTLCK, &lock));
  expect_eq("locked", lock, 1);
  expect_ok("unlockpt", unlockpt(m));
  int s = open(path, O_RDWR | O_NOCTTY);
  expect_ok("open slave", s);
  check("isatty master", isatty(m));
  check("isatty slave", isatty(s));
  struct stat st;
  expect_ok("fstat slave", fstat(s, &st));
  check("slave is a char device 136", S_ISCHR(st.st_mode) && major(st.st_rdev) == 136 && minor(st.st_rdev) == ptn);

  struct termios t;
  expect_ok("tcgetattr slave", tcgetattr(s, &t));
  printf("slave iflag %o oflag %o cflag %o lflag %o\n", t.c_iflag, t.c_oflag, t.c_cflag & ~CBAUD, t.c_lflag);
  printf("slave cc intr %d quit %d erase %d kill %d eof %d min %d time %d susp %d\n", t.c_cc[VINTR], t.c_cc[VQUIT],
         t.c_cc[VERASE], t.c_cc[VKILL], t.c_cc[VEOF], t.c_cc[VMIN], t.c_cc[VTIME], t.c_cc[VSUSP]);
  printf("slave speed %d\n", (int)cfgetospeed(&t) == B38400);
  struct termios mt;
  expect_ok("tcgetattr master", tcgetattr(m, &mt));
  /* Termios ioctls on a master act on its slave (tty_mode_ioctl). */
  check("master termios is the slave's", mt.c_iflag == t.c_iflag && mt.c_lflag == t.c_lflag);

  /* Canonical: the line arrives whole, its echo goes back to the master. */
  expect_eq("write line", write(m, "hello\n", 6), 6);
  expect_eq("read line", read(s, buf, sizeof buf), 6);
  drain(m, buf, sizeof buf);
  show("echo", buf);
  /* Editing: DEL erases; nothing is readable before the newline. */
  write(m, "ab", 2);
  check("partial line not readable", !readable(s, 100));
  write(m, "\x7f" "c\n", 3);
  int n = read(s, buf, sizeof buf);
  buf[n > 0 ? n : 0] = 0;
  show("edited line", buf);
  drain(m, buf, sizeof buf);
  show("edit echo", buf);
  /* ^U kills the line, ^W a word. */
  write(m, "one two\x17" "three\x15" "four\n", 19);
  n = read(s, buf, sizeof buf);
  buf[n > 0 ? n : 0] = 0;
  show("kill and werase", buf);
  drain(m, buf, sizeof buf);
  /* A short read leaves the rest of the line. */
  write(m, "abcdef\n", 7);
  expect_eq("short read", read(s, buf, 2), 2);
  expect_eq("rest of line", read(s, buf, sizeof buf), 5);
  drain(m, buf, sizeof buf);
  /* ^D at the start of a line is end of file. */
  write(m, "\x04", 1);
  expect_eq("read at EOF char", read(s, buf, sizeof buf), 0);
  /* Output processing: ONLCR. */
  write(s, "x\ny", 3);
  drain(m, buf, sizeof buf);
  show("slave output", buf);

  /* FIONREAD counts a complete line. */
  write(m, "12345\n", 6);
  readable(s, 200);
  int avail = -1;
  expect_ok("FIONREAD", ioctl(s, FIONREAD, &avail));
  expect_eq("FIONREAD bytes", avail, 6);
  tcflush(s, TCIFLUSH);
  check("flushed", !readable(s, 100));
  drain(m, buf, sizeof buf);

  /* Raw: bytes readable at once, no echo, ICRNL off. */
  struct termios raw = t;
  cfmakeraw(&raw);
  raw.c_cc[VMIN] = 1;
  raw.c_cc[VTIME] = 0;
  expect_ok("tcsetattr raw", tcsetattr(s, TCSANOW, &raw));
  write(m, "q\r", 2);
  readable(s, 200);
  expect_eq("raw read", read(s, buf, sizeof buf), 2);
  check("raw keeps CR", buf[1] == '\r');
  check("raw has no echo", !readable(m, 100));
  write(s, "a\nb", 3);
  n = drain(m, buf, sizeof buf);
  expect_eq("raw output bytes", n, 3);
  /* VMIN = 0, VTIME = 0: a read never waits. */
  raw.c_cc[VMIN] = 0;
  tcsetattr(s, TCSANOW, &raw);
  expect_eq("min0 time0 empty", read(s, buf, sizeof buf), 0);
  /* VMIN = 0, VTIME = 1: waits a tenth of a second, then 0. */
  raw.c_cc[VTIME] = 1;
  tcsetattr(s, TCSANOW, &raw);
  expect_eq("min0 time1 timeout", read(s, buf, sizeof buf), 0);
  write(m, "z", 1);
  expect_eq("min0 time1 data", read(s, buf, sizeof buf), 1);
  /* VMIN = 3, VTIME = 0: waits for three bytes. */
  raw.c_cc[VMIN] = 3;
  raw.c_cc[VTIME] = 0;
  tcsetattr(s, TCSANOW, &raw);
  write(m, "123", 3);
  expect_eq("min3 read", read(s, buf, sizeof buf), 3);
  /* VMIN = 5, VTIME = 1: the inter-byte timer ends the read with fewer. */
  raw.c_cc[VMIN] = 5;
  raw.c_cc[VTIME] = 1;
  tcsetattr(s, TCSANOW, &raw);
  write(m, "ab", 2);
  expect_eq("min5 time1 read", read(s, buf, sizeof buf), 2);
  /* O_NONBLOCK with nothing to read. */
  raw.c_cc[VMIN] = 1;
  raw.c_cc[VTIME] = 0;
  tcsetattr(s, TCSANOW, &raw);
  fcntl(s, F_SETFL, O_RDWR | O_NONBLOCK);
  expect_err("nonblocking empty read", read(s, buf, sizeof buf), EAGAIN);
  fcntl(s, F_SETFL, O_RDWR);

  /* termios round trip. */
  struct termios back;
  tcgetattr(s, &back);
  check("termios round trip", back.c_iflag == raw.c_iflag && back.c_oflag == raw.c_oflag &&
        back.c_lflag == raw.c_lflag && back.c_cc[VMIN] == 1 && back.c_cc[VTIME] == 0);
  tcsetattr(s, TCSANOW, &t);

  /* Window size: set on the master, seen on the slave. */
  struct winsize ws;
  expect_ok("TIOCGWINSZ", ioctl(s, TIOCGWINSZ, &ws));
  printf("initial size %dx%d\n", ws.ws_row, ws.ws_col);
  struct winsize big = {40, 120, 0, 0};
  expect_ok("TIOCSWINSZ master", ioctl(m, TIOCSWINSZ, &big));
  ioctl(s, TIOCGWINSZ, &ws);
  printf("slave size %dx%d\n", ws.ws_row, ws.ws_col);

  /* Not our controlling terminal. */
  pid_t pg;
  expect_err("TIOCGPGRP on a non-ctty slave", ioctl(s, TIOCGPGRP, &pg), ENOTTY);
  expect_err("TIOCSPGRP on a non-ctty slave", ioctl(s, TIOCSPGRP, &pg), ENOTTY);
  expect_err("tcgetsid non-ctty", tcgetsid(s), ENOTTY);
  int pfd[2];
  pipe(pfd);
  expect_err("tcgetattr pipe", tcgetattr(pfd[0], &t), ENOTTY);

  /* The slave closes: the master reads EIO once drained. */
  close(s);
  expect_err("master read after slave close", read(m, buf, sizeof buf), EIO);
  /* The master closes: a reopened slave hangs up... the pair is gone. */
  int s2 = open(path, O_RDWR | O_NOCTTY);
  expect_ok("reopen slave", s2);
  close(m);
  expect_eq("slave read after master close", read(s2, buf, sizeof buf), 0);
  expect_err("slave write after master close", write(s2, "x", 1), EIO);
  close(s2);
  expect_err("open slave of a closed pair", open(path, O_RDWR | O_NOCTTY), ENOENT);
  return contract_end("pty_basic");
}
