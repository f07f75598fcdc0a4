#include "pf.h"
#include <sys/sysinfo.h>
/* /proc/meminfo keys in kernel order, "Key:" padded + %8lu kB. */
static const char *want[] = {"MemTotal", "MemFree", "MemAvailable", "Buffers", "Cached", "SwapCached", "Active",
  "Inactive", "Active(anon)", "Inactive(anon)", "Active(file)", "Inactive(file)", "Unevictable", "Mlocked",
  "SwapTotal", "SwapFree", "Dirty", "Writeback", "AnonPages", "Mapped", "Shmem", "KReclaimable", "Slab",
  "SReclaimable", "SUnreclaim", "KernelStack", "PageTables", "CommitLimit", "Committed_AS", "VmallocTotal",
  "VmallocUsed", "VmallocChunk", NULL};
int main(void) {
  static char buf[16384];
  long n = pf_read("/proc/meminfo", buf, sizeof buf);
  check("read", n > 0);
  int idx = 0, badfmt = 0;
  long total = -1, fr = -1, avail = -1, cached = -1, buffers = -1, stotal = -1, sfree = -1, shmem = -1;
  for (char *p = buf; *p;) {
    char *e = strchr(p, '\n');
    if (!e) break;
    char *c = memchr(p, ':', e - p);
    int kl = c ? c - p : 0;
    int haskb = e - p > 3 && !strncmp(e - 3, " kB", 3);
    if (!c) badfmt++;
    else if (haskb) {
      /* label padded to 16 columns then %8lu: the number ends at column 24 */
      char *end;
      strtoul(c + 1, &end, 10);
      if (end != e - 3) badfmt++;
      if (e - p != 27 && end - (c + 1) <= 8 + 16 - kl - 1) badfmt++;
    }
    for (int j = idx; want[j]; j++)
      if ((int)strlen(want[j]) == kl && !strncmp(want[j], p, kl)) { idx = j + 1; printf("key %s%s\n", want[j], haskb ? " kB" : ""); break; }
    long v = c ? strtol(c + 1, NULL, 10) : 0;
    if (!strncmp(p, "MemTotal:", 9)) total = v;
    if (!strncmp(p, "MemFree:", 8)) fr = v;
    if (!strncmp(p, "MemAvailable:", 13)) avail = v;
    if (!strncmp(p, "Cached:", 7)) cached = v;
    if (!strncmp(p, "Buffers:", 8)) buffers = v;
    if (!strncmp(p, "SwapTotal:", 10)) stotal = v;
    if (!strncmp(p, "SwapFree:", 9)) sfree = v;
    if (!strncmp(p, "Shmem:", 6)) shmem = v;
    p = e + 1;
  }
  expect_eq("badly formatted lines", badfmt, 0);
  check("required keys in order", want[idx] == NULL);
  check("MemTotal > 0", total > 0);
  check("MemFree <= MemTotal", fr >= 0 && fr <= total);
  check("MemAvailable <= MemTotal and > 0", avail > 0 && avail <= total);
  check("Cached, Buffers >= 0", cached >= 0 && buffers >= 0);
  check("SwapFree <= SwapTotal", sfree >= 0 && sfree <= stotal);
  check("Shmem <= MemTotal", shmem >= 0 && shmem <= total);
  struct sysinfo si;
  sysinfo(&si);
  check("MemTotal == sysinfo totalram", (unsigned long long)total * 1024 == (unsigned long long)si.totalram * si.mem_unit);
  check("SwapTotal == sysinfo totalswap", (unsigned long long)stotal * 1024 == (unsigned long long)si.totalswap * si.mem_unit);
  /* MemFree falls when we touch 64 MiB */
  size_t len = 64u << 20;
  char *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  for (size_t i = 0; i < len; i += 4096) m[i] = 1;
  pf_read("/proc/meminfo", buf, sizeof buf);
  long anon = pf_keyl(buf, "AnonPages");
  check("AnonPages >= 64 MiB while touched", anon >= 65536);
  munmap(m, len);
  return contract_end("proc_meminfo");
}
