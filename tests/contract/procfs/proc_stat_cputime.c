#include "pf.h"
/* utime grows while burning CPU; utime+stime never exceed elapsed ticks;
 * starttime <= uptime ticks. */
int main(void) {
  struct pf_stat s0, s1;
  pf_stat(&s0, "/proc/self/stat");
  double up0 = pf_uptime();
  check("starttime <= uptime", pf_fu(&s0, 22) <= (unsigned long long)(up0 * 100) + 1);
  pf_burn(0.5);
  pf_stat(&s1, "/proc/self/stat");
  double up1 = pf_uptime();
  long du = pf_fl(&s1, 14) - pf_fl(&s0, 14);
  long ds = pf_fl(&s1, 15) - pf_fl(&s0, 15);
  check("utime grew by >= 20 ticks", du >= 20);
  check("utime dominates stime during burn", du > ds);
  long elapsed = (long)(up1 * 100) - (long)pf_fu(&s1, 22);
  check("utime+stime <= elapsed+2", pf_fl(&s1, 14) + pf_fl(&s1, 15) <= elapsed + 2);
  check("burn delta <= wall delta+2", du + ds <= (long)((up1 - up0) * 100) + 2);
  if (du + ds > (long)((up1 - up0) * 100) + 2) fail("cpu delta %ld ticks (u %ld s %ld) > wall delta %.2f s", du + ds, du, ds, up1 - up0);
  check("starttime unchanged", pf_fu(&s0, 22) == pf_fu(&s1, 22));
  /* CLOCK_PROCESS_CPUTIME_ID agrees with utime+stime within 0.1 s + rounding */
  double cpu = pf_now(CLOCK_PROCESS_CPUTIME_ID);
  pf_stat(&s1, "/proc/self/stat");
  double ticks = (pf_fl(&s1, 14) + pf_fl(&s1, 15)) / 100.0;
  check("ticks agree with CLOCK_PROCESS_CPUTIME_ID", ticks <= cpu + 0.05 && ticks >= cpu - 0.2);
  if (!(ticks <= cpu + 0.05 && ticks >= cpu - 0.2)) fail("stat ticks %.2f s vs CLOCK_PROCESS_CPUTIME_ID %.2f s", ticks, cpu);
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  double rut = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6;
  check("utime agrees with getrusage", pf_fl(&s1, 14) / 100.0 <= rut + 0.1 && pf_fl(&s1, 14) / 100.0 >= rut - 0.2);
  return contract_end("proc_stat_cputime");
}
