#include "pf.h"
/* A reaped pid is ENOENT; an fd opened before the exit reads ESRCH; a dir
 * fd to a dead pid gives ENOENT for lookups. */
int main(void) {
  int p[2];
  pipe(p);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) { char b; read(p[0], &b, 1); _exit(0); }
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/stat", c);
  int fs = open(path, O_RDONLY);
  snprintf(path, sizeof path, "/proc/%d/status", c);
  int fst = open(path, O_RDONLY);
  snprintf(path, sizeof path, "/proc/%d/cmdline", c);
  int fc = open(path, O_RDONLY);
  snprintf(path, sizeof path, "/proc/%d", c);
  int dfd = open(path, O_RDONLY | O_DIRECTORY);
  check("opened while alive", fs >= 0 && fst >= 0 && fc >= 0 && dfd >= 0);
  char buf[4096];
  check("read while alive", read(fs, buf, sizeof buf) > 0);
  lseek(fs, 0, SEEK_SET);
  write(p[1], "x", 1);
  waitpid(c, NULL, 0);
  expect_err("read stat after reap", read(fs, buf, sizeof buf), ESRCH);
  expect_err("read status after reap", read(fst, buf, sizeof buf), ESRCH);
  expect_err("read cmdline after reap", read(fc, buf, sizeof buf), ESRCH);
  expect_err("openat stat via dead dir fd", openat(dfd, "stat", O_RDONLY), ESRCH);
  struct stat st;
  expect_err("stat /proc/PID", stat(path, &st), ENOENT);
  expect_err("kill reaped", kill(c, 0), ESRCH);
  return contract_end("proc_reaped");
}
