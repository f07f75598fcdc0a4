/* Input and output flags on a pty: ICRNL, INLCR, IGNCR, ISTRIP on what the
 * master types; OPOST with ONLCR, OCRNL, ONOCR, ONLRET, OLCUC on what the
 * slave writes; and c_cflag, which a pty keeps at CS8|CREAD without parity
 * whatever is asked. */
#include "pty_util.h"

static int m, s;
static struct termios base;

static void typed(const char *what, tcflag_t iflag, const char *keys, int n) {
  struct termios t = base;
  cfmakeraw(&t);
  t.c_iflag = iflag;
  t.c_cc[VMIN] = 1;
  t.c_cc[VTIME] = 0;
  tcsetattr(s, TCSANOW, &t);
  write(m, keys, n);
  char buf[64];
  int got = 0;
  while (got < (int)sizeof buf && readable(s, 300)) {
    int r = read(s, buf + got, sizeof buf - got);
    if (r <= 0) break;
    got += r;
  }
  show(what, buf, got);
}

static void written(const char *what, tcflag_t oflag, const char *text) {
  struct termios t = base;
  t.c_oflag = oflag;
  tcsetattr(s, TCSANOW, &t);
  write(s, text, strlen(text));
  show_output(what, m);
}

int main(void) {
  expect_ok("open pair", open_pair(&m, &s));
  tcgetattr(s, &base);
  typed("ICRNL", ICRNL, "a\rb\n", 4);
  typed("INLCR", INLCR, "a\rb\n", 4);
  typed("IGNCR", IGNCR | ICRNL, "a\rb\n", 4);
  typed("none", 0, "a\rb\n", 4);
  typed("ISTRIP", ISTRIP, "\xc1\xe2", 2);
  typed("no ISTRIP", 0, "\xc1\xe2", 2);
  tcsetattr(s, TCSANOW, &base);

  written("OPOST ONLCR", OPOST | ONLCR, "a\nb\n");
  written("OPOST OCRNL", OPOST | OCRNL, "a\rb\r");
  written("ONOCR", OPOST | ONOCR, "\rab\rc\n\r");
  written("ONLRET with ONOCR", OPOST | ONLRET | ONOCR, "ab\n\rc");
  written("OLCUC", OPOST | OLCUC, "MiXed 123\n");
  written("no OPOST", ONLCR | OCRNL, "a\nb\r");
  tcsetattr(s, TCSANOW, &base);

  struct termios t = base;
  t.c_cflag = (t.c_cflag & ~CSIZE) | CS7 | PARENB | PARODD;
  expect_ok("ask for CS7 with parity", tcsetattr(s, TCSANOW, &t));
  tcgetattr(s, &t);
  printf("CSIZE is CS8: %s, PARENB: %s, CREAD: %s, PARODD kept: %s\n", yes((t.c_cflag & CSIZE) == CS8),
         yes(t.c_cflag & PARENB), yes(t.c_cflag & CREAD), yes(t.c_cflag & PARODD));
  t.c_cflag &= ~CREAD;
  tcsetattr(m, TCSANOW, &t);
  tcgetattr(s, &t);
  printf("CREAD cleared through the master stays: %s\n", yes(t.c_cflag & CREAD));
  return contract_end("pty_io_flags");
}
