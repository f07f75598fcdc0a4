/* mount(2)/umount2(2): a tmpfs mounted on a directory in /tmp hides what
 * was there and reports tmpfs's magic; EBUSY while a cwd is inside, MNT_DETACH
 * then succeeds; EINVAL for a non-mountpoint; ENODEV for an unknown type;
 * ENOTDIR/ENOENT for bad targets; bind mounts show the same files and can be
 * remounted read-only (EROFS); EPERM without privilege. */
#include "contract.h"
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/statvfs.h>
#include <sys/wait.h>

static char base[128];
static const char *p(const char *name) {
  static char bufs[4][192];
  static int i;
  char *b = bufs[i++ & 3];
  snprintf(b, 192, "%s/%s", base, name);
  return b;
}
static int exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

int main(void) {
  snprintf(base, sizeof base, "%s", tmp_path("mount"));
  mkdir(base, 0755);
  mkdir(p("m"), 0755);
  close(open(p("m/under"), O_CREAT | O_WRONLY, 0644));
  expect_ok("mount tmpfs", mount("none", p("m"), "tmpfs", 0, "mode=700"));
  check("old file hidden", !exists(p("m/under")));
  struct stat st;
  stat(p("m"), &st);
  printf("root mode %o\n", st.st_mode & 07777);
  struct statfs sf;
  statfs(p("m"), &sf);
  printf("magic %lx\n", (unsigned long)sf.f_type);
  close(open(p("m/new"), O_CREAT | O_WRONLY, 0644));
  char cwd[256];
  getcwd(cwd, sizeof cwd);
  chdir(p("m"));
  expect_err("umount busy", umount(p("m")), EBUSY);
  chdir(cwd);
  expect_err("rmdir mountpoint", rmdir(p("m")), EBUSY);
  expect_err("rename mountpoint", rename(p("m"), p("m2")), EBUSY);
  expect_ok("umount", umount(p("m")));
  check("old file back", exists(p("m/under")));
  check("new file gone", !exists(p("m/new")));
  expect_err("umount again", umount(p("m")), EINVAL);
  expect_err("umount missing", umount(p("nope")), ENOENT);
  expect_err("unknown type", mount("none", p("m"), "aramid-nofs", 0, NULL), ENODEV);
  expect_err("target missing", mount("none", p("nope"), "tmpfs", 0, NULL), ENOENT);
  expect_err("target through file", mount("none", p("m/under/x"), "tmpfs", 0, NULL), ENOTDIR);
  expect_err("umount bad flags", umount2(p("m"), 0x100), EINVAL);
  mkdir(p("b"), 0755);
  expect_ok("bind", mount(p("m"), p("b"), NULL, MS_BIND, NULL));
  check("bind shows file", exists(p("b/under")));
  close(open(p("b/via-bind"), O_CREAT | O_WRONLY, 0644));
  check("write through bind visible", exists(p("m/via-bind")));
  expect_ok("remount ro", mount(NULL, p("b"), NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL));
  expect_err("create on ro bind", open(p("b/x"), O_CREAT | O_WRONLY, 0644), EROFS);
  expect_err("open ro bind for write", open(p("b/under"), O_WRONLY), EROFS);
  expect_err("mkdir on ro bind", mkdir(p("b/d"), 0755), EROFS);
  check("original still writable", open(p("m/y"), O_CREAT | O_WRONLY, 0644) >= 0);
  statfs(p("b"), &sf);
  check("ST_RDONLY", (sf.f_flags & ST_RDONLY) != 0);
  chdir(p("b"));
  expect_ok("lazy umount while busy", umount2(p("b"), MNT_DETACH));
  check("cwd still usable", exists("under"));
  chdir(cwd);
  check("bind gone", !exists(p("b/under")));
  pid_t pid = fork();
  if (pid == 0) {
    setuid(65534);
    _exit(mount("none", p("m"), "tmpfs", 0, NULL) == -1 && errno == EPERM ? 0 : 1);
  }
  int status;
  waitpid(pid, &status, 0);
  check("EPERM for non-root", WIFEXITED(status) && WEXITSTATUS(status) == 0);
  unlink(p("m/under")); unlink(p("m/via-bind")); unlink(p("m/y"));
  rmdir(p("m")); rmdir(p("b"));
  expect_ok("cleanup", rmdir(base));
  return contract_end("vfs_mount");
}
