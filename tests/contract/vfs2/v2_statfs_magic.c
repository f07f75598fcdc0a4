/* statfs/fstatfs magic numbers of the special filesystems: proc, sysfs,
 * devpts, devtmpfs (/dev, tmpfs's magic), tmpfs (/dev/shm), and of
 * descriptors without a path: pipes (pipefs), sockets (sockfs), eventfd
 * and epoll (anon_inodefs); f_namelen 255 for tmpfs and proc; statfs
 * follows a symlink; a missing path is ENOENT. */
#include "contract.h"
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/statfs.h>

static void named_magic(const char *label, const char *path) {
  struct statfs sf;
  if (statfs(path, &sf) != 0) { printf("%s: %s\n", label, errno_name(errno)); fail("statfs %s", label); return; }
  printf("%s: magic %#lx\n", label, (unsigned long)sf.f_type);
}

static void path_magic(const char *path) {
  named_magic(path, path);
}

static void fd_magic(const char *what, int fd) {
  struct statfs sf;
  if (fstatfs(fd, &sf) != 0) { printf("%s: %s\n", what, errno_name(errno)); fail("fstatfs %s", what); return; }
  printf("%s: magic %#lx\n", what, (unsigned long)sf.f_type);
}

int main(void) {
  path_magic("/proc");
  path_magic("/proc/self");
  path_magic("/sys");
  path_magic("/dev/pts");
  path_magic("/dev");
  path_magic("/dev/shm");
  struct statfs sf;
  statfs("/dev/shm", &sf);
  expect_eq("tmpfs namelen", sf.f_namelen, 255);
  expect_eq("tmpfs bsize", sf.f_bsize, 4096);
  statfs("/proc", &sf);
  expect_eq("proc namelen", sf.f_namelen, 255);
  int p[2];
  pipe(p);
  fd_magic("pipe", p[0]);
  int s[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, s);
  fd_magic("socket", s[0]);
  int e = eventfd(0, 0);
  fd_magic("eventfd", e);
  int ep = epoll_create1(0);
  fd_magic("epoll", ep);
  int pf = open("/proc/self/status", O_RDONLY);
  fd_magic("proc file", pf);
  char l[128];
  snprintf(l, sizeof l, "%s", tmp_path("sfl"));
  symlink("/proc", l);
  named_magic("symlink to /proc", l);
  unlink(l);
  expect_err("missing", statfs("/proc/no-such", &sf), ENOENT);
  return contract_end("v2_statfs_magic");
}
