/* Contract-test helpers. A contract program is compiled twice, for the host
 * (run natively: the reference) and for riscv64 (run in Aramid); both runs
 * use the fixture directory build/contract/fixture as cwd (natively) or as
 * the root (in Aramid, cwd "/"), so relative paths name the same files:
 *
 *   hello.txt   "hello, world\nsecond line\n" (25 bytes, mode 0644)
 *   empty       an empty file (0644)
 *   dir/        0755 with a (empty file), b ("bb"), sub/ (0755, holds x)
 *   link        symlink -> hello.txt
 *   dangling    symlink -> missing
 *
 * Programs print facts (never addresses, pids, times, sizes of host
 * resources or machine names), then as their LAST line
 * "CONTRACT_PASS <name>" or "CONTRACT_FAIL <name>: <why>". The runner
 * compares verdicts and the whole stdout. Use raw syscall() where glibc
 * would hide what the kernel does. Files the test writes go under /tmp. */
#ifndef CONTRACT_H
#define CONTRACT_H
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Not mapped in any process: a pointer that must give EFAULT. */
#define BAD_PTR ((void *)1)

static int contract_failed;
static char contract_why[512];

/* Records the first failure; later ones are still printed as facts. */
static __attribute__((unused)) void fail(const char *fmt, ...) {
  va_list ap;
  char buf[512];
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  printf("FAIL %s\n", buf);
  if (!contract_failed) snprintf(contract_why, sizeof contract_why, "%s", buf);
  contract_failed = 1;
}

static __attribute__((unused)) const char *errno_name(int e) {
  switch (e) {
    case 0: return "OK";
    case EPERM: return "EPERM";
    case ENOENT: return "ENOENT";
    case ESRCH: return "ESRCH";
    case EINTR: return "EINTR";
    case EIO: return "EIO";
    case EBADF: return "EBADF";
    case ECHILD: return "ECHILD";
    case EAGAIN: return "EAGAIN";
    case ENOMEM: return "ENOMEM";
    case EACCES: return "EACCES";
    case EFAULT: return "EFAULT";
    case EBUSY: return "EBUSY";
    case EEXIST: return "EEXIST";
    case EXDEV: return "EXDEV";
    case ENOTDIR: return "ENOTDIR";
    case EISDIR: return "EISDIR";
    case EINVAL: return "EINVAL";
    case EMFILE: return "EMFILE";
    case ENOTTY: return "ENOTTY";
    case EFBIG: return "EFBIG";
    case ENOSPC: return "ENOSPC";
    case ESPIPE: return "ESPIPE";
    case EROFS: return "EROFS";
    case EPIPE: return "EPIPE";
    case ERANGE: return "ERANGE";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case ENOSYS: return "ENOSYS";
    case ENOTEMPTY: return "ENOTEMPTY";
    case ELOOP: return "ELOOP";
    case EOVERFLOW: return "EOVERFLOW";
    case EOPNOTSUPP: return "EOPNOTSUPP";
    case ENXIO: return "ENXIO";
    case ENODEV: return "ENODEV";
    case ETXTBSY: return "ETXTBSY";
    case EMLINK: return "EMLINK";
    case ENOTSOCK: return "ENOTSOCK";
    case EDESTADDRREQ: return "EDESTADDRREQ";
    case EMSGSIZE: return "EMSGSIZE";
    case EPROTOTYPE: return "EPROTOTYPE";
    case EPROTONOSUPPORT: return "EPROTONOSUPPORT";
    case EAFNOSUPPORT: return "EAFNOSUPPORT";
    case EADDRINUSE: return "EADDRINUSE";
    case ECONNRESET: return "ECONNRESET";
    case ENOBUFS: return "ENOBUFS";
    case EISCONN: return "EISCONN";
    case ENOTCONN: return "ENOTCONN";
    case ECONNREFUSED: return "ECONNREFUSED";
    default: {
      static char buf[32];
      snprintf(buf, sizeof buf, "errno%d", e);
      return buf;
    }
  }
}

/* Prints "what: <result>" where result is OK or the errno name; returns it. */
static __attribute__((unused)) int outcome(const char *what, long ret) {
  int e = ret < 0 ? errno : 0;
  printf("%s: %s\n", what, errno_name(e));
  return e;
}

/* A call that must fail with errno `want`. */
static __attribute__((unused)) void expect_err(const char *what, long ret, int want) {
  int e = ret < 0 ? errno : 0;
  printf("%s: %s\n", what, errno_name(e));
  if (ret != -1 || e != want)
    fail("%s: got ret=%ld %s, want -1 %s", what, ret, errno_name(e), errno_name(want));
}

/* A call that must succeed (ret >= 0); prints only OK, not the value. */
static __attribute__((unused)) long expect_ok(const char *what, long ret) {
  int e = ret < 0 ? errno : 0;
  printf("%s: %s\n", what, errno_name(e));
  if (ret < 0) fail("%s: failed with %s", what, errno_name(e));
  return ret;
}

/* A fact that must hold; printed either way. */
static __attribute__((unused)) void check(const char *what, int cond) {
  printf("%s: %s\n", what, cond ? "yes" : "no");
  if (!cond) fail("%s", what);
}

/* A value that is the same on every Linux (a length, a count …). */
static __attribute__((unused)) void expect_eq(const char *what, long got, long want) {
  printf("%s: %ld\n", what, got);
  if (got != want) fail("%s: got %ld, want %ld", what, got, want);
}

/* The final verdict line; the exit status is 0 either way so the runner
 * judges by the verdict line (a crash shows up as a missing verdict). */
static __attribute__((unused)) int contract_end(const char *name) {
  if (contract_failed) printf("CONTRACT_FAIL %s: %s\n", name, contract_why);
  else printf("CONTRACT_PASS %s\n", name);
  fflush(stdout);
  return 0;
}

/* A per-run scratch path under /tmp (the pid keeps parallel runs apart and
 * is never printed). */
static __attribute__((unused)) const char *tmp_path(const char *tag) {
  static char buf[128];
  snprintf(buf, sizeof buf, "/tmp/aramid-contract-%s-%d", tag, (int)getpid());
  return buf;
}
#endif
