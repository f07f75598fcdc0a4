/* epoll: ctl errors, level and edge triggering, one-shot, hangup, nesting, blocking. */
#include "contract.h"
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/wait.h>

static int wait0(int ep, struct epoll_event *ev, int n) { return epoll_wait(ep, ev, n, 0); }

int main(void) {
  struct epoll_event ev, out[8];
  int p[2];
  char c;
  expect_err("create1 bad flags", epoll_create1(1), EINVAL);
  int ep = epoll_create1(EPOLL_CLOEXEC);
  check("created", ep >= 0);
  expect_eq("cloexec", fcntl(ep, F_GETFD), FD_CLOEXEC);
  pipe(p);
  ev.events = EPOLLIN;
  ev.data.u64 = 0x1122334455667788ull;
  expect_err("ctl bad epfd", epoll_ctl(99, EPOLL_CTL_ADD, p[0], &ev), EBADF);
  expect_err("ctl bad fd", epoll_ctl(ep, EPOLL_CTL_ADD, 99, &ev), EBADF);
  expect_err("ctl not epoll", epoll_ctl(p[1], EPOLL_CTL_ADD, p[0], &ev), EINVAL);
  expect_err("ctl self", epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev), EINVAL);
  int reg = open("hello.txt", O_RDONLY);
  expect_err("ctl regular file", epoll_ctl(ep, EPOLL_CTL_ADD, reg, &ev), EPERM);
  expect_err("ctl bad op", epoll_ctl(ep, 7, p[0], &ev), EINVAL);
  expect_err("ctl bad event ptr", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], BAD_PTR), EFAULT);
  expect_err("del missing", epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL), ENOENT);
  expect_err("mod missing", epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), ENOENT);
  expect_eq("add", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), 0);
  expect_err("add twice", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), EEXIST);
  expect_err("wait maxevents 0", epoll_wait(ep, out, 0, 0), EINVAL);
  expect_err("wait not epoll", epoll_wait(p[0], out, 1, 0), EINVAL);
  expect_err("wait bad fd", epoll_wait(99, out, 1, 0), EBADF);
  expect_eq("nothing ready", wait0(ep, out, 8), 0);

  /* Level-triggered: reported while data remains. */
  write(p[1], "ab", 2);
  expect_eq("lt ready", wait0(ep, out, 8), 1);
  expect_eq("lt events", out[0].events, EPOLLIN);
  check("lt data", out[0].data.u64 == 0x1122334455667788ull);
  expect_eq("lt again", wait0(ep, out, 8), 1);
  read(p[0], &c, 1);
  expect_eq("lt after partial read", wait0(ep, out, 8), 1);
  read(p[0], &c, 1);
  expect_eq("lt drained", wait0(ep, out, 8), 0);

  /* Edge-triggered: one report per new write. */
  ev.events = EPOLLIN | EPOLLET;
  ev.data.u32 = 7;
  expect_eq("mod et", epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), 0);
  expect_eq("et nothing", wait0(ep, out, 8), 0);
  write(p[1], "x", 1);
  expect_eq("et first", wait0(ep, out, 8), 1);
  expect_eq("et data", out[0].data.u32, 7);
  expect_eq("et no repeat", wait0(ep, out, 8), 0);
  write(p[1], "y", 1);
  expect_eq("et new edge", wait0(ep, out, 8), 1);
  expect_eq("et no repeat 2", wait0(ep, out, 8), 0);
  read(p[0], &c, 1);
  read(p[0], &c, 1);

  /* One-shot: disabled after one report until re-armed with MOD. */
  ev.events = EPOLLIN | EPOLLONESHOT;
  ev.data.u32 = 9;
  expect_eq("mod oneshot", epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), 0);
  write(p[1], "z", 1);
  expect_eq("oneshot first", wait0(ep, out, 8), 1);
  expect_eq("oneshot disabled", wait0(ep, out, 8), 0);
  write(p[1], "w", 1);
  expect_eq("oneshot still disabled", wait0(ep, out, 8), 0);
  expect_eq("rearm", epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), 0);
  expect_eq("rearmed", wait0(ep, out, 8), 1);
  read(p[0], &c, 1);
  read(p[0], &c, 1);

  /* EPOLLEXCLUSIVE rules. */
  int e1 = eventfd(0, 0);
  ev.events = EPOLLIN | EPOLLEXCLUSIVE;
  expect_eq("add exclusive", epoll_ctl(ep, EPOLL_CTL_ADD, e1, &ev), 0);
  expect_err("mod exclusive", epoll_ctl(ep, EPOLL_CTL_MOD, e1, &ev), EINVAL);
  ev.events = EPOLLIN;
  expect_err("mod exclusive item", epoll_ctl(ep, EPOLL_CTL_MOD, e1, &ev), EINVAL);
  ev.events = EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT;
  int e2 = eventfd(0, 0);
  expect_err("exclusive with oneshot", epoll_ctl(ep, EPOLL_CTL_ADD, e2, &ev), EINVAL);
  expect_eq("del exclusive", epoll_ctl(ep, EPOLL_CTL_DEL, e1, NULL), 0);

  /* Hangup: the write end closes. */
  ev.events = EPOLLIN | EPOLLRDHUP;
  ev.data.u32 = 1;
  expect_eq("mod rdhup", epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), 0);
  close(p[1]);
  expect_eq("hup ready", wait0(ep, out, 8), 1);
  expect_eq("hup events", out[0].events, EPOLLHUP);

  /* Closing the watched file removes it. */
  close(p[0]);
  expect_eq("closed gone", wait0(ep, out, 8), 0);
  expect_err("del closed", epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL), EBADF);

  /* Several ready items, maxevents limits the batch. */
  int a = eventfd(1, 0), b = eventfd(1, 0);
  ev.events = EPOLLIN; ev.data.u32 = 100;
  epoll_ctl(ep, EPOLL_CTL_ADD, a, &ev);
  ev.data.u32 = 200;
  epoll_ctl(ep, EPOLL_CTL_ADD, b, &ev);
  expect_eq("two ready", wait0(ep, out, 8), 2);
  expect_eq("max 1", wait0(ep, out, 1), 1);
  ev.events = EPOLLOUT; ev.data.u32 = 300;
  expect_eq("mod out", epoll_ctl(ep, EPOLL_CTL_MOD, a, &ev), 0);
  expect_eq("out ready", wait0(ep, out, 8), 2);

  /* Nested: an epoll watching an epoll, and ppoll on an epoll. */
  int outer = epoll_create1(0);
  ev.events = EPOLLIN; ev.data.u32 = 5;
  expect_eq("nest add", epoll_ctl(outer, EPOLL_CTL_ADD, ep, &ev), 0);
  expect_eq("nest ready", wait0(outer, out, 8), 1);
  expect_eq("nest events", out[0].events, EPOLLIN);
  epoll_ctl(ep, EPOLL_CTL_DEL, a, NULL);
  epoll_ctl(ep, EPOLL_CTL_DEL, b, NULL);
  expect_eq("nest idle", wait0(outer, out, 8), 0);
  expect_eq("nothing to copy to bad ptr", epoll_wait(ep, BAD_PTR, 1, 0), 0);

  /* Blocking: a child writes to an eventfd later. */
  int w = eventfd(0, 0);
  ev.events = EPOLLIN; ev.data.u32 = 77;
  epoll_ctl(ep, EPOLL_CTL_ADD, w, &ev);
  pid_t pid = fork();
  if (pid == 0) {
    usleep(20000);
    uint64_t one = 1;
    write(w, &one, 8);
    _exit(0);
  }
  expect_eq("blocking wait", epoll_wait(outer, out, 8, 5000), 1);
  expect_eq("inner wait", epoll_wait(ep, out, 8, 5000), 1);
  expect_eq("inner data", out[0].data.u32, 77);
  waitpid(pid, NULL, 0);
  expect_eq("timeout", epoll_wait(outer, out, 8, 0) >= 0, 1);
  uint64_t x;
  read(w, &x, 8);
  expect_eq("timed out", epoll_wait(ep, out, 8, 30), 0);
  expect_err("pwait bad sigsetsize", syscall(SYS_epoll_pwait, ep, out, 8, 0, &x, 4), EINVAL);
  /* Loops and deep nesting are refused. */
  int chain[7];
  for (int i = 0; i < 7; i++) chain[i] = epoll_create1(0);
  ev.events = EPOLLIN;
  expect_eq("a watches b", epoll_ctl(chain[0], EPOLL_CTL_ADD, chain[1], &ev), 0);
  expect_err("b watches a", epoll_ctl(chain[1], EPOLL_CTL_ADD, chain[0], &ev), ELOOP);
  int ok = 0;
  for (int i = 1; i < 6; i++) ok += epoll_ctl(chain[i], EPOLL_CTL_ADD, chain[i + 1], &ev) == 0;
  expect_eq("chain links accepted", ok, 4);
  expect_err("too deep", errno == ELOOP ? -1 : 0, ELOOP);
  return contract_end("epoll_basic");
}
