#include "../process/ptest.h"
#include <pthread.h>
#include <linux/futex.h>
#include <stdint.h>
#include <limits.h>
static __attribute__((unused)) long futex(void *a, int op, int val, const struct timespec *ts, void *a2, int v3) {
  return syscall(SYS_futex, a, op, val, ts, a2, v3);
}
