/* epoll modes on sockets and pipes: level-triggered reports again until
 * drained; edge-triggered reports once per new arrival (and again after
 * more data even when not drained); EPOLLONESHOT disables after one event
 * until EPOLL_CTL_MOD re-arms it (MOD without re-arm stays silent); a
 * nested epoll fd is readable when the inner one has events; a registration
 * follows the open file description: it survives closing one fd while a
 * dup remains, and goes away with the last; EPOLLEXCLUSIVE is accepted by
 * ADD but EINVAL for MOD; errors: EEXIST, ENOENT, EPERM (regular file),
 * EINVAL (itself, bad op, maxevents 0), ELOOP (a cycle), EBADF. */
#include "contract.h"
#include <sys/epoll.h>
#include <sys/socket.h>

static int wait_n(int ep) {
  struct epoll_event ev[4];
  return epoll_wait(ep, ev, 4, 0);
}

int main(void) {
  int s[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, s);
  int lt = epoll_create1(0), et = epoll_create1(0), os = epoll_create1(0);
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = s[0]};
  epoll_ctl(lt, EPOLL_CTL_ADD, s[0], &ev);
  ev.events = EPOLLIN | EPOLLET;
  epoll_ctl(et, EPOLL_CTL_ADD, s[0], &ev);
  ev.events = EPOLLIN | EPOLLONESHOT;
  epoll_ctl(os, EPOLL_CTL_ADD, s[0], &ev);
  expect_eq("nothing yet (level)", wait_n(lt), 0);
  write(s[1], "ab", 2);
  expect_eq("level first", wait_n(lt), 1);
  expect_eq("level again", wait_n(lt), 1);
  expect_eq("edge first", wait_n(et), 1);
  expect_eq("edge again", wait_n(et), 0);
  expect_eq("oneshot first", wait_n(os), 1);
  expect_eq("oneshot disabled", wait_n(os), 0);
  write(s[1], "c", 1);
  expect_eq("edge after more data", wait_n(et), 1);
  expect_eq("oneshot still disabled", wait_n(os), 0);
  ev.events = EPOLLIN | EPOLLONESHOT;
  expect_ok("rearm", epoll_ctl(os, EPOLL_CTL_MOD, s[0], &ev));
  expect_eq("oneshot rearmed", wait_n(os), 1);
  expect_eq("oneshot disabled again", wait_n(os), 0);
  char buf[8];
  read(s[0], buf, sizeof buf);
  expect_eq("level drained", wait_n(lt), 0);

  int outer = epoll_create1(0);
  ev.events = EPOLLIN;
  ev.data.fd = lt;
  expect_ok("nest", epoll_ctl(outer, EPOLL_CTL_ADD, lt, &ev));
  expect_eq("outer idle", wait_n(outer), 0);
  write(s[1], "d", 1);
  expect_eq("outer sees inner", wait_n(outer), 1);
  read(s[0], buf, sizeof buf);
  expect_eq("outer idle again", wait_n(outer), 0);
  expect_err("cycle", epoll_ctl(lt, EPOLL_CTL_ADD, outer, &ev), ELOOP);

  int p[2];
  pipe(p);
  int dupr = dup(p[0]);
  int ep = epoll_create1(0);
  ev.events = EPOLLIN;
  ev.data.u64 = 77;
  epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
  close(p[0]);
  write(p[1], "x", 1);
  struct epoll_event got;
  expect_eq("event after closing one fd", epoll_wait(ep, &got, 1, 0), 1);
  expect_eq("data kept", (long)got.data.u64, 77);
  expect_err("ctl on the closed fd", epoll_ctl(ep, EPOLL_CTL_DEL, p[0], &ev), EBADF);
  close(dupr);
  expect_eq("gone with the last fd", epoll_wait(ep, &got, 1, 0), 0);

  int q[2];
  pipe(q);
  ev.events = EPOLLIN | EPOLLEXCLUSIVE;
  expect_ok("exclusive add", epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &ev));
  expect_err("exclusive mod", epoll_ctl(ep, EPOLL_CTL_MOD, q[0], &ev), EINVAL);
  ev.events = EPOLLIN;
  expect_err("add twice", epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &ev), EEXIST);
  expect_err("mod missing", epoll_ctl(ep, EPOLL_CTL_MOD, q[1], &ev), ENOENT);
  expect_err("del missing", epoll_ctl(ep, EPOLL_CTL_DEL, q[1], &ev), ENOENT);
  int f = open("hello.txt", O_RDONLY);
  expect_err("regular file", epoll_ctl(ep, EPOLL_CTL_ADD, f, &ev), EPERM);
  expect_err("itself", epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev), EINVAL);
  expect_err("bad op", epoll_ctl(ep, 9, q[0], &ev), EINVAL);
  expect_err("maxevents 0", epoll_wait(ep, &got, 0, 0), EINVAL);
  expect_err("not an epoll fd", epoll_wait(f, &got, 1, 0), EINVAL);
  expect_err("bad fd", epoll_ctl(ep, EPOLL_CTL_ADD, 99, &ev), EBADF);
  expect_err("bad flags", epoll_create1(1), EINVAL);
  return contract_end("sk_epoll_modes");
}
