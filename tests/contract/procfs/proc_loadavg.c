#include "pf.h"
/* /proc/loadavg format: "d.dd d.dd d.dd R/T LAST\n". */
int main(void) {
  static char buf[256];
  long n = pf_read("/proc/loadavg", buf, sizeof buf);
  check("read", n > 0);
  check("one line", strchr(buf, '\n') == buf + n - 1);
  unsigned a1, a2, b1, b2, c1, c2, run, tot, last;
  char nl;
  int k = sscanf(buf, "%u.%2u %u.%2u %u.%2u %u/%u %u%c", &a1, &a2, &b1, &b2, &c1, &c2, &run, &tot, &last, &nl);
  expect_eq("fields", k, 10);
  int spaces = 0;
  for (char *p = buf; *p; p++) spaces += *p == ' ';
  expect_eq("spaces", spaces, 4);
  check("running >= 1", run >= 1);
  check("total >= running", tot >= run);
  check("last pid > 0", last > 0);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) _exit(0);
  waitpid(c, NULL, 0);
  pf_read("/proc/loadavg", buf, sizeof buf);
  sscanf(buf, "%*s %*s %*s %*s %u", &last);
  check("last pid >= forked child", (long)last >= (long)c);
  return contract_end("proc_loadavg");
}
