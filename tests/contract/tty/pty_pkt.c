/* TIOCPKT: a packet-mode master reads data behind a TIOCPKT_DATA byte and
 * status changes as one-byte reads (FLUSHREAD, FLUSHWRITE, STOP, START,
 * NOSTOP, DOSTOP), which poll reports as POLLPRI; TIOCGPKT; the ioctls are
 * the master's alone. */
#include "pty_util.h"

static int m, s;

static void status(const char *what) {
  short ev = 0;
  int pri = ready_for(m, POLLPRI | POLLIN, 500, &ev) && (ev & POLLPRI);
  printf("%s: POLLPRI %s POLLIN %s", what, yes(pri), yes(ev & POLLIN));
  unsigned char b[8];
  int n = pri ? read(m, b, sizeof b) : 0;
  printf(" read %d byte 0x%02x\n", n, n > 0 ? b[0] : 0);
}

int main(void) {
  expect_ok("open pair", open_pair(&m, &s));
  int v = -1;
  expect_ok("TIOCGPKT", ioctl(m, TIOCGPKT, &v));
  expect_eq("packet mode off", v, 0);
  int one = 1, zero = 0;
  expect_ok("TIOCPKT on", ioctl(m, TIOCPKT, &one));
  ioctl(m, TIOCGPKT, &v);
  expect_eq("packet mode on", v, 1);
  expect_err("TIOCPKT on the slave", ioctl(s, TIOCPKT, &one), ENOTTY);
  expect_err("TIOCGPKT on the slave", ioctl(s, TIOCGPKT, &v), ENOTTY);
  expect_err("TIOCPKT bad pointer", ioctl(m, TIOCPKT, BAD_PTR), EFAULT);

  /* Data comes behind a zero byte, without POLLPRI. */
  write(s, "hi", 2);
  short ev = 0;
  check("data readable", ready_for(m, POLLIN, 1000, &ev));
  check("no POLLPRI for data", !(ev & POLLPRI));
  char buf[64];
  int n = read(m, buf, sizeof buf);
  show("data read", buf, n);

  tcflush(s, TCIFLUSH);
  status("TCIFLUSH");
  tcflush(s, TCOFLUSH);
  status("TCOFLUSH");
  tcflush(s, TCIOFLUSH);
  status("TCIOFLUSH");
  tcflow(s, TCOOFF);
  status("TCOOFF");
  tcflow(s, TCOOFF);
  check("stopping again says nothing", !ready_for(m, POLLPRI, 100, NULL));
  tcflow(s, TCOON);
  status("TCOON");
  /* ^S and ^Q typed at the master stop and start the slave's output. */
  write(m, "\x13", 1);
  status("^S");
  write(m, "\x11", 1);
  status("^Q");

  struct termios t;
  tcgetattr(s, &t);
  t.c_iflag &= ~IXON;
  tcsetattr(s, TCSANOW, &t);
  status("IXON off");
  t.c_iflag |= IXON;
  tcsetattr(s, TCSANOW, &t);
  status("IXON on");
  t.c_cc[VSTOP] = 'x';
  tcsetattr(s, TCSANOW, &t);
  status("VSTOP not ^S");
  t.c_cc[VSTOP] = 0x13;
  tcsetattr(s, TCSANOW, &t);
  status("VSTOP back");
  tcsetattr(s, TCSANOW, &t);
  check("unchanged termios say nothing", !ready_for(m, POLLPRI, 100, NULL));

  /* ^C: the input and output flushes come first, then the echo as data. */
  write(m, "ab\x03", 3);
  status("^C");
  n = drain(m, buf, sizeof buf);
  show("after ^C", buf, n);

  /* Turning packet mode off and on again forgets pending status. */
  tcflush(s, TCIFLUSH);
  ioctl(m, TIOCPKT, &zero);
  ioctl(m, TIOCPKT, &one);
  check("status forgotten", !ready_for(m, POLLPRI, 100, NULL));
  ioctl(m, TIOCPKT, &zero);
  write(s, "ok", 2);
  n = drain(m, buf, sizeof buf);
  show("plain read", buf, n);
  return contract_end("pty_pkt");
}
