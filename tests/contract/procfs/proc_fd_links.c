#include "pf.h"
/* fd/ links: a file, a pipe (pipe:[ino]), /dev/null; modes; stat follows;
 * reopen through the link; fd dir size = open fds. */
int main(void) {
  char buf[512], path[64], want[512], cwd[256];
  int f = open("hello.txt", O_RDONLY);
  getcwd(cwd, sizeof cwd);
  snprintf(want, sizeof want, "%s/hello.txt", strcmp(cwd, "/") ? cwd : "");
  snprintf(path, sizeof path, "/proc/self/fd/%d", f);
  long n = readlink(path, buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = 0;
  check("file link = absolute path", strcmp(buf, want) == 0);
  struct stat a, b;
  fstat(f, &a);
  stat(path, &b);
  check("stat via link = fstat", a.st_ino == b.st_ino && a.st_dev == b.st_dev && a.st_size == b.st_size);
  lstat(path, &b);
  printf("file link mode: %o\n", b.st_mode);
  int p[2];
  pipe2(p, O_NONBLOCK);
  fstat(p[0], &a);
  snprintf(path, sizeof path, "/proc/self/fd/%d", p[0]);
  n = readlink(path, buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = 0;
  snprintf(want, sizeof want, "pipe:[%lu]", (unsigned long)a.st_ino);
  check("pipe link = pipe:[ino]", strcmp(buf, want) == 0);
  lstat(path, &b);
  printf("pipe read end link mode: %o\n", b.st_mode);
  fcntl(p[0], F_SETFL, O_NONBLOCK);
  snprintf(path, sizeof path, "/proc/self/fd/%d", p[1]);
  lstat(path, &b);
  printf("pipe write end link mode: %o\n", b.st_mode);
  n = readlink(path, buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = 0;
  check("both ends same pipe", strcmp(buf, want) == 0);
  /* reopen the write end through /proc and write into the pipe */
  int w = open(path, O_WRONLY);
  check("reopen pipe via fd link", w >= 0);
  if (w >= 0) write(w, "hi", 2);
  char r[4] = {0};
  expect_eq("read what was written via the link", read(p[0], r, 2), 2);
  check("pipe data", memcmp(r, "hi", 2) == 0);
  int nul = open("/dev/null", O_RDWR);
  snprintf(path, sizeof path, "/proc/self/fd/%d", nul);
  n = readlink(path, buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = 0;
  printf("dev null link: %s\n", nul >= 0 ? buf : "(no /dev/null)");
  lstat(path, &b);
  printf("dev null link mode: %o\n", b.st_mode);
  /* fd directory: st_size = number of open fds, same names as fdinfo */
  DIR *d = opendir("/proc/self/fd");
  int cnt = 0, lnk = 1;
  struct dirent *e;
  while ((e = readdir(d))) if (e->d_name[0] != '.') { cnt++; if (e->d_type != DT_LNK) lnk = 0; }
  stat("/proc/self/fd", &b);
  check("fd entries DT_LNK", lnk);
  check("fd dir st_size = entries (incl. the dir fd)", b.st_size == cnt - 1 || b.st_size == cnt);
  printf("fd dir mode: %o\n", b.st_mode);
  closedir(d);
  d = opendir("/proc/self/fdinfo");
  int cnt2 = 0;
  while ((e = readdir(d))) if (e->d_name[0] != '.') cnt2++;
  closedir(d);
  expect_eq("fd and fdinfo list the same count", cnt2 - cnt, 0);
  close(f);
  snprintf(path, sizeof path, "/proc/self/fd/%d", f);
  expect_err("closed fd link", readlink(path, buf, sizeof buf), ENOENT);
  /* an unlinked file gets " (deleted)" */
  const char *tp = tmp_path("fdl");
  int t = open(tp, O_CREAT | O_RDWR, 0600);
  unlink(tp);
  snprintf(path, sizeof path, "/proc/self/fd/%d", t);
  n = readlink(path, buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = 0;
  check("deleted suffix", n > 10 && strcmp(buf + n - 10, " (deleted)") == 0);
  return contract_end("proc_fd_links");
}
