/* sched_getaffinity (raw syscall): returns the size of the kernel's CPU
 * mask (a positive multiple of sizeof(long)) with at least one CPU set;
 * the errors: EINVAL (buffer smaller than the kernel's mask or not a
 * multiple of sizeof(long)), ESRCH, EFAULT. sched_yield succeeds. */
#include <sched.h>
#include "contract.h"

int main(void) {
  unsigned long mask[128];
  memset(mask, 0, sizeof mask);
  long n = syscall(SYS_sched_getaffinity, 0, sizeof mask, mask);
  expect_ok("sched_getaffinity", n);
  check("size is a positive multiple of 8", n > 0 && n % 8 == 0 && n <= (long)sizeof mask);
  int cpus = 0;
  for (long i = 0; i < n / 8; i++) cpus += __builtin_popcountl(mask[i]);
  check("at least one CPU", cpus >= 1);
  cpu_set_t set;
  expect_ok("glibc sched_getaffinity", sched_getaffinity(0, sizeof set, &set));
  check("CPU_COUNT matches", CPU_COUNT(&set) == cpus);
  expect_err("size 1", syscall(SYS_sched_getaffinity, 0, 1, mask), EINVAL);
  expect_err("size 7", syscall(SYS_sched_getaffinity, 0, 7, mask), EINVAL);
  expect_err("no such pid", syscall(SYS_sched_getaffinity, 0x3fffffff, sizeof mask, mask), ESRCH);
  expect_err("bad pointer", syscall(SYS_sched_getaffinity, 0, sizeof mask, BAD_PTR), EFAULT);
  expect_ok("sched_yield", syscall(SYS_sched_yield));
  return contract_end("sched_getaffinity");
}
