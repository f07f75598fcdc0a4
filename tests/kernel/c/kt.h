/* Helpers for the kernel contract programs in tests/kernel/c/ (on top of
 * tests/contract/contract.h): raw-syscall wrappers that bypass glibc's
 * process-wide set*id broadcast, capability bit tests, and fork helpers
 * that carry a child's verdict back to its parent. Output is line-buffered
 * and flushed before every fork so nothing is printed twice. */
#ifndef KT_H
#define KT_H
#include "contract.h"
#include <stdint.h>
#include <sys/wait.h>
#include <linux/capability.h>

/* A pid that is certainly free: a reaped child's. */
static __attribute__((unused)) pid_t dead_pid(void) {
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) _exit(0);
  waitpid(p, NULL, 0);
  return p;
}

/* Runs fn in a child and waits; the child's failures fail the parent. */
static __attribute__((unused)) void in_child(const char *what, void (*fn)(void)) {
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) {
    fn();
    fflush(stdout);
    _exit(contract_failed ? 1 : 0);
  }
  int st = 0;
  waitpid(p, &st, 0);
  if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) fail("%s: child failed (status 0x%x)", what, st);
}

struct caps { uint64_t eff, prm, inh; };

static __attribute__((unused)) struct caps get_caps(void) {
  struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct d[2];
  struct caps c = { 0, 0, 0 };
  memset(d, 0, sizeof d);
  if (syscall(SYS_capget, &h, d) != 0) { fail("capget: %s", errno_name(errno)); return c; }
  c.eff = d[0].effective | (uint64_t)d[1].effective << 32;
  c.prm = d[0].permitted | (uint64_t)d[1].permitted << 32;
  c.inh = d[0].inheritable | (uint64_t)d[1].inheritable << 32;
  return c;
}

static __attribute__((unused)) int has_cap(uint64_t set, int cap) { return (set >> cap) & 1; }

/* Prints the real, effective and saved uids (or gids). */
static __attribute__((unused)) void show_res(const char *what, int gid) {
  unsigned r = 9, e = 9, s = 9;
  long rc = syscall(gid ? SYS_getresgid : SYS_getresuid, &r, &e, &s);
  printf("%s: %ld %u %u %u\n", what, rc, r, e, s);
}
#endif
