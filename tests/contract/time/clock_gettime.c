/* clock_gettime (as a raw syscall: glibc would use the vDSO): every
 * standard clock answers with tv_nsec in range, CLOCK_MONOTONIC never goes
 * back, CLOCK_REALTIME is after 2020, and the errors: EINVAL (unknown
 * clock ids), EFAULT (bad pointer). */
#include <time.h>
#include "contract.h"

static void clock_ok(const char *what, clockid_t id) {
  struct timespec ts;
  long r = syscall(SYS_clock_gettime, id, &ts);
  expect_ok(what, r);
  if (r == 0 && (ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L || ts.tv_sec < 0))
    fail("%s: out of range tv_sec=%lld tv_nsec=%ld", what, (long long)ts.tv_sec, ts.tv_nsec);
}

static int before(const struct timespec *a, const struct timespec *b) {
  return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

int main(void) {
  struct timespec prev, now;
  clock_ok("CLOCK_REALTIME", CLOCK_REALTIME);
  clock_ok("CLOCK_MONOTONIC", CLOCK_MONOTONIC);
  clock_ok("CLOCK_PROCESS_CPUTIME_ID", CLOCK_PROCESS_CPUTIME_ID);
  clock_ok("CLOCK_THREAD_CPUTIME_ID", CLOCK_THREAD_CPUTIME_ID);
  clock_ok("CLOCK_MONOTONIC_RAW", CLOCK_MONOTONIC_RAW);
  clock_ok("CLOCK_REALTIME_COARSE", CLOCK_REALTIME_COARSE);
  clock_ok("CLOCK_MONOTONIC_COARSE", CLOCK_MONOTONIC_COARSE);
  clock_ok("CLOCK_BOOTTIME", CLOCK_BOOTTIME);
  expect_err("clock 100", syscall(SYS_clock_gettime, 100, &now), EINVAL);
  expect_err("clock -1", syscall(SYS_clock_gettime, -1, &now), EINVAL);
  expect_err("bad pointer", syscall(SYS_clock_gettime, CLOCK_MONOTONIC, BAD_PTR), EFAULT);
  syscall(SYS_clock_gettime, CLOCK_REALTIME, &now);
  check("realtime after 2020", now.tv_sec > 1577836800);
  syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &prev);
  int backwards = 0;
  for (int i = 0; i < 2000; i++) {
    syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &now);
    if (before(&now, &prev)) backwards++;
    prev = now;
  }
  check("monotonic never goes back", backwards == 0);
  /* The vDSO path (glibc) must agree with the syscall. */
  struct timespec v, s;
  clock_gettime(CLOCK_MONOTONIC, &v);
  syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &s);
  check("libc clock_gettime <= later syscall", !before(&s, &v));
  return contract_end("clock_gettime");
}
