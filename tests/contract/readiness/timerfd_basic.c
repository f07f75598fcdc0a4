/* timerfd: argument checks, one-shot and periodic expirations, absolute times, gettime, epoll. */
#include "contract.h"
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <time.h>

static struct itimerspec spec(long vs, long vns, long is, long ins) {
  struct itimerspec s = {{is, ins}, {vs, vns}};
  return s;
}

int main(void) {
  uint64_t n = 0;
  struct itimerspec s, old;
  expect_err("bad clock", timerfd_create(99, 0), EINVAL);
  expect_err("cputime clock", timerfd_create(CLOCK_PROCESS_CPUTIME_ID, 0), EINVAL);
  expect_err("bad flags", timerfd_create(CLOCK_MONOTONIC, 1), EINVAL);
  int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  check("created", fd >= 0);
  expect_eq("cloexec", fcntl(fd, F_GETFD), FD_CLOEXEC);
  expect_err("unarmed read", read(fd, &n, 8), EAGAIN);
  expect_err("short read", read(fd, &n, 4), EINVAL);
  expect_err("write", write(fd, &n, 8), EINVAL);
  s = spec(0, 1000000000, 0, 0);
  expect_err("nsec too big", timerfd_settime(fd, 0, &s, NULL), EINVAL);
  s = spec(1, 0, 0, 0);
  expect_err("bad settime flags", timerfd_settime(fd, 4, &s, NULL), EINVAL);
  expect_err("settime bad fd", timerfd_settime(99, 0, &s, NULL), EBADF);
  expect_err("settime not timerfd", timerfd_settime(open("hello.txt", O_RDONLY), 0, &s, NULL), EINVAL);
  expect_err("settime efault", timerfd_settime(fd, 0, BAD_PTR, NULL), EFAULT);
  expect_err("gettime efault", timerfd_gettime(fd, BAD_PTR), EFAULT);
  expect_eq("gettime unarmed", timerfd_gettime(fd, &old), 0);
  check("unarmed zero", old.it_value.tv_sec == 0 && old.it_value.tv_nsec == 0);

  /* Arm for 10 s with a 3 s interval: gettime reports both. */
  s = spec(10, 0, 3, 0);
  expect_eq("arm", timerfd_settime(fd, 0, &s, NULL), 0);
  expect_eq("gettime", timerfd_gettime(fd, &old), 0);
  check("value near 10s", old.it_value.tv_sec == 9 || old.it_value.tv_sec == 10);
  expect_eq("interval", old.it_interval.tv_sec, 3);
  s = spec(0, 0, 0, 0);
  expect_eq("disarm returns old", timerfd_settime(fd, 0, &s, &old), 0);
  check("old value near 10s", old.it_value.tv_sec == 9 || old.it_value.tv_sec == 10);
  expect_eq("gettime disarmed", timerfd_gettime(fd, &old), 0);
  check("disarmed zero", old.it_value.tv_sec == 0 && old.it_value.tv_nsec == 0 && old.it_interval.tv_sec == 0);

  /* One-shot 20 ms: blocks, then reads 1. */
  int b = timerfd_create(CLOCK_MONOTONIC, 0);
  s = spec(0, 20000000, 0, 0);
  timerfd_settime(b, 0, &s, NULL);
  expect_eq("blocking read", read(b, &n, 8), 8);
  expect_eq("one expiration", (long)n, 1);
  fcntl(b, F_SETFL, O_NONBLOCK);
  expect_err("no more", read(b, &n, 8), EAGAIN);

  /* Periodic 10 ms: after 55 ms, about 5 expirations accumulated. */
  s = spec(0, 10000000, 0, 10000000);
  timerfd_settime(b, 0, &s, NULL);
  usleep(55000);
  expect_eq("periodic read", read(b, &n, 8), 8);
  check("several expirations", n >= 4 && n <= 8);

  /* Absolute times in the past fire at once, on each clock. */
  clockid_t clocks[] = {CLOCK_MONOTONIC, CLOCK_REALTIME, CLOCK_BOOTTIME};
  for (int i = 0; i < 3; i++) {
    int a = timerfd_create(clocks[i], TFD_NONBLOCK);
    struct timespec now;
    clock_gettime(clocks[i], &now);
    s = spec(0, 1, 0, 0);
    expect_eq("abs past", timerfd_settime(a, TFD_TIMER_ABSTIME, &s, NULL), 0);
    expect_eq("abs past read", read(a, &n, 8), 8);
    expect_eq("abs past count", (long)n, 1);
    s = spec(now.tv_sec + 100, 0, 0, 0);
    expect_eq("abs future", timerfd_settime(a, TFD_TIMER_ABSTIME, &s, NULL), 0);
    timerfd_gettime(a, &old);
    check("abs future remaining", old.it_value.tv_sec >= 98 && old.it_value.tv_sec <= 100);
    expect_err("abs future read", read(a, &n, 8), EAGAIN);
    close(a);
  }

  /* epoll wakes when the timer expires. */
  int ep = epoll_create1(0);
  struct epoll_event ev = {EPOLLIN, {.u32 = 3}}, out[2];
  epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
  expect_eq("epoll idle", epoll_wait(ep, out, 2, 0), 0);
  s = spec(0, 30000000, 0, 0);
  timerfd_settime(fd, 0, &s, NULL);
  expect_eq("epoll woken", epoll_wait(ep, out, 2, 5000), 1);
  expect_eq("epoll data", out[0].data.u32, 3);
  expect_eq("read after epoll", read(fd, &n, 8), 8);
  expect_eq("epoll drained", epoll_wait(ep, out, 2, 0), 0);
  return contract_end("timerfd_basic");
}
