/* TIOCSTI pushes a byte into a terminal's input as if typed (echoed, line
 * edited); without CAP_SYS_ADMIN only on the caller's controlling terminal
 * (EPERM elsewhere), or not at all when dev.tty.legacy_tiocsti is 0 (EIO). */
#include "pty_util.h"

static int legacy_tiocsti(void) {
  int v = 1;
  FILE *f = fopen("/proc/sys/dev/tty/legacy_tiocsti", "r");
  if (f) {
    if (fscanf(f, "%d", &v) != 1) v = 1;
    fclose(f);
  }
  return v;
}

static void push(int fd, const char *str) {
  for (; *str; str++) ioctl(fd, TIOCSTI, str);
}

int main(void) {
  int m, s;
  expect_ok("open pair", open_pair(&m, &s));
  char buf[64];
  /* As root: any terminal. */
  expect_ok("TIOCSTI", ioctl(s, TIOCSTI, "a"));
  push(s, "bc\x7f" "d\n");
  int n = read(s, buf, sizeof buf);
  show("line read", buf, n > 0 ? n : 0);
  n = drain(m, buf, sizeof buf);
  show("echo on the master", buf, n);
  expect_err("TIOCSTI bad pointer", ioctl(s, TIOCSTI, BAD_PTR), EFAULT);
  /* On a master, the byte is for the master's reader. */
  expect_ok("TIOCSTI on the master", ioctl(m, TIOCSTI, "z"));
  n = drain(m, buf, sizeof buf);
  show("master reads", buf, n);

  int legacy = legacy_tiocsti();
  int out[2];
  pipe(out);
  fflush(stdout);
  pid_t child = fork();
  if (child == 0) {
    close(out[0]);
    setsid();
    ioctl(s, TIOCSCTTY, 0);
    int m2, s2;
    open_pair(&m2, &s2);
    if (setgid(65534) < 0 || setuid(65534) < 0) report(out[1], "drop privileges: no\n");
    int r = ioctl(s, TIOCSTI, "q");
    int e = errno;
    report(out[1], "unprivileged on the controlling tty as the setting says: %s\n",
           yes(legacy ? r == 0 : r < 0 && e == EIO));
    r = ioctl(s2, TIOCSTI, "q");
    e = errno;
    report(out[1], "unprivileged on another tty refused: %s\n", yes(r < 0 && e == (legacy ? EPERM : EIO)));
    r = ioctl(m2, TIOCSTI, "q");
    e = errno;
    report(out[1], "unprivileged on a master refused: %s\n", yes(r < 0 && e == (legacy ? EPERM : EIO)));
    _exit(0);
  }
  close(out[1]);
  int st;
  waitpid(child, &st, 0);
  print_reports(out[0]);
  return contract_end("pty_sti");
}
