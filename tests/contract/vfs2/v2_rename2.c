/* renameat2 corner cases: RENAME_EXCHANGE of a file and a directory (types
 * swap, contents follow), EXCHANGE with a missing side (ENOENT),
 * NOREPLACE|EXCHANGE and unknown flags (EINVAL), a directory over an empty
 * one (allowed) and over a non-empty one (ENOTEMPTY), a file over a
 * directory (EISDIR), a directory over a file (ENOTDIR), a directory into
 * its own subdirectory (EINVAL), renaming onto its own hard link (a no-op,
 * both names stay), a trailing slash on a file (ENOTDIR), a missing source
 * (ENOENT), and /tmp to /dev/shm (EXDEV, also for EXCHANGE). */
#include "contract.h"
#include <sys/stat.h>

static char base[128];
static const char *p(const char *name) {
  static char bufs[6][192];
  static int i;
  char *b = bufs[i++ % 6];
  snprintf(b, 192, "%s/%s", base, name);
  return b;
}

static void mkfile(const char *path, const char *data) {
  int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
  write(fd, data, strlen(data));
  close(fd);
}

static long rn2(const char *a, const char *b, unsigned flags) {
  return syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, flags);
}

static void show(const char *what, const char *path) {
  struct stat st;
  if (lstat(path, &st) != 0) { printf("%s: missing\n", what); return; }
  printf("%s: %s\n", what, S_ISDIR(st.st_mode) ? "dir" : S_ISREG(st.st_mode) ? "file" : "other");
}

int main(void) {
  snprintf(base, sizeof base, "%s", tmp_path("ren2"));
  mkdir(base, 0755);
  mkfile(p("f"), "F");
  mkdir(p("d"), 0755);
  mkfile(p("d/inner"), "I");
  expect_ok("exchange file and dir", rn2(p("f"), p("d"), 2 /* RENAME_EXCHANGE */));
  show("f now", p("f"));
  show("d now", p("d"));
  expect_ok("inner followed", access(p("f/inner"), F_OK));
  expect_err("exchange missing", rn2(p("f"), p("nope"), 2), ENOENT);
  expect_err("noreplace|exchange", rn2(p("f"), p("d"), 3), EINVAL);
  expect_err("unknown flag", rn2(p("f"), p("d"), 0x40), EINVAL);
  expect_err("noreplace existing", rn2(p("d"), p("f"), 1), EEXIST);
  mkdir(p("e1"), 0755);
  mkdir(p("e2"), 0755);
  expect_ok("dir over empty dir", rename(p("e1"), p("e2")));
  show("e1", p("e1"));
  expect_err("dir over non-empty dir", rename(p("e2"), p("f")), ENOTEMPTY);
  expect_err("file over dir", rename(p("d"), p("e2")), EISDIR);
  expect_err("dir over file", rename(p("e2"), p("d")), ENOTDIR);
  expect_err("dir into itself", rename(p("f"), p("f/inner2")), EINVAL);
  mkdir(p("f/sub"), 0755);
  expect_err("dir into own subdir", rename(p("f"), p("f/sub/x")), EINVAL);
  expect_err("exchange dir with its child", rn2(p("f"), p("f/sub"), 2), EINVAL);
  link(p("d"), p("hard"));
  expect_ok("onto own hard link", rename(p("d"), p("hard")));
  show("d after", p("d"));
  show("hard after", p("hard"));
  char slash[200];
  snprintf(slash, sizeof slash, "%s/", p("d"));
  expect_err("file with trailing slash", rename(slash, p("zz")), ENOTDIR);
  expect_err("missing source", rename(p("missing"), p("zz")), ENOENT);
  expect_err("missing target dir", rename(p("d"), p("missing/zz")), ENOENT);
  expect_ok("dir with trailing slash", rename(p("e2/"), p("e3/")));
  char shm[128];
  snprintf(shm, sizeof shm, "/dev/shm/aramid-contract-ren2-%d", (int)getpid());
  mkfile(shm, "S");
  expect_err("to another fs", rename(p("d"), shm), EXDEV);
  expect_err("exchange across fs", rn2(p("d"), shm, 2), EXDEV);
  expect_err("rename root", rename("/", p("root")), EBUSY);
  unlink(shm);
  unlink(p("d")); unlink(p("hard")); unlink(p("f/inner")); rmdir(p("f/sub")); rmdir(p("f")); rmdir(p("e3"));
  expect_ok("cleanup", rmdir(base));
  return contract_end("v2_rename2");
}
