/* Name limits: a 255-byte component is fine (ENOENT when missing, can be
 * created), 256 bytes is ENAMETOOLONG for open, mkdir, stat, symlink names
 * and unlink; a path of PATH_MAX bytes (with its NUL 4097) is ENAMETOOLONG
 * while 4095 characters are looked up; a symlink target of 4096 bytes is
 * ENAMETOOLONG, 4095 is stored and read back whole; getcwd deeper than
 * PATH_MAX is ENAMETOOLONG (raw syscall) while *at calls still work there. */
#include "contract.h"
#include <limits.h>
#include <sys/stat.h>

int main(void) {
  char base[128];
  snprintf(base, sizeof base, "%s", tmp_path("namelen"));
  mkdir(base, 0755);
  char name[300], path[600];
  memset(name, 'n', 255);
  name[255] = 0;
  snprintf(path, sizeof path, "%s/%s", base, name);
  struct stat st;
  expect_err("255 missing", stat(path, &st), ENOENT);
  int fd = open(path, O_CREAT | O_WRONLY, 0644);
  expect_ok("255 create", fd);
  close(fd);
  expect_ok("255 stat", stat(path, &st));
  expect_ok("255 unlink", unlink(path));
  memset(name, 'n', 256);
  name[256] = 0;
  snprintf(path, sizeof path, "%s/%s", base, name);
  expect_err("256 open", open(path, O_RDONLY), ENAMETOOLONG);
  expect_err("256 create", open(path, O_CREAT | O_WRONLY, 0644), ENAMETOOLONG);
  expect_err("256 mkdir", mkdir(path, 0755), ENAMETOOLONG);
  expect_err("256 stat", stat(path, &st), ENAMETOOLONG);
  expect_err("256 symlink name", symlink("x", path), ENAMETOOLONG);
  expect_err("256 unlink", unlink(path), ENAMETOOLONG);
  expect_err("256 rename target", rename(base, path), ENAMETOOLONG);
  static char big[5000];
  /* "/tmp////...///x": length 4096 without NUL. */
  strcpy(big, "/tmp");
  size_t n = strlen(big);
  while (n < 4095) big[n++] = '/';
  big[n++] = 'x';
  big[n] = 0;
  expect_eq("long path length", (long)strlen(big), 4096);
  expect_err("PATH_MAX path", stat(big, &st), ENAMETOOLONG);
  big[4094] = 'x';
  big[4095] = 0;
  expect_err("4095-char path looked up", stat(big, &st), ENOENT);
  static char target[5000];
  memset(target, 't', 4096);
  target[4096] = 0;
  char link[200];
  snprintf(link, sizeof link, "%s/l", base);
  expect_err("4096-byte target", symlink(target, link), ENAMETOOLONG);
  target[4095] = 0;
  expect_ok("4095-byte target", symlink(target, link));
  static char back[5000];
  expect_eq("readlink whole", readlink(link, back, sizeof back), 4095);
  expect_ok("lstat size", lstat(link, &st));
  expect_eq("link size", st.st_size, 4095);
  expect_err("follow too-long target", stat(link, &st), ENAMETOOLONG);
  unlink(link);
  /* A deep tree reached by relative *at steps, deeper than PATH_MAX. */
  char comp[201];
  memset(comp, 'd', 200);
  comp[200] = 0;
  char saved[600];
  getcwd(saved, sizeof saved);
  chdir(base);
  int depth = 0;
  for (; depth < 22; depth++) {
    if (mkdir(comp, 0755) != 0 || chdir(comp) != 0) break;
  }
  expect_eq("depth reached", depth, 22);
  static char cwd[8192];
  expect_err("getcwd too deep", syscall(SYS_getcwd, cwd, 4096), ENAMETOOLONG);
  fd = openat(AT_FDCWD, "here", O_CREAT | O_WRONLY, 0644);
  expect_ok("create deep down", fd);
  close(fd);
  unlink("here");
  for (int i = 0; i < depth; i++) {
    chdir("..");
    rmdir(comp);
  }
  chdir(saved);
  expect_ok("cleanup", rmdir(base));
  return contract_end("v2_namelen");
}
