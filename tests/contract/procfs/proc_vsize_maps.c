#include "pf.h"
/* stat vsize == sum of /proc/self/maps sizes == statm size pages == VmSize. */
static char maps[PF_BIG];
static char st[8192];
static unsigned long sum_maps(const char *m, int *lines) {
  unsigned long sum = 0;
  *lines = 0;
  for (const char *p = m; *p;) {
    unsigned long a, b;
    const char *e = strchr(p, '\n');
    const char *v = strstr(p, "[vsyscall]");
    if (sscanf(p, "%lx-%lx", &a, &b) == 2 && !(v && (!e || v < e))) { sum += b - a; (*lines)++; }
    if (!e) break;
    /* a [vsyscall] line is outside total_vm on x86_64 */
    p = e + 1;
  }
  return sum;
}
int main(void) {
  printf("start\n");
  struct pf_stat s;
  for (int round = 0; round < 3; round++) {
    void *m = NULL;
    if (round == 1) m = mmap(NULL, 10 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (round == 2) m = mmap(NULL, 33 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    pf_stat(&s, "/proc/self/stat");
    pf_read("/proc/self/maps", maps, sizeof maps);
    pf_read("/proc/self/statm", st, sizeof st);
    unsigned long statm_size = strtoul(st, NULL, 10);
    pf_read("/proc/self/status", st, sizeof st);
    long vmsize = pf_keyl(st, "VmSize");
    int lines;
    unsigned long sum = sum_maps(maps, &lines);
    unsigned long vs = pf_fu(&s, 23);
    printf("round %d\n", round);
    check("vsize == sum of maps", vs == sum);
    check("statm size == vsize pages", statm_size * 4096 == vs);
    check("VmSize kB == vsize", (unsigned long)vmsize * 1024 == vs);
    if (round) check("mapping is in maps", strstr(maps, "") != NULL && m != MAP_FAILED);
    if (!(vs == sum)) printf("  (vsize %lu sum %lu lines %d)\n", vs, sum, lines);
  }
  return contract_end("proc_vsize_maps");
}
