#include "pf.h"
/* statm: 7 numbers in pages consistent with status. */
int main(void) {
  static char sm[256], st[16384];
  printf("start\n");
  char *m = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  memset(m, 1, 1 << 20);
  pf_read("/proc/self/statm", sm, sizeof sm);
  pf_read("/proc/self/status", st, sizeof st);
  unsigned long v[8];
  int n = sscanf(sm, "%lu %lu %lu %lu %lu %lu %lu %lu", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]);
  expect_eq("numbers", n, 7);
  check("one line with newline", strchr(sm, '\n') == sm + strlen(sm) - 1);
  check("size == VmSize", (long)v[0] * 4 == pf_keyl(st, "VmSize"));
  check("resident ~ VmRSS (+-512 kB, per-cpu counters)", labs((long)v[1] * 4 - pf_keyl(st, "VmRSS")) <= 512);
  check("shared ~ RssFile+RssShmem", labs((long)v[2] * 4 - pf_keyl(st, "RssFile") - pf_keyl(st, "RssShmem")) <= 512);
  check("text > 0", v[3] > 0);
  check("text*4 ~ VmExe", (long)v[3] * 4 >= pf_keyl(st, "VmExe") - 4 && (long)v[3] * 4 <= pf_keyl(st, "VmExe") + 4);
  expect_eq("lib", v[4], 0);
  check("data == VmData+VmStk", (long)v[5] * 4 == pf_keyl(st, "VmData") + pf_keyl(st, "VmStk"));
  expect_eq("dt", v[6], 0);
  check("resident >= 256 (1 MiB touched)", v[1] >= 256);
  check("RssAnon >= 1024 kB", pf_keyl(st, "RssAnon") >= 1024);
  check("VmRSS == RssAnon+RssFile+RssShmem", pf_keyl(st, "VmRSS") == pf_keyl(st, "RssAnon") + pf_keyl(st, "RssFile") + pf_keyl(st, "RssShmem"));
  check("VmPeak >= VmSize", pf_keyl(st, "VmPeak") >= pf_keyl(st, "VmSize"));
  return contract_end("proc_statm");
}
