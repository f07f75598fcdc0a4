#include "pf.h"
/* /proc/stat keys and numeric fields. */
int main(void) {
  static char buf[1 << 16];
  long n = pf_read("/proc/stat", buf, sizeof buf);
  check("read", n > 0);
  check("ends with newline", buf[n - 1] == '\n');
  check("first line 'cpu  ' (two spaces)", strncmp(buf, "cpu  ", 5) == 0);
  int ncpu = 0, order_ok = 1, lineno = 0;
  const char *order[] = {"intr", "ctxt", "btime", "processes", "procs_running", "procs_blocked", "softirq", NULL};
  int oi = 0;
  long long btime = -1, running = -1, blocked = -1, ctxt = -1, procs = -1;
  int cpu_cols = 0, bad_num = 0, softirq_n = 0;
  unsigned long long total = 0, percpu_total = 0;
  for (char *p = buf; *p;) {
    char *e = strchr(p, '\n');
    *e = 0;
    char key[32];
    sscanf(p, "%31s", key);
    int cols = 0;
    for (char *q = p + strlen(key); *q;) {
      while (*q == ' ') q++;
      if (!*q) break;
      char *end;
      unsigned long long v = strtoull(q, &end, 10);
      if (end == q) { bad_num++; break; }
      if (lineno == 0) total += v;
      else if (!strncmp(key, "cpu", 3)) percpu_total += v;
      cols++;
      q = end;
    }
    if (lineno == 0) cpu_cols = cols;
    else if (!strncmp(key, "cpu", 3)) {
      if (oi != 0 || atoi(key + 3) != ncpu) order_ok = 0;
      if (cols != cpu_cols) order_ok = 0;
      ncpu++;
    } else {
      if (order[oi] && !strcmp(key, order[oi])) oi++;
      else if (strcmp(key, "intr")) order_ok = 0;
      long long v = strtoll(p + strlen(key), NULL, 10);
      if (!strcmp(key, "btime")) btime = v;
      if (!strcmp(key, "procs_running")) running = v;
      if (!strcmp(key, "procs_blocked")) blocked = v;
      if (!strcmp(key, "ctxt")) { ctxt = v; check("ctxt one number", cols == 1); }
      if (!strcmp(key, "processes")) procs = v;
      if (!strcmp(key, "softirq")) softirq_n = cols;
    }
    lineno++;
    p = e + 1;
  }
  expect_eq("cpu columns", cpu_cols, 10);
  check("cpuN lines = online cpus", ncpu == sysconf(_SC_NPROCESSORS_ONLN));
  check("keys in order", order_ok && order[oi] == NULL);
  expect_eq("non-numeric values", bad_num, 0);
  expect_eq("softirq columns", softirq_n, 11);
  double up = pf_uptime();
  long now = time(NULL);
  check("btime = now - uptime (+-2)", llabs(btime - (now - (long long)up)) <= 2);
  check("procs_running >= 1", running >= 1);
  check("procs_blocked >= 0", blocked >= 0);
  check("ctxt > 0", ctxt > 0);
  check("processes > 0", procs > 0);
  check("cpu total ~ sum of cpuN (+-ncpu*cols)", llabs((long long)total - (long long)percpu_total) <= ncpu * 10);
  /* total ticks ~ ncpu * uptime * 100 (idle accounting) */
  double expect_ticks = ncpu * up * 100;
  check("cpu total within 20% of ncpu*uptime*100", total + 2 * ncpu + 2 >= expect_ticks * 0.8 && total < expect_ticks * 1.2 + 100);
  if (!(total + 2 * ncpu + 2 >= expect_ticks * 0.8 && total < expect_ticks * 1.2 + 100)) fail("cpu total %llu ticks vs %d cpu x %.2f s uptime", total, ncpu, up);
  /* idle grows while we sleep */
  unsigned long long c0[10] = {0}, c1[10] = {0}, t0 = 0, t1 = 0;
  sscanf(buf + 5, "%llu %llu %llu %llu %llu %llu %llu %llu", &c0[0], &c0[1], &c0[2], &c0[3], &c0[4], &c0[5], &c0[6], &c0[7]);
  struct timespec ts = {0, 300000000};
  nanosleep(&ts, NULL);
  pf_read("/proc/stat", buf, sizeof buf);
  sscanf(buf + 5, "%llu %llu %llu %llu %llu %llu %llu %llu", &c1[0], &c1[1], &c1[2], &c1[3], &c1[4], &c1[5], &c1[6], &c1[7]);
  int mono = 1;
  for (int i = 0; i < 8; i++) { t0 += c0[i]; t1 += c1[i]; if (c1[i] < c0[i]) mono = 0; }
  check("no cpu column decreased", mono);
  check("cpu total grew by >= 10 ticks during a 0.3 s sleep", t1 - t0 >= 10);
  check("cpu total grew by <= ncpu*0.3 s*100 + slack", t1 - t0 <= (unsigned long long)(ncpu * 30 + 40));
  /* a fork counts in processes */
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) _exit(0);
  waitpid(c, NULL, 0);
  pf_read("/proc/stat", buf, sizeof buf);
  char *pp = strstr(buf, "\nprocesses ");
  check("processes grew after fork", pp && strtoll(pp + 11, NULL, 10) > procs);
  return contract_end("proc_sys_stat");
}
