#include "pf.h"
/* /proc/cpuinfo exists and has one "processor" line per online cpu (format
 * is arch-specific, so nothing else is compared). */
int main(void) {
  static char buf[1 << 17];
  long n = pf_read("/proc/cpuinfo", buf, sizeof buf);
  check("read", n > 0);
  int cnt = 0;
  for (char *p = buf; p && *p;) {
    if (!strncmp(p, "processor\t: ", 12) || !strncmp(p, "processor\t:", 11)) cnt++;
    p = strchr(p, '\n');
    if (p) p++;
  }
  check("processor lines = online cpus", cnt == sysconf(_SC_NPROCESSORS_ONLN));
  check("ends with a blank line", n > 2 && buf[n - 1] == '\n' && buf[n - 2] == '\n');
  char b2[1 << 17];
  long m = pf_read("/proc/cpuinfo", b2, sizeof b2);
  check("stable", m == n);
  struct stat st;
  stat("/proc/cpuinfo", &st);
  expect_eq("st_size", st.st_size, 0);
  return contract_end("proc_cpuinfo");
}
