#include "pf.h"
/* maps after mmap/mprotect/munmap: permissions, splitting, exact line format. */
static char maps[PF_BIG];
static void show(const char *tag, char *base, int npages) {
  pf_read("/proc/self/maps", maps, sizeof maps);
  printf("%s:\n", tag);
  unsigned long lo = (unsigned long)base, hi = lo + npages * 4096UL;
  for (char *p = maps; *p;) {
    char *e = strchr(p, '\n');
    unsigned long a, b;
    if (sscanf(p, "%lx-%lx", &a, &b) == 2 && a >= lo && b <= hi) {
      char expect[128];
      char perms[5];
      memcpy(perms, strchr(p, ' ') + 1, 4);
      perms[4] = 0;
      snprintf(expect, sizeof expect, "%08lx-%08lx %s 00000000 00:00 0 ", a, b, perms);
      int exact = (int)(e - p) == (int)strlen(expect) && strncmp(p, expect, e - p) == 0;
      printf("  +%lu pages %lu %s exact-format %s\n", (a - lo) / 4096, (b - a) / 4096, perms, exact ? "yes" : "no");
      if (!exact) fail("line format: %.*s", (int)(e - p), p);
    }
    if (!e) break;
    p = e + 1;
  }
}
int main(void) {
  printf("start\n");
  /* guard pages (PROT_NONE) around so nothing merges with neighbours */
  char *g = mmap(NULL, 9 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  char *m = mmap(g + 4096, 7 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  check("mmap", m == g + 4096);
  show("rw 7", g, 9);
  mprotect(m + 2 * 4096, 2 * 4096, PROT_READ);
  show("mprotect middle r", g, 9);
  mprotect(m + 5 * 4096, 4096, PROT_READ | PROT_EXEC);
  show("mprotect r-x", g, 9);
  mprotect(m + 2 * 4096, 2 * 4096, PROT_READ | PROT_WRITE);
  show("mprotect back rw (merge)", g, 9);
  munmap(m + 3 * 4096, 4096);
  show("munmap hole", g, 9);
  char *s = mmap(g + 4 * 4096, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  check("shared anon", s == g + 4 * 4096);
  pf_read("/proc/self/maps", maps, sizeof maps);
  char key[32];
  snprintf(key, sizeof key, "%08lx-", (unsigned long)s);
  char *line = strstr(maps, key);
  char *le = line ? strchr(line, '\n') : NULL;
  check("shared anon line found", line != NULL);
  if (line && le) {
    char *sp = line;
    for (int i = 0; i < 5; i++) sp = strchr(sp, ' ') + 1;
    char *name = sp;
    while (*name == ' ') name++;
    printf("shared anon perms: %.4s name: %.*s name column: %ld\n", strchr(line, ' ') + 1, (int)(le - name), name, (long)(name - line));
  }
  munmap(g, 9 * 4096);
  show("all unmapped", g, 9);
  return contract_end("proc_maps_split");
}
