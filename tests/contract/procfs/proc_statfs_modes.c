#include "pf.h"
#include <sys/statfs.h>
/* statfs("/proc"), root inode, file modes and st_size 0. */
static void mode(const char *path) {
  struct stat st;
  if (lstat(path, &st) < 0) { printf("%s: %s\n", path, errno_name(errno)); fail("lstat %s", path); return; }
  printf("%s: type %s mode %04o size %s\n", path,
         S_ISDIR(st.st_mode) ? "dir" : S_ISLNK(st.st_mode) ? "lnk" : S_ISREG(st.st_mode) ? "reg" : "other",
         st.st_mode & 07777, S_ISREG(st.st_mode) ? (st.st_size == 0 ? "0" : "nonzero") : "-");
}
int main(void) {
  struct statfs sf;
  expect_ok("statfs /proc", statfs("/proc", &sf));
  printf("f_type: %#lx\n", (unsigned long)sf.f_type);
  expect_eq("f_bsize", sf.f_bsize, 4096);
  expect_eq("f_namelen", sf.f_namelen, 255);
  struct statfs sf2;
  statfs("/proc/self/stat", &sf2);
  check("same fs for a file", sf2.f_type == sf.f_type);
  struct stat st;
  stat("/proc", &st);
  expect_eq("/proc st_ino", st.st_ino, 1);
  const char *paths[] = {"/proc", "/proc/self/", "/proc/self/stat", "/proc/self/status", "/proc/self/statm",
    "/proc/self/cmdline", "/proc/self/comm", "/proc/self/environ", "/proc/self/maps", "/proc/self/auxv",
    "/proc/self/fd", "/proc/self/fdinfo", "/proc/self/task", "/proc/self/exe", "/proc/self/cwd",
    "/proc/self/root", "/proc/self/wchan", "/proc/self/io", "/proc/self/limits", "/proc/self/mounts",
    "/proc/self/mountinfo", "/proc/self/cgroup", "/proc/self/oom_score", "/proc/self/oom_score_adj",
    "/proc/stat", "/proc/meminfo", "/proc/uptime", "/proc/loadavg", "/proc/cpuinfo", "/proc/version",
    "/proc/mounts", "/proc/filesystems", "/proc/sys/kernel/pid_max", "/proc/sys/kernel/osrelease", NULL};
  for (int i = 0; paths[i]; i++) mode(paths[i]);
  static char b[4096];
  long n = readlink("/proc/mounts", b, sizeof b - 1);
  b[n > 0 ? n : 0] = 0;
  printf("mounts -> %s\n", b);
  check("stat nlink >= 1", stat("/proc/self/stat", &st) == 0 && st.st_nlink == 1);
  int wfd = open("/proc/self/stat", O_WRONLY);
  expect_ok("open /proc/self/stat O_WRONLY as root", wfd);
  expect_err("write to /proc/self/stat", write(wfd, "x", 1), EINVAL);
  close(wfd);
  expect_err("create in /proc", open("/proc/newfile", O_CREAT | O_WRONLY, 0644), ENOENT);
  expect_err("mkdir in /proc/self", mkdir("/proc/self/x", 0755), ENOENT);
  expect_err("unlink /proc/self/stat", unlink("/proc/self/stat"), EPERM);
  return contract_end("proc_statfs_modes");
}
