/* linkat, symlinkat and readlinkat on new files: link counts, a hard link
 * sharing the inode, EEXIST, EPERM for directories, AT_SYMLINK_FOLLOW,
 * AT_EMPTY_PATH, dangling symlinks created through O_CREAT, ELOOP with
 * O_NOFOLLOW. */
#include "contract.h"
#include <sys/stat.h>

static char base[128];
static const char *p(const char *name) {
  static char bufs[4][192];
  static int i;
  char *b = bufs[i++ & 3];
  snprintf(b, 192, "%s/%s", base, name);
  return b;
}

int main(void) {
  snprintf(base, sizeof base, "%s", tmp_path("links"));
  mkdir(base, 0755);
  int fd = open(p("f"), O_CREAT | O_WRONLY, 0644);
  write(fd, "data", 4);
  close(fd);
  expect_ok("link", link(p("f"), p("g")));
  struct stat a, b;
  stat(p("f"), &a);
  stat(p("g"), &b);
  check("same inode", a.st_ino == b.st_ino && a.st_dev == b.st_dev);
  expect_eq("nlink 2", a.st_nlink, 2);
  expect_err("link exists", link(p("f"), p("g")), EEXIST);
  expect_err("link dir", link(base, p("dl")), EPERM);
  expect_err("link missing", link(p("none"), p("x")), ENOENT);
  expect_ok("symlink", symlink("f", p("s")));
  char buf[64] = {0};
  expect_eq("readlink", readlink(p("s"), buf, sizeof buf), 1);
  printf("target %s\n", buf);
  expect_err("readlink file", readlink(p("f"), buf, sizeof buf), EINVAL);
  expect_err("symlink exists", symlink("x", p("s")), EEXIST);
  expect_err("symlink empty target", symlink("", p("e")), ENOENT);
  expect_ok("linkat nofollow", linkat(AT_FDCWD, p("s"), AT_FDCWD, p("s2"), 0));
  lstat(p("s2"), &a);
  check("s2 is symlink", S_ISLNK(a.st_mode));
  expect_ok("linkat follow", linkat(AT_FDCWD, p("s"), AT_FDCWD, p("h"), AT_SYMLINK_FOLLOW));
  lstat(p("h"), &a);
  check("h is regular", S_ISREG(a.st_mode));
  expect_eq("nlink 3", a.st_nlink, 3);
  fd = open(p("f"), O_RDONLY);
  expect_ok("linkat empty path", linkat(fd, "", AT_FDCWD, p("i"), AT_EMPTY_PATH));
  close(fd);
  expect_err("linkat bad flags", linkat(AT_FDCWD, p("f"), AT_FDCWD, p("j"), 0x2), EINVAL);
  expect_ok("symlink dangling", symlink("made", p("d")));
  fd = open(p("d"), O_CREAT | O_WRONLY, 0600);
  expect_ok("create through dangling", fd);
  close(fd);
  expect_ok("target made", stat(p("made"), &a));
  expect_err("excl on symlink", open(p("d"), O_CREAT | O_EXCL | O_WRONLY, 0600), EEXIST);
  expect_err("nofollow", open(p("s"), O_RDONLY | O_NOFOLLOW), ELOOP);
  unlink(p("f"));
  stat(p("g"), &a);
  expect_eq("nlink after unlink", a.st_nlink, 3);
  const char *names[] = {"g", "s", "s2", "h", "i", "d", "made"};
  for (unsigned i = 0; i < sizeof names / sizeof *names; i++) unlink(p(names[i]));
  expect_ok("cleanup", rmdir(base));
  return contract_end("vfs_links");
}
