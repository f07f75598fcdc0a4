/* nanosleep and clock_nanosleep: they sleep at least the requested time
 * (relative and TIMER_ABSTIME), zero sleeps return at once, and the errors:
 * EINVAL (tv_nsec out of range, negative tv_sec, unknown clock), EFAULT.
 * clock_nanosleep returns the error number instead of setting errno. */
#include <time.h>
#include "contract.h"

static long long mono_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(void) {
  struct timespec req = {0, 30000000}, rem = {7, 7};
  long long t0 = mono_ns();
  expect_ok("nanosleep 30ms", syscall(SYS_nanosleep, &req, &rem));
  check("slept at least 30ms", mono_ns() - t0 >= 30000000LL);
  struct timespec zero = {0, 0};
  expect_ok("nanosleep 0", syscall(SYS_nanosleep, &zero, NULL));
  struct timespec bad = {0, 1000000000L};
  expect_err("tv_nsec 1e9", syscall(SYS_nanosleep, &bad, NULL), EINVAL);
  bad.tv_nsec = -1;
  expect_err("tv_nsec -1", syscall(SYS_nanosleep, &bad, NULL), EINVAL);
  bad.tv_sec = -1;
  bad.tv_nsec = 0;
  expect_err("tv_sec -1", syscall(SYS_nanosleep, &bad, NULL), EINVAL);
  expect_err("bad pointer", syscall(SYS_nanosleep, BAD_PTR, NULL), EFAULT);
  t0 = mono_ns();
  req.tv_nsec = 20000000;
  expect_eq("clock_nanosleep relative 20ms", clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL), 0);
  check("slept at least 20ms", mono_ns() - t0 >= 20000000LL);
  struct timespec abs;
  clock_gettime(CLOCK_MONOTONIC, &abs);
  abs.tv_nsec += 25000000;
  if (abs.tv_nsec >= 1000000000L) { abs.tv_sec++; abs.tv_nsec -= 1000000000L; }
  long long target = (long long)abs.tv_sec * 1000000000LL + abs.tv_nsec;
  expect_eq("clock_nanosleep TIMER_ABSTIME", clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL), 0);
  check("woke after the deadline", mono_ns() >= target);
  expect_eq("absolute time in the past", clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &zero, NULL), 0);
  expect_eq("clock_nanosleep bad clock", clock_nanosleep(100, 0, &req, NULL), EINVAL);
  bad.tv_sec = 0;
  bad.tv_nsec = 1000000000L;
  expect_eq("clock_nanosleep bad tv_nsec", clock_nanosleep(CLOCK_MONOTONIC, 0, &bad, NULL), EINVAL);
  return contract_end("nanosleep");
}
