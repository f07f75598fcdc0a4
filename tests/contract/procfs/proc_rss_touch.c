#include "pf.h"
/* rss grows by ~8192 pages after touching 32 MiB and falls after munmap;
 * minflt grows with the touches; statm and VmRSS agree with stat rss. */
int main(void) {
  printf("start\n");
  size_t len = 32u << 20;
  char *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  check("mmap", m != MAP_FAILED);
  madvise(m, len, MADV_NOHUGEPAGE);
  struct pf_stat a, b, c;
  pf_stat(&a, "/proc/self/stat");
  for (size_t i = 0; i < len; i += 4096) m[i] = 1;
  pf_stat(&b, "/proc/self/stat");
  long drss = pf_fl(&b, 24) - pf_fl(&a, 24);
  long dflt = pf_fl(&b, 10) - pf_fl(&a, 10);
  /* Linux reads rss from per-CPU counters (percpu_counter_read_positive):
   * a process that moved between CPUs may see a few batches unfolded, so the
   * deltas are checked to +-256 pages (still far from 0 or 2x). */
  check("rss grew by 8192 pages (+-256)", drss >= 8192 - 256 && drss <= 8192 + 256);
  check("minflt grew by >= 8192", dflt >= 8192);
  check("minflt grew by < 8192*2", dflt < 8192 * 2);
  static char buf[8192];
  pf_read("/proc/self/statm", buf, sizeof buf);
  unsigned long sz, res;
  sscanf(buf, "%lu %lu", &sz, &res);
  /* Linux keeps rss in per-cpu counters: readers may see slightly different sums */
  check("statm resident ~ stat rss (+-128 pages)", (long)res >= pf_fl(&b, 24) - 128 && (long)res <= pf_fl(&b, 24) + 128);
  long vmrss = pf_status_l(0, "VmRSS");
  check("VmRSS ~ statm resident*4 (+-512 kB)", vmrss >= (long)res * 4 - 512 && vmrss <= (long)res * 4 + 512);
  long anon = pf_status_l(0, "RssAnon");
  check("RssAnon >= 32 MiB", anon >= 32768);
  long hwm = pf_status_l(0, "VmHWM");
  check("VmHWM >= VmRSS", hwm >= vmrss);
  /* touching again: no new faults, no rss change */
  for (size_t i = 0; i < len; i += 4096) m[i] = 2;
  pf_stat(&c, "/proc/self/stat");
  check("retouch adds < 64 faults", pf_fl(&c, 10) - pf_fl(&b, 10) < 64);
  munmap(m, len);
  pf_stat(&c, "/proc/self/stat");
  long fall = pf_fl(&b, 24) - pf_fl(&c, 24);
  check("rss fell by ~8192 after munmap", fall >= 8192 - 256 && fall <= 8192 + 256);
  check("VmHWM kept the peak (-1 MiB)", pf_status_l(0, "VmHWM") >= hwm - 1024);
  check("vsize fell by 32 MiB", pf_fu(&b, 23) - pf_fu(&c, 23) == len);
  /* MADV_DONTNEED drops rss too */
  m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  madvise(m, len, MADV_NOHUGEPAGE);
  for (size_t i = 0; i < len; i += 4096) m[i] = 1;
  pf_stat(&b, "/proc/self/stat");
  madvise(m, len, MADV_DONTNEED);
  pf_stat(&c, "/proc/self/stat");
  fall = pf_fl(&b, 24) - pf_fl(&c, 24);
  check("rss fell by ~8192 after MADV_DONTNEED", fall >= 8192 - 256 && fall <= 8192 + 256);
  check("vsize unchanged by MADV_DONTNEED", pf_fu(&b, 23) == pf_fu(&c, 23));
  return contract_end("proc_rss_touch");
}
