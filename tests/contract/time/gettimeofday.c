/* gettimeofday (raw syscall): tv_usec in range, agrees with
 * CLOCK_REALTIME within a second, a NULL tv is allowed, and EFAULT. */
#include <sys/time.h>
#include <time.h>
#include "contract.h"

int main(void) {
  struct timeval tv;
  struct timespec ts;
  expect_ok("gettimeofday", syscall(SYS_gettimeofday, &tv, NULL));
  check("tv_usec in range", tv.tv_usec >= 0 && tv.tv_usec < 1000000);
  syscall(SYS_clock_gettime, CLOCK_REALTIME, &ts);
  long long d = (long long)ts.tv_sec - (long long)tv.tv_sec;
  check("agrees with CLOCK_REALTIME", d >= 0 && d <= 1);
  expect_ok("NULL tv and tz", syscall(SYS_gettimeofday, NULL, NULL));
  expect_err("bad tv", syscall(SYS_gettimeofday, BAD_PTR, NULL), EFAULT);
  return contract_end("gettimeofday");
}
