/* clock_getres: positive resolutions of at most 10 ms for the standard
 * clocks, a NULL result pointer is allowed, and the errors: EINVAL (unknown
 * clock), EFAULT. */
#include <time.h>
#include "contract.h"

static void res_ok(const char *what, clockid_t id) {
  struct timespec ts = {-1, -1};
  expect_ok(what, syscall(SYS_clock_getres, id, &ts));
  check("  0 < resolution <= 10ms", ts.tv_sec == 0 && ts.tv_nsec > 0 && ts.tv_nsec <= 10000000L);
}

int main(void) {
  struct timespec ts;
  res_ok("CLOCK_REALTIME", CLOCK_REALTIME);
  res_ok("CLOCK_MONOTONIC", CLOCK_MONOTONIC);
  res_ok("CLOCK_BOOTTIME", CLOCK_BOOTTIME);
  res_ok("CLOCK_PROCESS_CPUTIME_ID", CLOCK_PROCESS_CPUTIME_ID);
  res_ok("CLOCK_MONOTONIC_COARSE", CLOCK_MONOTONIC_COARSE);
  expect_ok("NULL result", syscall(SYS_clock_getres, CLOCK_MONOTONIC, NULL));
  expect_err("clock 100", syscall(SYS_clock_getres, 100, &ts), EINVAL);
  expect_err("bad pointer", syscall(SYS_clock_getres, CLOCK_MONOTONIC, BAD_PTR), EFAULT);
  return contract_end("clock_getres");
}
