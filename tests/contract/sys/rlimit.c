/* getrlimit/prlimit64/setrlimit: RLIMIT_STACK and RLIMIT_NOFILE exist with
 * cur <= max, prlimit64 (pid 0 and own pid) agrees with getrlimit, a
 * lowered soft limit reads back, and the errors: EINVAL (bad resource,
 * soft > hard), ESRCH (no such pid), EFAULT. */
#include <sys/resource.h>
#include "contract.h"

struct rl64 { unsigned long long cur, max; };

static void show(const char *what, int res) {
  struct rl64 r;
  if (outcome(what, syscall(SYS_prlimit64, 0, res, NULL, &r)) != 0) {
    fail("%s: prlimit64 failed", what);
    return;
  }
  check("  cur <= max", r.cur <= r.max);
}

int main(void) {
  struct rlimit rl;
  struct rl64 a, b, set;
  show("RLIMIT_STACK", RLIMIT_STACK);
  show("RLIMIT_NOFILE", RLIMIT_NOFILE);
  show("RLIMIT_AS", RLIMIT_AS);
  show("RLIMIT_CORE", RLIMIT_CORE);
  show("RLIMIT_NPROC", RLIMIT_NPROC);
  expect_ok("getrlimit stack", syscall(SYS_getrlimit, RLIMIT_STACK, &rl));
  check("stack cur > 0", rl.rlim_cur > 0);
  syscall(SYS_prlimit64, 0, RLIMIT_STACK, NULL, &a);
  check("prlimit64 agrees with getrlimit", a.cur == rl.rlim_cur && a.max == rl.rlim_max);
  expect_ok("prlimit64 own pid", syscall(SYS_prlimit64, syscall(SYS_getpid), RLIMIT_STACK, NULL, &b));
  check("own pid agrees with pid 0", a.cur == b.cur && a.max == b.max);
  syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &a);
  set.cur = a.cur > 64 ? 64 : a.cur;
  set.max = a.max;
  expect_ok("lower NOFILE soft limit", syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, &set, &b));
  check("old value returned", b.cur == a.cur && b.max == a.max);
  expect_ok("getrlimit NOFILE", syscall(SYS_getrlimit, RLIMIT_NOFILE, &rl));
  check("new soft limit reads back", rl.rlim_cur == set.cur);
  set.cur = a.max == ~0ULL ? a.max : a.max + 1;
  set.max = a.max == ~0ULL ? 1000 : a.max;
  expect_err("soft > hard", syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, &set, NULL), EINVAL);
  expect_err("resource 100", syscall(SYS_prlimit64, 0, 100, NULL, &a), EINVAL);
  expect_err("getrlimit resource 100", syscall(SYS_getrlimit, 100, &rl), EINVAL);
  expect_err("no such pid", syscall(SYS_prlimit64, 0x3fffffff, RLIMIT_STACK, NULL, &a), ESRCH);
  expect_err("bad pointer", syscall(SYS_getrlimit, RLIMIT_STACK, BAD_PTR), EFAULT);
  return contract_end("rlimit");
}
