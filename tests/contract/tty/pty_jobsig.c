/* Job control on a pty made the controlling terminal with setsid and
 * TIOCSCTTY: who may take it, ^C/^\/^Z and TIOCSIG from the master acting
 * on the foreground job, a background job's tcsetattr stopped by SIGTTOU,
 * its plain writes passing without TOSTOP, and tcsetpgrp's errors. */
#include "pty_util.h"

static int m, s;

/* A foreground job that reads the terminal until killed or stopped. */
static pid_t job(void) {
  pid_t j = fork();
  if (j == 0) {
    setpgid(0, 0);
    /* Read only once in the foreground: a read before the parent's
     * tcsetpgrp would be a background read (SIGTTIN) on a busy machine. */
    while (tcgetpgrp(s) != getpid()) usleep(1000);
    char c;
    for (;;) read(s, &c, 1);
  }
  setpgid(j, j);
  tcsetpgrp(s, j);
  usleep(100000);
  return j;
}

/* How a job ended: "killed by N", "stopped by N" or "exited N". */
static void outcome_of(int out, const char *what, pid_t j) {
  int st;
  waitpid(j, &st, WUNTRACED);
  if (WIFSIGNALED(st)) report(out, "%s: killed by %d\n", what, WTERMSIG(st));
  else if (WIFSTOPPED(st)) report(out, "%s: stopped by %d\n", what, WSTOPSIG(st));
  else report(out, "%s: exited %d\n", what, WEXITSTATUS(st));
  if (WIFSTOPPED(st)) {
    kill(j, SIGKILL);
    waitpid(j, &st, 0);
  }
  signal(SIGTTOU, SIG_IGN);
  tcsetpgrp(s, getpgrp());
  signal(SIGTTOU, SIG_DFL);
}

static void leader(int out) {
  setsid();
  report(out, "open /dev/tty before TIOCSCTTY: %s\n", open("/dev/tty", O_RDWR) < 0 ? errno_name(errno) : "OK");
  pid_t c = fork();
  if (c == 0) {
    int r = ioctl(s, TIOCSCTTY, 0);
    report(out, "TIOCSCTTY by a non-leader: %s\n", r < 0 ? errno_name(errno) : "OK");
    _exit(0);
  }
  waitpid(c, NULL, 0);
  report(out, "TIOCSCTTY: %s\n", ioctl(s, TIOCSCTTY, 0) < 0 ? errno_name(errno) : "OK");
  int m2, s2;
  open_pair(&m2, &s2);
  report(out, "TIOCSCTTY of a second tty: %s\n", ioctl(s2, TIOCSCTTY, 0) < 0 ? errno_name(errno) : "OK");
  int t = open("/dev/tty", O_RDWR);
  report(out, "open /dev/tty after TIOCSCTTY: %s\n", t < 0 ? errno_name(errno) : "OK");
  report(out, "tcgetsid is the session: %s\n", yes(tcgetsid(s) == getsid(0)));

  pid_t j = job();
  write(m, "\x03", 1);
  outcome_of(out, "^C", j);
  j = job();
  write(m, "\x1c", 1);
  outcome_of(out, "^\\", j);
  j = job();
  write(m, "\x1a", 1);
  outcome_of(out, "^Z", j);
  j = job();
  report(out, "TIOCSIG SIGHUP: %s\n", ioctl(m, TIOCSIG, SIGHUP) < 0 ? errno_name(errno) : "OK");
  report(out, "TIOCSIG SIGINT: %s\n", ioctl(m, TIOCSIG, SIGINT) < 0 ? errno_name(errno) : "OK");
  outcome_of(out, "TIOCSIG SIGINT", j);

  /* A background job: tcsetattr stops it; a write passes without TOSTOP. */
  pid_t bg = fork();
  if (bg == 0) {
    setpgid(0, 0);
    usleep(100000);
    if (write(s, "bg", 2) != 2) _exit(3);
    struct termios tio;
    tcgetattr(s, &tio);
    tcsetattr(s, TCSANOW, &tio);
    _exit(0);
  }
  setpgid(bg, bg);
  outcome_of(out, "background tcsetattr", bg);

  /* tcsetpgrp's errors. */
  pid_t bad = -5;
  report(out, "TIOCSPGRP negative: %s\n", ioctl(s, TIOCSPGRP, &bad) < 0 ? errno_name(errno) : "OK");
  bad = 0x7ffffff0;
  report(out, "TIOCSPGRP missing group: %s\n", ioctl(s, TIOCSPGRP, &bad) < 0 ? errno_name(errno) : "OK");
  bad = getppid();
  report(out, "TIOCSPGRP other session: %s\n", ioctl(s, TIOCSPGRP, &bad) < 0 ? errno_name(errno) : "OK");
  report(out, "TIOCSPGRP bad pointer: %s\n", ioctl(s, TIOCSPGRP, BAD_PTR) < 0 ? errno_name(errno) : "OK");
  report(out, "TIOCSPGRP on a tty not ours: %s\n", ioctl(s2, TIOCSPGRP, &bad) < 0 ? errno_name(errno) : "OK");
  report(out, "TIOCGPGRP on a tty not ours: %s\n", ioctl(s2, TIOCGPGRP, &bad) < 0 ? errno_name(errno) : "OK");
  _exit(0);
}

int main(void) {
  expect_ok("open pair", open_pair(&m, &s));
  int out[2];
  pipe(out);
  fflush(stdout);
  pid_t l = fork();
  if (l == 0) {
    close(out[0]);
    leader(out[1]);
  }
  close(out[1]);
  int st;
  waitpid(l, &st, 0);
  check("leader exited", WIFEXITED(st) && WEXITSTATUS(st) == 0);
  print_reports(out[0]);
  char buf[256];
  int n = drain(m, buf, sizeof buf);
  check("background write reached the master", memmem(buf, n, "bg", 2) != NULL);
  return contract_end("pty_jobsig");
}
