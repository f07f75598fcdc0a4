#include "pf.h"
/* /proc/self/limits header and rows after setrlimit. */
static void row(const char *buf, const char *name) {
  const char *p = strstr(buf, name);
  const char *e = p ? strchr(p, '\n') : NULL;
  printf("[%.*s]\n", p && e ? (int)(e - p) : 0, p ? p : "");
}
int main(void) {
  struct rlimit r = {100, 200};
  setrlimit(RLIMIT_NOFILE, &r);
  r.rlim_cur = 0; r.rlim_max = RLIM_INFINITY;
  setrlimit(RLIMIT_CORE, &r);
  r.rlim_cur = 8 << 20; r.rlim_max = RLIM_INFINITY;
  setrlimit(RLIMIT_STACK, &r);
  r.rlim_cur = 5; r.rlim_max = 10;
  setrlimit(RLIMIT_CPU, &r);
  r.rlim_cur = RLIM_INFINITY; r.rlim_max = RLIM_INFINITY;
  setrlimit(RLIMIT_AS, &r);
  r.rlim_cur = 0; r.rlim_max = 0;
  setrlimit(RLIMIT_NICE, &r);
  static char buf[8192];
  pf_read("/proc/self/limits", buf, sizeof buf);
  const char *nl = strchr(buf, '\n');
  printf("header: [%.*s]\n", (int)(nl - buf), buf);
  row(buf, "Max cpu time");
  row(buf, "Max stack size");
  row(buf, "Max core file size");
  row(buf, "Max open files");
  row(buf, "Max address space");
  row(buf, "Max nice priority");
  int lines = 0;
  for (const char *p = buf; *p; p++) lines += *p == '\n';
  expect_eq("lines", lines, 17);
  return contract_end("proc_limits");
}
