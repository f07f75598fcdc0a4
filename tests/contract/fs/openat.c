/* openat: relative to AT_FDCWD and to a directory fd, absolute paths
 * ignore dirfd, and the errors: ENOENT (missing, dangling symlink, empty
 * path), ENOTDIR (file used as a directory, O_DIRECTORY on a file, file
 * fd as dirfd), EISDIR (writing a directory), EEXIST (O_CREAT|O_EXCL),
 * ELOOP (O_NOFOLLOW on a symlink), ENAMETOOLONG, EBADF (bad dirfd),
 * EFAULT (bad path pointer). Creating files is in openat_create. */
#include "contract.h"

static void try_open(const char *what, int dirfd, const char *path, int flags, int want) {
  long fd = syscall(SYS_openat, dirfd, path, flags, 0644);
  if (want == 0) {
    expect_ok(what, fd);
    if (fd >= 0) close((int)fd);
  } else {
    expect_err(what, fd, want);
  }
}

int main(void) {
  char longname[300];
  memset(longname, 'n', sizeof longname - 1);
  longname[sizeof longname - 1] = 0;
  try_open("file", AT_FDCWD, "hello.txt", O_RDONLY, 0);
  try_open("through symlink", AT_FDCWD, "link", O_RDONLY, 0);
  try_open("directory read-only", AT_FDCWD, "dir", O_RDONLY, 0);
  try_open("dir with O_DIRECTORY", AT_FDCWD, "dir/sub", O_RDONLY | O_DIRECTORY, 0);
  try_open("dot", AT_FDCWD, ".", O_RDONLY | O_DIRECTORY, 0);
  try_open("dot-dot path", AT_FDCWD, "dir/sub/../a", O_RDONLY, 0);
  try_open("trailing slash on dir", AT_FDCWD, "dir/", O_RDONLY, 0);
  try_open("missing", AT_FDCWD, "nope", O_RDONLY, ENOENT);
  try_open("missing in missing dir", AT_FDCWD, "nope/x", O_RDONLY, ENOENT);
  try_open("dangling symlink", AT_FDCWD, "dangling", O_RDONLY, ENOENT);
  try_open("empty path", AT_FDCWD, "", O_RDONLY, ENOENT);
  try_open("file as directory", AT_FDCWD, "hello.txt/x", O_RDONLY, ENOTDIR);
  try_open("trailing slash on file", AT_FDCWD, "hello.txt/", O_RDONLY, ENOTDIR);
  try_open("O_DIRECTORY on file", AT_FDCWD, "hello.txt", O_RDONLY | O_DIRECTORY, ENOTDIR);
  try_open("O_WRONLY on directory", AT_FDCWD, "dir", O_WRONLY, EISDIR);
  try_open("O_RDWR on directory", AT_FDCWD, "dir", O_RDWR, EISDIR);
  try_open("O_CREAT|O_EXCL existing", AT_FDCWD, "hello.txt", O_RDONLY | O_CREAT | O_EXCL, EEXIST);
  try_open("O_NOFOLLOW on symlink", AT_FDCWD, "link", O_RDONLY | O_NOFOLLOW, ELOOP);
  try_open("name too long", AT_FDCWD, longname, O_RDONLY, ENAMETOOLONG);
  try_open("bad dirfd, relative", 12345, "hello.txt", O_RDONLY, EBADF);
  try_open("bad dirfd, absolute", 12345, "/", O_RDONLY, 0);
  expect_err("bad path pointer", syscall(SYS_openat, AT_FDCWD, BAD_PTR, O_RDONLY), EFAULT);
  int dfd = (int)expect_ok("open dir fd", openat(AT_FDCWD, "dir", O_RDONLY | O_DIRECTORY));
  try_open("relative to dir fd", dfd, "b", O_RDONLY, 0);
  try_open("relative to dir fd, nested", dfd, "sub/x", O_RDONLY, 0);
  try_open("relative to dir fd, missing", dfd, "hello.txt", O_RDONLY, ENOENT);
  try_open("dot-dot from dir fd", dfd, "../hello.txt", O_RDONLY, 0);
  int ffd = (int)expect_ok("open file fd", openat(AT_FDCWD, "hello.txt", O_RDONLY));
  try_open("file fd as dirfd", ffd, "x", O_RDONLY, ENOTDIR);
  close(ffd);
  close(dfd);
  return contract_end("openat");
}
