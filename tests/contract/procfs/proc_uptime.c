#include "pf.h"
#include <sys/sysinfo.h>
/* /proc/uptime: two numbers with two decimals; agrees with CLOCK_BOOTTIME and sysinfo. */
int main(void) {
  static char buf[128];
  long n = pf_read("/proc/uptime", buf, sizeof buf);
  check("read", n > 0);
  unsigned long a, b, c, d;
  char nl;
  int k = sscanf(buf, "%lu.%2lu %lu.%2lu%c", &a, &b, &c, &d, &nl);
  expect_eq("fields", k, 5);
  check("newline", nl == '\n' && buf[n - 1] == '\n');
  char *dot1 = strchr(buf, '.');
  check("two decimals", dot1 && dot1[3] == ' ');
  char *dot2 = strchr(dot1 + 1, '.');
  check("two decimals (idle)", dot2 && dot2[3] == '\n');
  double up = a + b / 100.0;
  double bt = pf_now(CLOCK_BOOTTIME);
  check("uptime ~ CLOCK_BOOTTIME", up <= bt + 0.02 && up >= bt - 1);
  struct sysinfo si;
  sysinfo(&si);
  check("uptime ~ sysinfo.uptime", labs(si.uptime - (long)up) <= 1);
  double mono = pf_now(CLOCK_MONOTONIC);
  check("monotonic <= boottime", mono <= bt + 0.01);
  struct timespec ts = {0, 250000000};
  nanosleep(&ts, NULL);
  double up2 = pf_uptime();
  check("uptime advanced >= 0.2 after 0.25 s sleep", up2 - up >= 0.2);
  check("idle >= 0", c + d >= 0);
  return contract_end("proc_uptime");
}
