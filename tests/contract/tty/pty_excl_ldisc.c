/* TIOCEXCL/TIOCNXCL/TIOCGEXCL (EBUSY for other openers without
 * CAP_SYS_ADMIN), TIOCGETD/TIOCSETD (N_TTY only), TCXONC on the slave
 * (TCOOFF holds output, TCIOFF/TCION send ^S/^Q to the master), and
 * TIOCGLCKTRMIOS/TIOCSLCKTRMIOS (locked bits keep their values). */
#include "pty_util.h"

int main(void) {
  int m, s;
  expect_ok("open pair", open_pair(&m, &s));
  const char *path = ptsname(m);
  int v = -1;
  expect_ok("TIOCGEXCL", ioctl(s, TIOCGEXCL, &v));
  expect_eq("not exclusive", v, 0);
  expect_ok("TIOCEXCL", ioctl(s, TIOCEXCL));
  ioctl(s, TIOCGEXCL, &v);
  expect_eq("exclusive", v, 1);
  int s2 = open(path, O_RDWR | O_NOCTTY);
  expect_ok("root opens an exclusive tty", s2);
  close(s2);
  chmod(path, 0666); /* so that only exclusivity stands in the way */
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    setuid(65534);
    int r = open(path, O_RDWR | O_NOCTTY);
    _exit(r < 0 && errno == EBUSY ? 0 : 1);
  }
  int st;
  waitpid(c, &st, 0);
  check("others get EBUSY", WIFEXITED(st) && WEXITSTATUS(st) == 0);
  expect_ok("TIOCNXCL", ioctl(s, TIOCNXCL));
  ioctl(s, TIOCGEXCL, &v);
  expect_eq("not exclusive again", v, 0);

  int d = -1;
  expect_ok("TIOCGETD", ioctl(s, TIOCGETD, &d));
  expect_eq("line discipline", d, N_TTY);
  d = N_TTY;
  expect_ok("TIOCSETD N_TTY", ioctl(s, TIOCSETD, &d));
  d = 99;
  expect_err("TIOCSETD out of range", ioctl(s, TIOCSETD, &d), EINVAL);
  expect_err("TIOCSETD bad pointer", ioctl(s, TIOCSETD, BAD_PTR), EFAULT);
  expect_ok("TIOCGETD master", ioctl(m, TIOCGETD, &d));
  expect_eq("master line discipline", d, N_TTY);

  /* TCXONC. */
  expect_ok("TCOOFF", tcflow(s, TCOOFF));
  fcntl(s, F_SETFL, O_RDWR | O_NONBLOCK);
  expect_err("write while stopped", write(s, "x", 1), EAGAIN);
  expect_ok("TCOON", tcflow(s, TCOON));
  expect_eq("write after TCOON", write(s, "x", 1), 1);
  fcntl(s, F_SETFL, O_RDWR);
  show_output("master reads", m);
  expect_ok("TCIOFF", tcflow(s, TCIOFF));
  expect_ok("TCION", tcflow(s, TCION));
  show_output("TCIOFF and TCION send", m);
  expect_err("TCXONC bad action", ioctl(s, TCXONC, 9), EINVAL);

  /* Locked termios. */
  struct termios lk;
  memset(&lk, 0xff, sizeof lk);
  expect_ok("TIOCGLCKTRMIOS", ioctl(s, TIOCGLCKTRMIOS, &lk));
  check("nothing locked", lk.c_iflag == 0 && lk.c_lflag == 0 && lk.c_cc[VINTR] == 0);
  memset(&lk, 0, sizeof lk);
  lk.c_lflag = ECHO;
  lk.c_cc[VINTR] = 1;
  expect_ok("TIOCSLCKTRMIOS", ioctl(s, TIOCSLCKTRMIOS, &lk));
  struct termios t;
  tcgetattr(s, &t);
  t.c_lflag &= ~(ECHO | ICANON);
  t.c_cc[VINTR] = 'x';
  t.c_cc[VQUIT] = 'y';
  tcsetattr(s, TCSANOW, &t);
  tcgetattr(s, &t);
  printf("ECHO kept: %s, ICANON cleared: %s, VINTR kept: %s, VQUIT set: %s\n", yes(t.c_lflag & ECHO),
         yes(!(t.c_lflag & ICANON)), yes(t.c_cc[VINTR] == 3), yes(t.c_cc[VQUIT] == 'y'));
  memset(&lk, 0xff, sizeof lk);
  ioctl(m, TIOCGLCKTRMIOS, &lk);
  check("the master reads the slave's lock", lk.c_lflag == ECHO);
  c = fork();
  if (c == 0) {
    setuid(65534);
    struct termios z;
    memset(&z, 0, sizeof z);
    int r = ioctl(s, TIOCSLCKTRMIOS, &z);
    _exit(r < 0 && errno == EPERM ? 0 : 1);
  }
  waitpid(c, &st, 0);
  check("unprivileged TIOCSLCKTRMIOS is EPERM", WIFEXITED(st) && WEXITSTATUS(st) == 0);
  return contract_end("pty_excl_ldisc");
}
