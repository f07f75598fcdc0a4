/* Helpers for the /proc contract programs (tests/contract/procfs). They use
 * open/read/close on static buffers (no malloc) so that reading /proc does
 * not itself change the memory map being measured. */
#ifndef PF_H
#define PF_H
#include "contract.h"
#include <ctype.h>
#include <dirent.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>

#define PF_BIG (1 << 20)

/* Reads the whole file (loop until EOF) into buf (NUL-terminated); returns
 * the length or -1 (errno set). */
static __attribute__((unused)) long pf_read(const char *path, char *buf, long cap) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) return -1;
  long n = 0;
  for (;;) {
    long r = read(fd, buf + n, cap - 1 - n);
    if (r < 0) { int e = errno; close(fd); errno = e; return -1; }
    if (r == 0) break;
    n += r;
    if (n >= cap - 1) break;
  }
  buf[n] = 0;
  close(fd);
  return n;
}

/* Parsed /proc/.../stat: f[1..nf] point into a private copy; comm is f[2]
 * (without parentheses). */
struct pf_stat {
  char raw[4096];
  char comm[128];
  char *f[64];
  int nf;
  int ok;
};

static __attribute__((unused)) int pf_parse_stat(struct pf_stat *s, const char *text) {
  memset(s, 0, sizeof *s);
  snprintf(s->raw, sizeof s->raw, "%s", text);
  char *lp = strchr(s->raw, '(');
  char *rp = strrchr(s->raw, ')');
  if (!lp || !rp || rp < lp) return 0;
  *lp = 0;
  size_t cl = (size_t)(rp - lp - 1);
  if (cl >= sizeof s->comm) cl = sizeof s->comm - 1;
  memcpy(s->comm, lp + 1, cl);
  s->comm[cl] = 0;
  /* field 1 */
  char *p = s->raw;
  s->f[1] = p;
  char *sp = strchr(p, ' ');
  if (sp) *sp = 0;
  s->f[2] = s->comm;
  s->nf = 2;
  p = rp + 1;
  if (*p != ' ') return 0;
  p++;
  char *nl = strchr(p, '\n');
  if (nl) *nl = 0;
  while (*p && s->nf < 63) {
    s->f[++s->nf] = p;
    char *q = strchr(p, ' ');
    if (!q) break;
    *q = 0;
    p = q + 1;
  }
  s->ok = 1;
  return 1;
}

static __attribute__((unused)) int pf_stat(struct pf_stat *s, const char *path) {
  static char buf[4096];
  if (pf_read(path, buf, sizeof buf) < 0) { memset(s, 0, sizeof *s); return 0; }
  return pf_parse_stat(s, buf);
}

static __attribute__((unused)) long long pf_fl(const struct pf_stat *s, int n) {
  if (n < 1 || n > s->nf || !s->f[n]) return -999999;
  return strtoll(s->f[n], NULL, 10);
}
static __attribute__((unused)) unsigned long long pf_fu(const struct pf_stat *s, int n) {
  if (n < 1 || n > s->nf || !s->f[n]) return 0;
  return strtoull(s->f[n], NULL, 10);
}

/* Value of "Key:" in a status-like text (copied into out, without the
 * leading tab); returns 1 if found. */
static __attribute__((unused)) int pf_key(const char *text, const char *key, char *out, size_t cap) {
  size_t kl = strlen(key);
  const char *p = text;
  while (p && *p) {
    if (strncmp(p, key, kl) == 0 && p[kl] == ':') {
      const char *v = p + kl + 1;
      while (*v == '\t' || *v == ' ') v++;
      const char *e = strchr(v, '\n');
      size_t n = e ? (size_t)(e - v) : strlen(v);
      if (n >= cap) n = cap - 1;
      memcpy(out, v, n);
      out[n] = 0;
      return 1;
    }
    p = strchr(p, '\n');
    if (p) p++;
  }
  if (cap) out[0] = 0;
  return 0;
}

static __attribute__((unused)) long pf_keyl(const char *text, const char *key) {
  char v[256];
  if (!pf_key(text, key, v, sizeof v)) return -1;
  return strtol(v, NULL, 10);
}

/* Status value of the calling process (or of /proc/PID when pid > 0). */
static __attribute__((unused)) long pf_status_l(int pid, const char *key) {
  static char buf[8192];
  char path[64];
  if (pid > 0) snprintf(path, sizeof path, "/proc/%d/status", pid);
  else snprintf(path, sizeof path, "/proc/self/status");
  if (pf_read(path, buf, sizeof buf) < 0) return -1;
  return pf_keyl(buf, key);
}

static __attribute__((unused)) double pf_uptime(void) {
  static char buf[128];
  if (pf_read("/proc/uptime", buf, sizeof buf) < 0) return -1;
  return strtod(buf, NULL);
}

static __attribute__((unused)) double pf_now(int clk) {
  struct timespec ts;
  syscall(SYS_clock_gettime, clk, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Burns at least `sec` seconds of CPU time of the calling thread (bounded by
 * 60 s of wall time). */
static __attribute__((unused)) void pf_burn(double sec) {
  double c0 = pf_now(CLOCK_THREAD_CPUTIME_ID), w0 = pf_now(CLOCK_MONOTONIC);
  volatile unsigned long x = 1;
  for (;;) {
    for (int i = 0; i < 20000; i++) x = x * 6364136223846793005UL + 1442695040888963407UL;
    if (pf_now(CLOCK_THREAD_CPUTIME_ID) - c0 >= sec) break;
    if (pf_now(CLOCK_MONOTONIC) - w0 > 60) break;
  }
}

/* Polls /proc/PID/stat until its state is `want` (up to ~30 s); returns the
 * last state seen. */
static __attribute__((unused)) char pf_wait_state(int pid, char want) {
  char path[64];
  struct pf_stat s;
  char st = '?';
  snprintf(path, sizeof path, "/proc/%d/stat", pid);
  for (int i = 0; i < 30000; i++) {
    if (pf_stat(&s, path) && s.nf >= 3) st = s.f[3][0];
    if (st == want) break;
    struct timespec ts = {0, 1000000};
    nanosleep(&ts, NULL);
  }
  return st;
}

static __attribute__((unused)) long pf_gettid(void) { return syscall(SYS_gettid); }
#endif
