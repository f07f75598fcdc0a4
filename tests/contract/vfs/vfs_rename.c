/* renameat2: plain renames of files and directories, replacing a file,
 * RENAME_NOREPLACE, RENAME_EXCHANGE, a directory into itself (EINVAL), over
 * a non-empty directory (ENOTEMPTY), type mismatches (EISDIR/ENOTDIR),
 * across mounts (EXDEV) and the special names (EBUSY). */
#include "contract.h"
#include <sys/stat.h>

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE 2
#endif

static char base[128];
static const char *p(const char *name) {
  static char bufs[4][192];
  static int i;
  char *b = bufs[i++ & 3];
  snprintf(b, 192, "%s/%s", base, name);
  return b;
}
static void put(const char *path, const char *s) {
  int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
  write(fd, s, strlen(s));
  close(fd);
}
static void show(const char *what, const char *path) {
  char buf[32] = {0};
  int fd = open(path, O_RDONLY);
  if (fd < 0) { printf("%s: missing\n", what); return; }
  read(fd, buf, sizeof buf - 1);
  close(fd);
  printf("%s: %s\n", what, buf);
}
static long r2(const char *a, const char *b, unsigned flags) {
  return syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, flags);
}

int main(void) {
  snprintf(base, sizeof base, "%s", tmp_path("rename"));
  mkdir(base, 0755);
  put(p("a"), "A");
  put(p("b"), "B");
  expect_ok("rename a->c", rename(p("a"), p("c")));
  show("c", p("c"));
  show("a", p("a"));
  expect_ok("rename c over b", rename(p("c"), p("b")));
  show("b", p("b"));
  put(p("a"), "A");
  expect_err("noreplace", r2(p("a"), p("b"), RENAME_NOREPLACE), EEXIST);
  expect_ok("noreplace to new", r2(p("a"), p("n"), RENAME_NOREPLACE));
  expect_ok("exchange", r2(p("n"), p("b"), RENAME_EXCHANGE));
  show("n", p("n"));
  show("b", p("b"));
  expect_err("exchange missing", r2(p("n"), p("zz"), RENAME_EXCHANGE), ENOENT);
  expect_err("both flags", r2(p("n"), p("b"), RENAME_EXCHANGE | RENAME_NOREPLACE), EINVAL);
  expect_err("missing source", rename(p("nope"), p("x")), ENOENT);
  mkdir(p("d"), 0755);
  mkdir(p("d/inner"), 0755);
  mkdir(p("e"), 0755);
  put(p("e/f"), "F");
  expect_err("dir into itself", rename(p("d"), p("d/inner/d2")), EINVAL);
  expect_err("dir over non-empty dir", rename(p("d"), p("e")), ENOTEMPTY);
  expect_err("dir over file", rename(p("d"), p("b")), ENOTDIR);
  expect_err("file over dir", rename(p("b"), p("d")), EISDIR);
  expect_ok("dir over empty dir", rename(p("e/f"), p("f")) == 0 ? rename(p("d"), p("e")) : -1);
  struct stat st;
  expect_ok("moved inner exists", stat(p("e/inner"), &st));
  expect_err("old dir gone", stat(p("d"), &st), ENOENT);
  expect_err("rename dot", rename(p("."), p("x")), EBUSY);
  expect_err("rename to dotdot", rename(p("f"), p("..")), EBUSY);
  expect_err("file with trailing slash", rename(p("f/"), p("g")), ENOTDIR);
  char shm[128];
  snprintf(shm, sizeof shm, "/dev/shm/aramid-rename-%d", (int)getpid());
  expect_err("across mounts", rename(p("f"), shm), EXDEV);
  expect_ok("same name", rename(p("f"), p("f")));
  show("f", p("f"));
  unlink(p("f")); unlink(p("b")); unlink(p("n"));
  rmdir(p("e/inner")); rmdir(p("e"));
  expect_ok("cleanup", rmdir(base));
  return contract_end("vfs_rename");
}
