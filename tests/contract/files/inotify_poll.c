/* inotify readiness and reads: poll and epoll see an event as POLLIN/EPOLLIN,
 * FIONREAD counts the queued bytes, a blocking read sleeps until a child
 * makes an event, read() takes as many whole events as fit, identical
 * consecutive events are merged, and names are padded to 16 bytes. */
#include "inotify_helpers.h"
#include <poll.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

int main(void) {
  char dir[128], path[200];
  snprintf(dir, sizeof dir, "%s", tmp_path("inotify-poll"));
  mkdir(dir, 0755);
  int in = inotify_init1(0);
  expect_eq("watch", inotify_add_watch(in, dir, IN_CREATE | IN_MODIFY | IN_DELETE), 1);

  struct pollfd p = {in, POLLIN | POLLOUT, 0};
  expect_eq("poll empty", poll(&p, 1, 0), 0);
  int ep = epoll_create1(0);
  struct epoll_event ev = {.events = EPOLLIN | EPOLLET, .data.u32 = 7};
  expect_ok("epoll add", epoll_ctl(ep, EPOLL_CTL_ADD, in, &ev));
  struct epoll_event got;
  expect_eq("epoll empty", epoll_wait(ep, &got, 1, 0), 0);

  /* A blocking read wakes when a child creates a file. */
  pid_t pid = fork();
  if (pid == 0) {
    struct timespec ts = {0, 50000000};
    nanosleep(&ts, NULL);
    char name[200];
    snprintf(name, sizeof name, "%s/abcdefghijklmnop", dir); /* 16 bytes: padded to 32 */
    close(open(name, O_CREAT | O_WRONLY, 0644));
    _exit(0);
  }
  char buf[4096] __attribute__((aligned(8)));
  ssize_t n = read(in, buf, sizeof buf);
  expect_eq("blocking read", n, 16 + 32);
  struct inotify_event *e = (struct inotify_event *)buf;
  expect_eq("len", e->len, 32);
  check("name", strcmp(e->name, "abcdefghijklmnop") == 0 && e->mask == IN_CREATE);
  check("padding is NUL", e->name[16] == 0 && e->name[31] == 0);
  waitpid(pid, NULL, 0);

  snprintf(path, sizeof path, "%s/x", dir);
  int fd = open(path, O_CREAT | O_WRONLY, 0644);
  for (int i = 0; i < 5; i++) write(fd, "z", 1); /* five MODIFY in a row: merged into one */
  int q = -1;
  expect_ok("FIONREAD", ioctl(in, FIONREAD, &q));
  expect_eq("FIONREAD bytes", q, 2 * 32);
  p.revents = 0;
  expect_eq("poll ready", poll(&p, 1, 0), 1);
  expect_eq("revents", p.revents, POLLIN);
  expect_eq("epoll ready", epoll_wait(ep, &got, 1, 0), 1);
  check("epoll data and events", got.data.u32 == 7 && got.events == EPOLLIN);
  expect_eq("epoll edge: not again", epoll_wait(ep, &got, 1, 0), 0);
  /* A buffer with room for one event and a half takes one. */
  expect_eq("partial read", read(in, buf, 40), 32);
  check("create x", e->mask == IN_CREATE && strcmp(e->name, "x") == 0);
  expect_ok("FIONREAD 2", ioctl(in, FIONREAD, &q));
  expect_eq("FIONREAD left", q, 32);
  write(fd, "z", 1); /* same as the last queued event: merged */
  expect_ok("FIONREAD 3", ioctl(in, FIONREAD, &q));
  expect_eq("FIONREAD merged", q, 32);
  expect_ok("set nonblock", fcntl(in, F_SETFL, O_NONBLOCK));
  drain(in, "after nonblock");
  write(fd, "z", 1); /* queue was read: not merged with anything */
  unlink(path);
  expect_ok("set nonblock again", fcntl(in, F_SETFL, O_NONBLOCK));
  drain(in, "write, unlink");
  close(fd);
  p.revents = 0;
  expect_eq("poll drained", poll(&p, 1, 0), 0);
  close(ep);
  close(in);
  rmdir(dir);
  return contract_end("inotify_poll");
}
