#include "pf.h"
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
/* The names /proc/self/fd shows for files outside any directory, and what
 * opening such a link does: a pipe reopens, a socket and anon inodes do not
 * (ENXIO), a memfd does. */
static void name_of(const char *tag, int fd) {
  char path[64], buf[256];
  snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
  long n = readlink(path, buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = 0;
  printf("%s link: %s\n", tag, buf);
}
static void reopen(const char *tag, int fd, int flags) {
  char path[64], what[96];
  snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
  snprintf(what, sizeof what, "reopen %s", tag);
  int r = open(path, flags);
  outcome(what, r);
  if (r >= 0) close(r);
}
static void ino_link(const char *tag, const char *prefix, int fd) {
  char path[64], buf[256], want[96];
  struct stat st;
  fstat(fd, &st);
  snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
  long n = readlink(path, buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = 0;
  snprintf(want, sizeof want, "%s:[%lu]", prefix, (unsigned long)st.st_ino);
  char what[96];
  snprintf(what, sizeof what, "%s link = %s:[ino]", tag, prefix);
  check(what, strcmp(buf, want) == 0);
  struct stat via;
  snprintf(what, sizeof what, "%s stat via link = fstat", tag);
  check(what, stat(path, &via) == 0 && via.st_ino == st.st_ino && via.st_dev == st.st_dev && via.st_mode == st.st_mode);
}
int main(void) {
  int e = eventfd(3, EFD_CLOEXEC);
  name_of("eventfd", e);
  reopen("eventfd", e, O_RDWR);
  int ep = epoll_create1(0);
  name_of("epoll", ep);
  reopen("epoll", ep, O_RDONLY);
  int tf = timerfd_create(CLOCK_MONOTONIC, 0);
  name_of("timerfd", tf);
  reopen("timerfd", tf, O_RDONLY);
  sigset_t ss;
  sigemptyset(&ss);
  sigaddset(&ss, SIGUSR1);
  int sf = signalfd(-1, &ss, 0);
  name_of("signalfd", sf);
  reopen("signalfd", sf, O_RDONLY);
  struct stat st;
  fstat(e, &st);
  printf("anon inode mode: %o\n", st.st_mode & 07777);
  int mf = memfd_create("scratch", 0);
  name_of("memfd", mf);
  write(mf, "memory", 6);
  char path[64], buf[16] = {0};
  snprintf(path, sizeof path, "/proc/self/fd/%d", mf);
  int m2 = open(path, O_RDONLY);
  expect_ok("reopen memfd", m2);
  expect_eq("read memfd via reopen", read(m2, buf, sizeof buf), 6);
  check("memfd content", memcmp(buf, "memory", 6) == 0);
  int sv[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  ino_link("socket", "socket", sv[0]);
  reopen("socket", sv[0], O_RDWR);
  int p[2];
  pipe(p);
  ino_link("pipe", "pipe", p[0]);
  snprintf(path, sizeof path, "/proc/self/fd/%d", p[1]);
  int w = open(path, O_WRONLY);
  expect_ok("reopen pipe write end", w);
  write(w, "xy", 2);
  snprintf(path, sizeof path, "/proc/self/fd/%d", p[0]);
  int r = open(path, O_RDONLY | O_NONBLOCK);
  expect_ok("reopen pipe read end", r);
  expect_eq("read via reopened read end", read(r, buf, sizeof buf), 2);
  expect_err("reopened read end is its own description (nonblock)", read(r, buf, 1), EAGAIN);
  ino_link("reopened pipe", "pipe", r);
  int fl = fcntl(p[0], F_GETFL);
  check("original read end stays blocking", (fl & O_NONBLOCK) == 0);
  /* with every writer gone, a blocking reopen of the read end does not wait (not a FIFO) */
  close(w);
  close(p[1]);
  alarm(5);
  int r2 = open(path, O_RDONLY);
  expect_ok("reopen read end without writers", r2);
  expect_eq("it reads end of file", read(r2, buf, sizeof buf), 0);
  alarm(0);
  return contract_end("proc_fd_anon_names");
}
