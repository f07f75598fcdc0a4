/* Process and credential ids are consistent with each other (values are
 * never printed): gettid == getpid in a single-threaded program, getppid
 * is another process, real == effective == saved ids as getresuid and
 * getresgid report them, getgroups count agrees between calls. Process
 * groups and sessions are in sessions. */
#include <sys/types.h>
#include "contract.h"

int main(void) {
  long pid = syscall(SYS_getpid), tid = syscall(SYS_gettid), ppid = syscall(SYS_getppid);
  check("pid > 0", pid > 0);
  check("gettid == getpid", tid == pid);
  check("getppid != getpid", ppid != pid && ppid >= 0);
  check("getpid stable", syscall(SYS_getpid) == pid);
  uid_t r, e, s;
  gid_t gr, ge, gs;
  expect_ok("getresuid", syscall(SYS_getresuid, &r, &e, &s));
  expect_ok("getresgid", syscall(SYS_getresgid, &gr, &ge, &gs));
  check("getuid == real uid", (uid_t)syscall(SYS_getuid) == r);
  check("geteuid == effective uid", (uid_t)syscall(SYS_geteuid) == e);
  check("getgid == real gid", (gid_t)syscall(SYS_getgid) == gr);
  check("getegid == effective gid", (gid_t)syscall(SYS_getegid) == ge);
  check("uid == euid == suid", r == e && e == s);
  check("gid == egid == sgid", gr == ge && ge == gs);
  expect_err("getresuid bad pointer", syscall(SYS_getresuid, BAD_PTR, &e, &s), EFAULT);
  long n = syscall(SYS_getgroups, 0, NULL);
  check("getgroups count >= 0", n >= 0);
  gid_t groups[256];
  check("getgroups fills the same count", n <= 256 && syscall(SYS_getgroups, 256, groups) == n);
  expect_err("getgroups negative size", syscall(SYS_getgroups, -1, groups), EINVAL);
  return contract_end("ids");
}
