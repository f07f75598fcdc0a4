/* TIOCGWINSZ/TIOCSWINSZ on a pty: a size set on either side is seen on
 * both; a change sends SIGWINCH to the foreground group of the session the
 * slave controls; setting the same size again sends nothing. */
#include "pty_util.h"

int main(void) {
  int m, s;
  expect_ok("open pair", open_pair(&m, &s));
  struct winsize ws = {0}, got = {0};
  expect_ok("TIOCGWINSZ", ioctl(s, TIOCGWINSZ, &ws));
  printf("initial %dx%d\n", ws.ws_row, ws.ws_col);
  expect_err("TIOCGWINSZ bad pointer", ioctl(m, TIOCGWINSZ, BAD_PTR), EFAULT);
  int out[2], go[2];
  pipe(out);
  pipe(go);
  fflush(stdout);
  pid_t leader = fork();
  if (leader == 0) {
    close(out[0]);
    close(go[1]);
    setsid();
    ioctl(s, TIOCSCTTY, 0);
    catch_sig(SIGWINCH);
    write(out[1], "r", 1);
    char c;
    while (read(go[0], &c, 1) < 0 && errno == EINTR) { } /* the parent resized */
    usleep(100000);
    int first = sig_count[SIGWINCH];
    write(out[1], "r", 1);
    while (read(go[0], &c, 1) < 0 && errno == EINTR) { } /* the same size again */
    usleep(100000);
    int second = sig_count[SIGWINCH];
    write(out[1], "r", 1);
    while (read(go[0], &c, 1) < 0 && errno == EINTR) { } /* a size set on the slave */
    usleep(100000);
    int third = sig_count[SIGWINCH];
    report(out[1], "foreground got SIGWINCH on a change: %s\n", yes(first == 1));
    report(out[1], "nothing for the same size: %s\n", yes(second == 1));
    report(out[1], "SIGWINCH for a change from the slave: %s\n", yes(third == 2));
    _exit(0);
  }
  close(go[0]);
  close(out[1]);
  char c;
  read(out[0], &c, 1);
  struct winsize big = {40, 120, 0, 0};
  expect_ok("TIOCSWINSZ master", ioctl(m, TIOCSWINSZ, &big));
  ioctl(s, TIOCGWINSZ, &got);
  printf("slave sees %dx%d\n", got.ws_row, got.ws_col);
  write(go[1], "g", 1);
  read(out[0], &c, 1);
  ioctl(m, TIOCSWINSZ, &big);
  write(go[1], "g", 1);
  read(out[0], &c, 1);
  struct winsize small = {10, 20, 0, 0};
  expect_ok("TIOCSWINSZ slave", ioctl(s, TIOCSWINSZ, &small));
  ioctl(m, TIOCGWINSZ, &got);
  printf("master sees %dx%d\n", got.ws_row, got.ws_col);
  write(go[1], "g", 1);
  close(go[1]);
  int st;
  waitpid(leader, &st, 0);
  usleep(200000);
  print_reports(out[0]);
  return contract_end("pty_winsz");
}
