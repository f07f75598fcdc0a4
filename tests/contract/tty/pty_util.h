/* Helpers of the pty contract programs: a fresh unlocked pair, waiting for
 * bytes (a pty passes data on asynchronously in Linux), and printing bytes
 * with control characters escaped. */
#ifndef PTY_UTIL_H
#define PTY_UTIL_H
#include "contract.h"
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>

/* Opens a master and its unlocked slave (neither becomes a controlling tty). */
static __attribute__((unused)) int open_pair(int *m, int *s) {
  *m = posix_openpt(O_RDWR | O_NOCTTY);
  if (*m < 0 || grantpt(*m) < 0 || unlockpt(*m) < 0) return -1;
  *s = open(ptsname(*m), O_RDWR | O_NOCTTY);
  return *s < 0 ? -1 : 0;
}

/* Whether fd has `events` within ms milliseconds; the revents seen go to *got. */
static __attribute__((unused)) int ready_for(int fd, short events, int ms, short *got) {
  struct pollfd p = {fd, events, 0};
  int r = poll(&p, 1, ms);
  if (got) *got = r == 1 ? p.revents : 0;
  return r == 1 && (p.revents & events);
}

static __attribute__((unused)) int readable(int fd, int ms) {
  return ready_for(fd, POLLIN, ms, NULL);
}

/* Everything the master has within a short while. */
static __attribute__((unused)) int drain(int fd, char *buf, int size) {
  int n = 0;
  while (n < size - 1 && readable(fd, 200)) {
    int r = read(fd, buf + n, size - 1 - n);
    if (r <= 0) break;
    n += r;
  }
  buf[n] = 0;
  return n;
}

static __attribute__((unused)) void show(const char *what, const char *b, int n) {
  printf("%s: \"", what);
  for (int i = 0; i < n; i++) {
    unsigned char c = b[i];
    if (c < 32 || c >= 127) printf("\\x%02x", c);
    else putchar(c);
  }
  printf("\"\n");
}

/* What the master gets within a short while, shown. */
static __attribute__((unused)) void show_output(const char *what, int m) {
  char buf[512];
  int n = drain(m, buf, sizeof buf);
  show(what, buf, n);
}

/* A line from a child through a pipe (children report facts; the parent prints them). */
static __attribute__((unused)) void report(int fd, const char *fmt, ...) {
  char buf[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (write(fd, buf, n) != n) _exit(99);
}

/* Copies everything a child reported to stdout. */
static __attribute__((unused)) void print_reports(int fd) {
  char buf[4096];
  int n = 0, r;
  while (n < (int)sizeof buf - 1 && (r = read(fd, buf + n, sizeof buf - 1 - n)) > 0) n += r;
  buf[n] = 0;
  fputs(buf, stdout);
  if (strstr(buf, ": no\n")) fail("a child's check failed");
}

static __attribute__((unused)) const char *yes(int c) { return c ? "yes" : "no"; }

/* A signal handler that counts, without SA_RESTART (so it interrupts a read). */
static volatile sig_atomic_t sig_count[65];
static __attribute__((unused)) void count_sig(int s) { sig_count[s]++; }
static __attribute__((unused)) void catch_sig(int sig) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = count_sig;
  sigaction(sig, &sa, NULL);
}
#endif
