/* The line discipline's echo and editing forms on a pty, as the master
 * sees them: ECHOE, ECHOK/ECHOKE, ECHOCTL, ECHONL, VREPRINT, VLNEXT, tab
 * erase, output flags (ONLCR, OCRNL, XTABS) and IXON holding output. */
#include "contract.h"
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>

static int m, s;
static struct termios base;

static int readable(int fd, int ms) {
  struct pollfd p = {fd, POLLIN, 0};
  return poll(&p, 1, ms) == 1 && (p.revents & POLLIN);
}

static void show(const char *what, const char *s, int n) {
  printf("%s: \"", what);
  for (int i = 0; i < n; i++) {
    unsigned char c = s[i];
    if (c < 32 || c >= 127) printf("\\x%02x", c);
    else putchar(c);
  }
  printf("\"\n");
}

/* What the master gets within a short while. */
static void echo_of(const char *what) {
  char buf[512];
  int n = 0;
  while (n < (int)sizeof buf - 1 && readable(m, 200)) {
    int r = read(m, buf + n, sizeof buf - 1 - n);
    if (r <= 0) break;
    n += r;
  }
  show(what, buf, n);
}

/* Types `keys` with termios changed by (lclear, lset, oset), shows the echo and the line read. */
static void typed(const char *what, const char *keys, int klen, tcflag_t lclear, tcflag_t lset, tcflag_t oflag) {
  struct termios t = base;
  t.c_lflag = (t.c_lflag & ~lclear) | lset;
  if (oflag) t.c_oflag = oflag;
  tcsetattr(s, TCSANOW, &t);
  write(m, keys, klen);
  echo_of(what);
  char buf[256];
  int n = 0;
  if (readable(s, 200)) n = read(s, buf, sizeof buf);
  show("  line", buf, n > 0 ? n : 0);
  tcflush(s, TCIFLUSH);
  tcsetattr(s, TCSANOW, &base);
}

int main(void) {
  m = posix_openpt(O_RDWR | O_NOCTTY);
  grantpt(m);
  unlockpt(m);
  s = open(ptsname(m), O_RDWR | O_NOCTTY);
  expect_ok("open slave", s);
  tcgetattr(s, &base);

  typed("plain", "ab\tc\n", 5, 0, 0, 0);
  typed("erase", "abc\x7f\x7f" "d\n", 7, 0, 0, 0);
  typed("erase no ECHOE", "ab\x7f" "c\n", 5, ECHOE, 0, 0);
  typed("erase tab", "a\tb\x7f\x7f" "c\n", 7, 0, 0, 0);
  typed("erase control", "a\x01\x7f" "b\n", 5, 0, 0, 0);
  typed("erase control no ECHOCTL", "a\x01\x7f" "b\n", 5, ECHOCTL, 0, 0);
  typed("kill ECHOKE", "abc\x15" "d\n", 6, 0, 0, 0);
  typed("kill ECHOK", "abc\x15" "d\n", 6, ECHOKE, 0, 0);
  typed("kill no ECHOK", "abc\x15" "d\n", 6, ECHOKE | ECHOK, 0, 0);
  typed("werase", "one two\x17" "x\n", 10, 0, 0, 0);
  typed("werase punctuation", "a b.c  \x17\n", 9, 0, 0, 0);
  typed("reprint", "ab\x12" "c\n", 5, 0, 0, 0);
  typed("lnext", "a\x16\x15" "b\n", 5, 0, 0, 0);
  typed("control chars", "\x01\x1b[A\n", 5, 0, 0, 0);
  typed("no ECHOCTL", "\x01x\n", 3, ECHOCTL, 0, 0);
  typed("ECHONL without ECHO", "pw\n", 3, ECHO, ECHONL, 0);
  typed("no echo", "pw\n", 3, ECHO, 0, 0);
  typed("CR", "ab\r", 3, 0, 0, 0);
  typed("raw echo", "a\rb", 3, ICANON, 0, 0);
  typed("no ISIG", "\x03\n", 2, ISIG, 0, 0);

  /* Output flags. */
  struct termios t = base;
  t.c_oflag = OPOST | OCRNL;
  tcsetattr(s, TCSANOW, &t);
  write(s, "a\rb\n", 4);
  echo_of("OCRNL");
  t.c_oflag = OPOST | ONLCR | XTABS;
  tcsetattr(s, TCSANOW, &t);
  write(s, "ab\tc\n", 5);
  echo_of("XTABS");
  t.c_oflag = 0;
  tcsetattr(s, TCSANOW, &t);
  write(s, "a\nb", 3);
  echo_of("no OPOST");
  tcsetattr(s, TCSANOW, &base);

  /* ^S holds output until ^Q. */
  write(m, "\x13", 1);
  usleep(100000);
  fcntl(s, F_SETFL, O_RDWR | O_NONBLOCK);
  int r = write(s, "held", 4);
  check("write while stopped does not go through", r < 0 ? errno == EAGAIN : !readable(m, 200));
  fcntl(s, F_SETFL, O_RDWR);
  write(m, "\x11", 1);
  usleep(100000);
  if (r < 0) write(s, "held", 4);
  echo_of("after ^Q");
  return contract_end("pty_echo");
}
