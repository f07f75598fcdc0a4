/* NOT-DIFFERENTIAL: run only by tests/fs/escape.test.ts (under qemu it would see the host).
 * Escape attempts for tests/fs/escape.test.ts: every way a guest might reach
 * a host file outside the image or a bind mount. argv[1] is the bind's guest
 * path. Each attempt prints one line; a line starting with "LEAK" means a
 * host file outside was read, written or created (the test also checks the
 * host side). The sentinel files outside contain "SENTINEL". */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void try_read(const char *what, int dirfd, const char *path) {
  char buf[256] = {0};
  int fd = openat(dirfd, path, O_RDONLY);
  if (fd < 0) { printf("%s: refused\n", what); return; }
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  printf("%s%s: read %zd\n", n > 0 && strstr(buf, "SENTINEL") ? "LEAK " : "", what, n);
}

static void try_write(const char *what, int dirfd, const char *path) {
  int fd = openat(dirfd, path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) { printf("%s: refused\n", what); return; }
  write(fd, "ESCAPED", 7);
  close(fd);
  printf("%s: wrote (inside)\n", what);
}

static void in_chroot_tricks(void) {
  mkdir("/tmp/jail", 0755);
  int outer = open("/", O_RDONLY | O_DIRECTORY);
  if (chroot("/tmp/jail") != 0) { printf("chroot: failed\n"); return; }
  try_read("chroot, old root fd ../../sentinel", outer, "../../sentinel");
  try_read("chroot, /proc/self/cwd/../../sentinel", AT_FDCWD, "/proc/self/cwd/../../sentinel");
  fchdir(outer);
  for (int i = 0; i < 10; i++) chdir("..");
  try_read("chroot escape by fchdir and ..", AT_FDCWD, "sentinel");
  try_read("chroot escape, ../sentinel", AT_FDCWD, "../sentinel");
  if (chroot(".") == 0) try_read("chroot escape, new root /../sentinel", AT_FDCWD, "/../sentinel");
}

int main(int argc, char **argv) {
  const char *bind = argc > 1 ? argv[1] : "/mnt/b";
  char p[512];
  try_read("dotdot past root", AT_FDCWD, "/../../../../sentinel");
  try_read("relative dotdot", AT_FDCWD, "../../../../../sentinel");
  try_read("host absolute symlink", AT_FDCWD, "/host-abs");
  try_read("climbing symlink", AT_FDCWD, "/climb");
  try_read("symlink chain", AT_FDCWD, "/chain1");
  try_read("/proc/self/root/..", AT_FDCWD, "/proc/self/root/../sentinel");
  try_read("/proc/self/root/../..", AT_FDCWD, "/proc/self/root/../../sentinel");
  try_read("/proc/self/cwd/..", AT_FDCWD, "/proc/self/cwd/../../sentinel");
  try_read("/proc/1/root/..", AT_FDCWD, "/proc/1/root/../sentinel");
  snprintf(p, sizeof p, "%s/../../sentinel", bind);
  try_read("bind ../..", AT_FDCWD, p);
  snprintf(p, sizeof p, "%s/out", bind);
  try_read("symlink in bind to ../", AT_FDCWD, p);
  snprintf(p, sizeof p, "%s/abs", bind);
  try_read("symlink in bind, host absolute", AT_FDCWD, p);
  snprintf(p, sizeof p, "%s/chain", bind);
  try_read("symlink chain in bind", AT_FDCWD, p);
  int bfd = open(bind, O_RDONLY | O_DIRECTORY);
  try_read("openat bind dirfd ../..", bfd, "../../sentinel");
  try_read("openat bind dirfd ../../bind-sentinel", bfd, "../bind-sentinel");
  try_read("openat bind dirfd ../../../", bfd, "../../../sentinel");
  try_write("write via bind dotdot", bfd, "../../sentinel");
  try_write("write via bind dirfd ../created", bfd, "../created-outside");
  try_write("write via climbing symlink", AT_FDCWD, "/climb");
  try_write("write via host absolute symlink", AT_FDCWD, "/host-abs");
  snprintf(p, sizeof p, "%s/out", bind);
  try_write("write via bind symlink out", AT_FDCWD, p);
  snprintf(p, sizeof p, "%s/file", bind);
  char q[512];
  snprintf(q, sizeof q, "%s/../../moved-outside", bind);
  printf("rename bind file to ../..: %s\n", rename(p, q) == 0 ? "done (inside)" : "refused");
  printf("link bind file to /: %s\n", link(p, "/linked") == 0 ? "done" : "refused");
  printf("rename bind file to /: %s\n", rename(p, "/moved") == 0 ? "done" : "refused");
  snprintf(q, sizeof q, "%s/evil", bind);
  symlink("../../sentinel", q);
  try_read("new symlink in bind to ../../", AT_FDCWD, q);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    in_chroot_tricks();
    fflush(stdout);
    _exit(0);
  }
  waitpid(pid, NULL, 0);
  printf("done\n");
  return 0;
}
