/* Symlink resolution limits: a chain of 40 links resolves, 41 is ELOOP
 * (for stat, open, and as a directory prefix); a self-loop and a two-link
 * cycle are ELOOP, lstat of them works; relative links resolve from their
 * own directory; ".." after a symlink to a directory goes to the target's
 * parent; a trailing slash follows a link to a directory; a link to a file
 * used as a directory is ENOTDIR; readlink of the chain's head gives one
 * step only. */
#include "contract.h"
#include <ftw.h>
#include <stdio.h>
#include <sys/stat.h>

static int rm_entry(const char *path, const struct stat *st, int type, struct FTW *ftw) {
  (void)st, (void)type, (void)ftw;
  return remove(path);
}

static char base[128];
static const char *p(const char *name) {
  static char bufs[6][256];
  static int i;
  char *b = bufs[i++ % 6];
  snprintf(b, 256, "%s/%s", base, name);
  return b;
}

int main(void) {
  snprintf(base, sizeof base, "%s", tmp_path("symloop"));
  mkdir(base, 0755);
  int fd = open(p("target"), O_CREAT | O_WRONLY, 0644);
  write(fd, "T", 1);
  close(fd);
  /* l0 -> target, l1 -> l0, ..., l40 -> l39 */
  char name[32], prev[32];
  symlink("target", p("l0"));
  for (int i = 1; i <= 40; i++) {
    snprintf(name, sizeof name, "l%d", i);
    snprintf(prev, sizeof prev, "l%d", i - 1);
    symlink(prev, p(name));
  }
  struct stat st;
  expect_ok("chain of 40 (l39)", stat(p("l39"), &st));
  expect_err("chain of 41 (l40)", stat(p("l40"), &st), ELOOP);
  expect_err("open chain of 41", open(p("l40"), O_RDONLY), ELOOP);
  expect_ok("lstat chain head", lstat(p("l40"), &st));
  char buf[64] = {0};
  expect_eq("readlink one step", readlink(p("l40"), buf, sizeof buf), 3);
  printf("l40 -> %s\n", buf);
  mkdir(p("dir"), 0755);
  symlink("dir", p("d0"));
  for (int i = 1; i <= 40; i++) {
    snprintf(name, sizeof name, "d%d", i);
    snprintf(prev, sizeof prev, "d%d", i - 1);
    symlink(prev, p(name));
  }
  expect_err("41 as a prefix", stat(p("d40/x"), &st), ELOOP);
  expect_err("40 as a prefix, missing", stat(p("d39/x"), &st), ENOENT);
  symlink("self", p("self"));
  expect_err("self loop", stat(p("self"), &st), ELOOP);
  expect_ok("lstat self loop", lstat(p("self"), &st));
  expect_err("create through self loop", open(p("self"), O_CREAT | O_WRONLY, 0644), ELOOP);
  symlink("b", p("a"));
  symlink("a", p("b"));
  expect_err("two-link cycle", open(p("a"), O_RDONLY), ELOOP);
  expect_err("cycle as dir", stat(p("a/x"), &st), ELOOP);
  mkdir(p("dir/deep"), 0755);
  symlink("dir/deep", p("todeep"));
  fd = open(p("dir/marker"), O_CREAT | O_WRONLY, 0644);
  close(fd);
  expect_ok("dotdot after link goes to target parent", stat(p("todeep/../marker"), &st));
  symlink("../target", p("dir/up"));
  expect_ok("relative link from its own dir", stat(p("dir/up"), &st));
  expect_eq("size of target", st.st_size, 1);
  expect_ok("trailing slash follows", stat(p("todeep/"), &st));
  check("is dir", S_ISDIR(st.st_mode));
  expect_ok("lstat trailing slash follows", lstat(p("todeep/"), &st));
  check("lstat with slash is dir", S_ISDIR(st.st_mode));
  expect_err("file link as dir", stat(p("l0/x"), &st), ENOTDIR);
  expect_err("file link with slash", stat(p("l0/"), &st), ENOTDIR);
  expect_err("dangling with slash", stat(p("dangle/"), &st), ENOENT);
  symlink("nowhere", p("dangle"));
  expect_err("mkdir over dangling", mkdir(p("dangle"), 0755), EEXIST);
  fd = open(p("dangle"), O_CREAT | O_WRONLY, 0644);
  expect_ok("O_CREAT through dangling", fd);
  close(fd);
  expect_ok("created target", stat(p("nowhere"), &st));
  expect_err("O_CREAT|O_EXCL on dangling", open(p("dangle"), O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
  nftw(base, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
  return contract_end("v2_symloop");
}
