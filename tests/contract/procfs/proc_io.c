#include "pf.h"
/* /proc/self/io: keys in order; rchar/wchar/syscr/syscw follow reads and writes. */
static const char *keys[] = {"rchar", "wchar", "syscr", "syscw", "read_bytes", "write_bytes", "cancelled_write_bytes", NULL};
static void get(long long *v) {
  static char buf[1024];
  pf_read("/proc/self/io", buf, sizeof buf);
  char *p = buf;
  for (int i = 0; keys[i]; i++) {
    size_t kl = strlen(keys[i]);
    if (strncmp(p, keys[i], kl) || strncmp(p + kl, ": ", 2)) { v[i] = -1; fail("io line %d is not %s", i, keys[i]); return; }
    v[i] = strtoll(p + kl + 2, NULL, 10);
    p = strchr(p, '\n') + 1;
  }
  if (*p) fail("extra io lines");
}
int main(void) {
  long long a[7], b[7];
  get(a);
  int fd = open(tmp_path("io"), O_CREAT | O_RDWR | O_TRUNC, 0600);
  static char blk[4096];
  for (int i = 0; i < 10; i++) write(fd, blk, sizeof blk);
  lseek(fd, 0, SEEK_SET);
  for (int i = 0; i < 5; i++) read(fd, blk, sizeof blk);
  get(b);
  check("wchar grew by >= 40960", b[1] - a[1] >= 40960);
  check("wchar grew by < 40960+4096", b[1] - a[1] < 40960 + 4096);
  check("syscw grew by >= 10", b[3] - a[3] >= 10);
  check("rchar grew by >= 20480", b[0] - a[0] >= 20480);
  check("syscr grew by >= 5", b[2] - a[2] >= 5);
  close(fd);
  unlink(tmp_path("io"));
  return contract_end("proc_io");
}
