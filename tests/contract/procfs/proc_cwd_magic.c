#include "pf.h"
/* /proc/self/cwd, root and exe are magic links: a walk through them goes to
 * the dentry itself, not to where their text would lead. */
int main(void) {
  char dir[128], path[256], buf[512];
  snprintf(dir, sizeof dir, "%s", tmp_path("cwdm"));
  mkdir(dir, 0700);
  chdir(dir);
  int f = open("foo", O_CREAT | O_WRONLY, 0600);
  write(f, "old", 3);
  close(f);
  int r = open("/proc/self/cwd/foo", O_RDONLY);
  expect_ok("open via cwd link", r);
  expect_eq("read via cwd link", read(r, buf, 8), 3);
  close(r);
  /* the cwd is removed and a new directory takes its name */
  unlink("foo");
  rmdir(dir);
  long n = readlink("/proc/self/cwd", buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = 0;
  snprintf(path, sizeof path, "%s (deleted)", dir);
  check("removed cwd reads (deleted)", strcmp(buf, path) == 0);
  mkdir(dir, 0700);
  snprintf(path, sizeof path, "%s/foo", dir);
  f = open(path, O_CREAT | O_WRONLY, 0600);
  write(f, "new", 3);
  close(f);
  expect_err("walk through cwd link stays in the removed dir", open("/proc/self/cwd/foo", O_RDONLY), ENOENT);
  struct stat st;
  expect_ok("stat the removed cwd via link", stat("/proc/self/cwd", &st));
  check("removed cwd has nlink 0", st.st_nlink == 0);
  expect_err("create in the removed cwd via link", open("/proc/self/cwd/bar", O_CREAT | O_WRONLY, 0600), ENOENT);
  unlink(path);
  rmdir(dir);
  chdir("/");
  r = open("/proc/self/root/proc/self/cwd/proc/self/stat", O_RDONLY);
  expect_ok("nested root and cwd links", r);
  close(r);
  r = open("/proc/self/exe", O_RDONLY);
  expect_ok("open exe link", r);
  expect_eq("exe read", read(r, buf, 4), 4);
  check("exe is an ELF file", memcmp(buf, "\177ELF", 4) == 0);
  struct stat a, b;
  fstat(r, &a);
  stat("/proc/self/exe", &b);
  check("stat exe link = fstat of exe", a.st_ino == b.st_ino && a.st_dev == b.st_dev);
  expect_err("exe link is not a directory", open("/proc/self/exe/x", O_RDONLY), ENOTDIR);
  return contract_end("proc_cwd_magic");
}
