/* linkat/symlinkat/unlinkat/readlinkat errors: linking a symlink without
 * AT_SYMLINK_FOLLOW links the symlink itself, with it the target; a hard
 * link of a dangling symlink with FOLLOW is ENOENT; EXDEV across mounts;
 * ENOENT for a missing source or target directory; a trailing slash on a
 * file source is ENOTDIR; an empty symlink target is ENOENT; symlinkat
 * over an existing name is EEXIST (also for a dangling one); unlinkat with
 * a bad flag is EINVAL, AT_REMOVEDIR on a file ENOTDIR, rmdir of "." EINVAL
 * and of ".." ENOTEMPTY; unlink of a directory EISDIR; readlinkat through
 * a dirfd; linking into a directory fd works. */
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

int main(void) {
  snprintf(base, sizeof base, "%s", tmp_path("linkerr"));
  mkdir(base, 0755);
  close(open(p("f"), O_CREAT | O_WRONLY, 0644));
  symlink("f", p("s"));
  symlink("nowhere", p("dang"));
  struct stat st, a, b;
  expect_ok("link a symlink", linkat(AT_FDCWD, p("s"), AT_FDCWD, p("s2"), 0));
  lstat(p("s2"), &st);
  check("is a symlink", S_ISLNK(st.st_mode));
  expect_ok("link following", linkat(AT_FDCWD, p("s"), AT_FDCWD, p("f2"), AT_SYMLINK_FOLLOW));
  lstat(p("f2"), &a);
  stat(p("f"), &b);
  check("is the target", S_ISREG(a.st_mode) && a.st_ino == b.st_ino);
  expect_ok("link a dangling symlink", linkat(AT_FDCWD, p("dang"), AT_FDCWD, p("dang2"), 0));
  expect_err("follow a dangling symlink", linkat(AT_FDCWD, p("dang"), AT_FDCWD, p("dang3"), AT_SYMLINK_FOLLOW), ENOENT);
  char shm[128];
  snprintf(shm, sizeof shm, "/dev/shm/aramid-contract-linkerr-%d", (int)getpid());
  expect_err("link across mounts", link(p("f"), shm), EXDEV);
  expect_err("missing source", link(p("missing"), p("x")), ENOENT);
  expect_err("missing target dir", link(p("f"), p("nodir/x")), ENOENT);
  expect_err("target dir is a file", link(p("f"), p("f/x")), ENOTDIR);
  char slash[200];
  snprintf(slash, sizeof slash, "%s/", p("f"));
  expect_err("source with trailing slash", link(slash, p("x")), ENOTDIR);
  expect_err("empty symlink target", symlink("", p("empty")), ENOENT);
  expect_err("symlink over file", symlink("x", p("f")), EEXIST);
  expect_err("symlink over dangling", symlink("x", p("dang")), EEXIST);
  expect_err("symlink in missing dir", symlink("x", p("nodir/l")), ENOENT);
  expect_err("unlinkat bad flag", unlinkat(AT_FDCWD, p("f2"), 0x1), EINVAL);
  expect_err("rmdir on a file", unlinkat(AT_FDCWD, p("f2"), AT_REMOVEDIR), ENOTDIR);
  mkdir(p("d"), 0755);
  expect_err("unlink a dir", unlink(p("d")), EISDIR);
  expect_err("rmdir .", rmdir(p("d/.")), EINVAL);
  expect_err("rmdir ..", rmdir(p("d/..")), ENOTEMPTY);
  expect_err("rmdir via symlink", rmdir(p("s")), ENOTDIR);
  int dfd = open(base, O_RDONLY | O_DIRECTORY);
  char buf[32] = {0};
  expect_eq("readlinkat via dirfd", readlinkat(dfd, "s", buf, sizeof buf), 1);
  expect_ok("linkat between dirfds", linkat(dfd, "f", dfd, "d/f3", 0));
  stat(p("f"), &st);
  expect_eq("nlink", st.st_nlink, 3);
  expect_ok("symlinkat via dirfd", symlinkat("../f", dfd, "d/up"));
  expect_ok("follows relative to its dir", stat(p("d/up"), &st));
  expect_ok("unlinkat via dirfd", unlinkat(dfd, "d/up", 0));
  expect_err("unlinkat with file fd", unlinkat(open(p("f"), O_RDONLY), "x", 0), ENOTDIR);
  const char *names[] = {"f", "s", "dang", "s2", "f2", "dang2", "d/f3"};
  for (int i = 0; i < 7; i++) unlink(p(names[i]));
  rmdir(p("d"));
  expect_ok("cleanup", rmdir(base));
  return contract_end("v2_link_errs");
}
