#include "pf.h"
/* [heap] follows brk; [stack] contains the stack; names start at column 73. */
static char maps[PF_BIG];
static int find(const char *name, unsigned long *a, unsigned long *b, int *col, int *len) {
  int n = 0;
  for (char *p = maps; *p;) {
    char *e = strchr(p, '\n');
    char *q = strstr(p, name);
    if (q && q < e) { sscanf(p, "%lx-%lx", a, b); *col = q - p; *len = e - p; n++; }
    if (!e) break;
    p = e + 1;
  }
  return n;
}
int main(void) {
  printf("start\n");
  char *b0 = sbrk(0);
  sbrk(4096 * 3);
  char *b1 = sbrk(0);
  b1[-1] = 1;
  pf_read("/proc/self/maps", maps, sizeof maps);
  unsigned long a, b;
  int col, len;
  expect_eq("heap lines", find("[heap]", &a, &b, &col, &len), 1);
  expect_eq("heap name column", col, 73);
  check("heap end == page-aligned brk", b == (((unsigned long)b1 + 4095) & ~4095UL));
  check("heap contains old brk", a <= (unsigned long)b0);
  struct pf_stat s;
  pf_stat(&s, "/proc/self/stat");
  check("start_brk (f47) == heap start", pf_fu(&s, 47) == a);
  if (pf_fu(&s, 47) != a) fail("start_brk %#llx vs [heap] start %#lx (brk now %p)", pf_fu(&s, 47), a, (void *)b1);
  unsigned long hb = b;
  sbrk(64 * 1024);
  pf_read("/proc/self/maps", maps, sizeof maps);
  find("[heap]", &a, &b, &col, &len);
  expect_eq("heap grew (pages)", (long)(b - hb) / 4096, 16);
  sbrk(-64 * 1024);
  pf_read("/proc/self/maps", maps, sizeof maps);
  find("[heap]", &a, &b, &col, &len);
  check("heap shrank back", b == hb);
  int local = 0;
  expect_eq("stack lines", find("[stack]", &a, &b, &col, &len), 1);
  expect_eq("stack line length", len, 80);
  check("stack contains a local", a <= (unsigned long)&local && (unsigned long)&local < b);
  check("startstack (f28) inside [stack]", pf_fu(&s, 28) >= a && pf_fu(&s, 28) < b);
  char *line = strstr(maps, "[stack]");
  while (line > maps && line[-1] != '\n') line--;
  printf("stack perms: %.4s\n", strchr(line, ' ') + 1);
  check("stack offset/dev/inode", strstr(line, " 00000000 00:00 0 ") != NULL);
  /* the executable is mapped with its path */
  static char exe[4096];
  long n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  exe[n > 0 ? n : 0] = 0;
  check("exe path appears in maps", n > 0 && strstr(maps, exe) != NULL);
  return contract_end("proc_maps_heap");
}
