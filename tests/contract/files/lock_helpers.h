/* Helpers shared by the lock contract tests: waiting until a child sleeps
 * (its /proc/PID/stat state is S) and taking a byte-range lock. */
#ifndef LOCK_HELPERS_H
#define LOCK_HELPERS_H
#include "contract.h"
#include <sched.h>
#include <time.h>

/* The state letter of process `pid` (field 3 of /proc/PID/stat), or '?'. */
static __attribute__((unused)) char proc_state(pid_t pid) {
  char path[64], buf[512];
  snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
  int fd = open(path, O_RDONLY);
  if (fd < 0) return '?';
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0) return '?';
  buf[n] = 0;
  char *p = strrchr(buf, ')');
  return p && p[1] == ' ' ? p[2] : '?';
}

/* Waits (up to ~20 s) until `pid` sleeps; returns whether it did. */
static __attribute__((unused)) int wait_sleeping(pid_t pid) {
  struct timespec ts = {0, 2000000};
  for (int i = 0; i < 10000; i++) {
    char s = proc_state(pid);
    if (s == 'S') return 1;
    if (s == 'Z' || s == '?') return 0; /* it finished instead of waiting */
    nanosleep(&ts, NULL);
  }
  return 0;
}

/* In a child: closes inherited descriptors above stderr except `keep`, so
 * that the parent's close of a description really is its last. */
static __attribute__((unused)) void close_inherited(int keep) {
  for (int i = 3; i < 64; i++)
    if (i != keep) close(i);
}

/* fcntl record lock on [start, start+len) with command `cmd`. */
static __attribute__((unused)) int range_lock(int fd, int cmd, short type, off_t start, off_t len) {
  struct flock fl;
  memset(&fl, 0, sizeof fl);
  fl.l_type = type;
  fl.l_whence = SEEK_SET;
  fl.l_start = start;
  fl.l_len = len;
  return fcntl(fd, cmd, &fl);
}
#endif
