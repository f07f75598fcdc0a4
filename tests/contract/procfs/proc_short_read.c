#include "pf.h"
/* 1-byte reads give a consistent snapshot equal in shape to one big read;
 * EOF stays EOF; lseek(0) regenerates. */
int main(void) {
  static char one[4096], big[4096];
  printf("start\n");
  int fd = open("/proc/self/stat", O_RDONLY);
  long n = 0;
  while (n < (long)sizeof one - 1) {
    long r = read(fd, one + n, 1);
    if (r <= 0) break;
    n += r;
  }
  one[n] = 0;
  close(fd);
  long m = pf_read("/proc/self/stat", big, sizeof big);
  struct pf_stat a, b;
  pf_parse_stat(&a, one);
  pf_parse_stat(&b, big);
  expect_eq("1-byte read fields", a.nf, 52);
  check("ends with newline", n > 0 && one[n - 1] == '\n');
  int same = 1;
  for (int i = 1; i <= 52; i++) {
    if (i == 10 || i == 14 || i == 15 || i == 24 || i == 39 || i == 42) continue;
    if (strcmp(a.f[i], b.f[i]) != 0) { same = 0; printf("field %d differs\n", i); }
  }
  check("stable fields equal", same);
  check("big read length sane", m > 50);
  /* single read with a large buffer returns everything, then 0 */
  fd = open("/proc/self/status", O_RDONLY);
  static char st[16384];
  long r1 = read(fd, st, sizeof st);
  long r2 = read(fd, st + r1, sizeof st - r1);
  check("status whole in one read", r1 > 500 && strstr(st, "nonvoluntary_ctxt_switches") != NULL);
  expect_eq("second read", r2, 0);
  close(fd);
  /* lseek to 0 regenerates: rss changes are visible */
  fd = open("/proc/self/statm", O_RDONLY);
  char s1[256], s2[256];
  long k = read(fd, s1, sizeof s1 - 1); s1[k > 0 ? k : 0] = 0;
  char *mm = mmap(NULL, 8 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  madvise(mm, 8 << 20, MADV_NOHUGEPAGE);
  for (int i = 0; i < (8 << 20); i += 4096) mm[i] = 1;
  expect_eq("read at EOF", read(fd, s2, sizeof s2), 0);
  expect_eq("lseek 0", lseek(fd, 0, SEEK_SET), 0);
  k = read(fd, s2, sizeof s2 - 1); s2[k > 0 ? k : 0] = 0;
  unsigned long r0 = 0, rr = 0, z0 = 0, zz = 0;
  sscanf(s1, "%lu %lu", &z0, &r0);
  sscanf(s2, "%lu %lu", &zz, &rr);
  check("size grew by 2048 pages", zz - z0 == 2048);
  check("resident grew by >= 2000 pages", rr - r0 >= 2000);
  /* reading from the middle */
  expect_eq("lseek 2", lseek(fd, 2, SEEK_SET), 2);
  char s3[256];
  k = read(fd, s3, sizeof s3 - 1); s3[k > 0 ? k : 0] = 0;
  check("read from offset 2 is a suffix", k > 0 && strlen(s2) >= 2);
  check("SEEK_CUR after reading = 2 + bytes read", lseek(fd, 0, SEEK_CUR) == 2 + k);
  close(fd);
  /* pread at offsets */
  fd = open("/proc/self/cmdline", O_RDONLY);
  char c1[64];
  expect_eq("pread cmdline offset 1 len 5", pread(fd, c1, 5, 1), 5);
  close(fd);
  return contract_end("proc_short_read");
}
