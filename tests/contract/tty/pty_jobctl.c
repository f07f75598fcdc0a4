/* Job control on a pty: a session leader acquires its controlling terminal
 * by opening the slave; ^C, ^\ and ^Z signal the foreground group; a
 * background group reading gets SIGTTIN (EIO when it ignores it); TOSTOP
 * makes a background write SIGTTOU; tcsetpgrp's rules; TIOCNOTTY. */
#include "contract.h"
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>

static volatile sig_atomic_t got;
static void on_sig(int s) { got = s; }

/* A handler without SA_RESTART, so that it interrupts a read. */
static void catch_sig(int sig) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_sig;
  sigaction(sig, &sa, NULL);
}

static int readable(int fd, int ms) {
  struct pollfd p = {fd, POLLIN, 0};
  return poll(&p, 1, ms) == 1 && (p.revents & POLLIN);
}

static void drain(int m) {
  char buf[256];
  while (readable(m, 100) && read(m, buf, sizeof buf) > 0) {
  }
}

/* What a child reports back: one line through a pipe. */
static void report(int fd, const char *fmt, ...) {
  char buf[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  write(fd, buf, n);
}

/* The session leader: owns the slave as its terminal and runs the checks
 * that need to be inside the session, reporting each as a line. */
static void leader(const char *path, int out, int ready) {
  setsid();
  int s = open(path, O_RDWR);
  report(out, "leader open: %s\n", s >= 0 ? "OK" : errno_name(errno));
  report(out, "tcgetpgrp is own group: %s\n", tcgetpgrp(s) == getpgrp() ? "yes" : "no");
  report(out, "tcgetsid is own session: %s\n", tcgetsid(s) == getsid(0) ? "yes" : "no");
  report(out, "TIOCSCTTY again: %s\n", ioctl(s, TIOCSCTTY, 0) == 0 ? "OK" : errno_name(errno));
  int t = open("/dev/tty", O_RDWR);
  report(out, "open /dev/tty: %s\n", t >= 0 ? "OK" : errno_name(errno));
  if (t >= 0) close(t);

  /* A background reader is stopped by SIGTTIN. */
  pid_t bg = fork();
  if (bg == 0) {
    setpgid(0, 0);
    char c;
    read(s, &c, 1);
    _exit(0);
  }
  setpgid(bg, bg);
  int st = 0;
  waitpid(bg, &st, WUNTRACED);
  report(out, "background read stops with SIGTTIN: %s\n", WIFSTOPPED(st) && WSTOPSIG(st) == SIGTTIN ? "yes" : "no");
  kill(bg, SIGKILL);
  waitpid(bg, &st, 0);

  /* Ignoring SIGTTIN turns the read into EIO. */
  bg = fork();
  if (bg == 0) {
    setpgid(0, 0);
    signal(SIGTTIN, SIG_IGN);
    char c;
    int r = read(s, &c, 1);
    _exit(r < 0 && errno == EIO ? 0 : 1);
  }
  setpgid(bg, bg);
  waitpid(bg, &st, 0);
  report(out, "background read ignoring SIGTTIN gets EIO: %s\n", WIFEXITED(st) && WEXITSTATUS(st) == 0 ? "yes" : "no");

  /* Background writes pass, unless TOSTOP. */
  struct termios tio;
  tcgetattr(s, &tio);
  tio.c_lflag |= TOSTOP;
  tcsetattr(s, TCSANOW, &tio);
  bg = fork();
  if (bg == 0) {
    setpgid(0, 0);
    write(s, "x", 1);
    _exit(0);
  }
  setpgid(bg, bg);
  waitpid(bg, &st, WUNTRACED);
  report(out, "background write with TOSTOP stops with SIGTTOU: %s\n", WIFSTOPPED(st) && WSTOPSIG(st) == SIGTTOU ? "yes" : "no");
  /* tcsetpgrp hands it the terminal; continued, it writes and exits. */
  report(out, "tcsetpgrp to the job: %s\n", tcsetpgrp(s, bg) == 0 ? "OK" : errno_name(errno));
  kill(bg, SIGCONT);
  waitpid(bg, &st, 0);
  report(out, "foreground job wrote and exited: %s\n", WIFEXITED(st) ? "yes" : "no");
  /* The leader is now in the background: taking the terminal back needs SIGTTOU ignored. */
  signal(SIGTTOU, SIG_IGN);
  report(out, "tcsetpgrp back: %s\n", tcsetpgrp(s, getpgrp()) == 0 ? "OK" : errno_name(errno));
  signal(SIGTTOU, SIG_DFL);
  tio.c_lflag &= ~TOSTOP;
  tcsetattr(s, TCSANOW, &tio);
  report(out, "tcsetpgrp to a missing group: %s\n", tcsetpgrp(s, 0x7ffffff0) == 0 ? "OK" : errno_name(errno));
  report(out, "tcsetpgrp to another session: %s\n", tcsetpgrp(s, getppid()) == 0 ? "OK" : errno_name(errno));

  /* ^C from the master: SIGINT to this (foreground) group. */
  catch_sig(SIGINT);
  catch_sig(SIGQUIT);
  write(ready, "r", 1);
  char c;
  int r = read(s, &c, 1);
  report(out, "read interrupted by ^C: %s\n", r < 0 && errno == EINTR ? "EINTR" : "no");
  report(out, "got SIGINT: %s\n", got == SIGINT ? "yes" : "no");
  got = 0;
  write(ready, "r", 1);
  r = read(s, &c, 1);
  report(out, "got SIGQUIT: %s\n", got == SIGQUIT ? "yes" : "no");
  /* ^Z stops the foreground job. (Not the leader itself: its group is
   * orphaned, its parent being in another session, and Linux discards
   * terminal stop signals for orphaned groups.) */
  pid_t job = fork();
  if (job == 0) {
    setpgid(0, 0);
    read(s, &c, 1);
    _exit(0);
  }
  setpgid(job, job);
  tcsetpgrp(s, job);
  write(ready, "r", 1);
  waitpid(job, &st, WUNTRACED);
  report(out, "^Z stops the foreground job: %s\n", WIFSTOPPED(st) && WSTOPSIG(st) == SIGTSTP ? "yes" : "no");
  signal(SIGTTOU, SIG_IGN);
  tcsetpgrp(s, getpgrp());
  signal(SIGTTOU, SIG_DFL);
  kill(job, SIGKILL);
  waitpid(job, &st, 0);

  /* TIOCNOTTY by the leader: the session loses its terminal. */
  signal(SIGHUP, SIG_IGN);
  report(out, "TIOCNOTTY: %s\n", ioctl(s, TIOCNOTTY) == 0 ? "OK" : errno_name(errno));
  report(out, "tcgetpgrp after TIOCNOTTY: %s\n", tcgetpgrp(s) < 0 ? errno_name(errno) : "OK");
  report(out, "open /dev/tty after TIOCNOTTY: %s\n", open("/dev/tty", O_RDWR) < 0 ? (errno == ENXIO ? "ENXIO" : errno_name(errno)) : "OK");
  _exit(0);
}

int main(void) {
  int m = posix_openpt(O_RDWR | O_NOCTTY);
  grantpt(m);
  unlockpt(m);
  char path[64];
  snprintf(path, sizeof path, "%s", ptsname(m));
  int out[2], ready[2];
  pipe(out);
  pipe(ready);
  fflush(stdout);
  pid_t child = fork();
  if (child == 0) {
    close(out[0]);
    close(ready[0]);
    leader(path, out[1], ready[1]);
  }
  close(out[1]);
  close(ready[1]);
  char c;
  /* The leader waits in read(); ^C. */
  read(ready[0], &c, 1);
  usleep(100000);
  drain(m);
  pid_t fg = -1;
  expect_ok("TIOCGPGRP on the master", ioctl(m, TIOCGPGRP, &fg));
  check("master sees the leader's group in the foreground", fg == child);
  write(m, "\x03", 1);
  read(ready[0], &c, 1);
  usleep(100000);
  char buf[64];
  int n = 0;
  while (n < 60 && readable(m, 200)) {
    int r = read(m, buf + n, sizeof buf - 1 - n);
    if (r <= 0) break;
    n += r;
  }
  buf[n] = 0;
  check("^C echoed as ^C", strstr(buf, "^C") != NULL);
  write(m, "\x1c", 1);
  read(ready[0], &c, 1);
  usleep(100000);
  int st;
  write(m, "\x1a", 1);
  waitpid(child, &st, 0);
  char lines[4096];
  n = 0;
  int r;
  while ((r = read(out[0], lines + n, sizeof lines - 1 - n)) > 0) n += r;
  lines[n] = 0;
  fputs(lines, stdout);
  check("leader exited", WIFEXITED(st));
  check("every check ran", strstr(lines, "open /dev/tty after TIOCNOTTY: ENXIO") != NULL);
  check("no check failed", strstr(lines, ": no\n") == NULL);
  return contract_end("pty_jobctl");
}
