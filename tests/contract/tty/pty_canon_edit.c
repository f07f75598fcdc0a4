/* Canonical mode with edit characters of our choosing: VERASE, VKILL,
 * VWERASE, VEOF (mid-line: the line so far without a newline; at the start:
 * end of file), VEOL as an extra line end, a line longer than the read, and
 * the ECHOE/ECHOCTL/ECHOK echo the master sees. */
#include "pty_util.h"

static int m, s;

static void line(const char *what) {
  char buf[128];
  int n = readable(s, 500) ? read(s, buf, sizeof buf) : -1;
  show(what, buf, n > 0 ? n : 0);
}

int main(void) {
  expect_ok("open pair", open_pair(&m, &s));
  struct termios t;
  tcgetattr(s, &t);
  t.c_cc[VERASE] = '#';
  t.c_cc[VKILL] = '@';
  t.c_cc[VWERASE] = 0x02; /* ^B */
  t.c_cc[VEOF] = 0x01;    /* ^A */
  t.c_cc[VEOL] = ';';
  tcsetattr(s, TCSANOW, &t);

  write(m, "abc#d\n", 6);
  line("VERASE");
  show_output("VERASE echo", m);
  write(m, "junk@ok\n", 8);
  line("VKILL");
  show_output("VKILL echo", m);
  write(m, "one two\x02three\n", 14);
  line("VWERASE");
  show_output("VWERASE echo", m);
  write(m, "DEL is plain\x7f\n", 14);
  line("old VERASE is a byte");
  show_output("DEL echo", m);
  write(m, "part\x01", 5);
  line("VEOF mid-line");
  write(m, "\x01", 1);
  char c;
  expect_eq("VEOF at line start", read(s, &c, 1), 0);
  write(m, "a;b\n", 4);
  line("VEOL ends a line");
  line("then the rest");
  show_output("VEOL echo", m);
  write(m, "abcdefgh\n", 9);
  char buf[4];
  expect_eq("short read", read(s, buf, 3), 3);
  line("rest of the line");
  show_output("long line echo", m);

  /* Without ECHOE, VERASE echoes the erase character itself. */
  t.c_lflag &= ~ECHOE;
  tcsetattr(s, TCSANOW, &t);
  write(m, "xy#z\n", 5);
  line("no ECHOE");
  show_output("no ECHOE echo", m);
  /* ECHOK without ECHOKE: VKILL echoes itself and a newline. */
  t.c_lflag &= ~ECHOKE;
  t.c_lflag |= ECHOK;
  tcsetattr(s, TCSANOW, &t);
  write(m, "gone@kept\n", 10);
  line("ECHOK");
  show_output("ECHOK echo", m);
  /* Erasing a control character under ECHOCTL takes two columns back. */
  t.c_lflag |= ECHOE | ECHOKE;
  tcsetattr(s, TCSANOW, &t);
  write(m, "a\x05#b\n", 5);
  line("erase ^E");
  show_output("erase ^E echo", m);
  /* Erase at the start of a line does nothing. */
  write(m, "#@\x02x\n", 5);
  line("edits on an empty line");
  show_output("empty line echo", m);
  return contract_end("pty_canon_edit");
}
