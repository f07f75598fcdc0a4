/* faccessat: F_OK/R_OK on existing files, X_OK on a directory, X_OK on a
 * file with no execute bits (EACCES even for root), a dangling symlink,
 * and the errors: ENOENT, ENOTDIR, EINVAL (bad mode), EBADF, EFAULT.
 * W_OK is left out: it depends on the uid and on whether the root is
 * writable, which legitimately differ. */
#include "contract.h"

static void try_access(const char *what, int dirfd, const char *path, int mode, int want) {
  long r = syscall(SYS_faccessat, dirfd, path, mode);
  if (want == 0) expect_ok(what, r);
  else expect_err(what, r, want);
}

int main(void) {
  try_access("F_OK hello.txt", AT_FDCWD, "hello.txt", F_OK, 0);
  try_access("R_OK hello.txt", AT_FDCWD, "hello.txt", R_OK, 0);
  try_access("R_OK via link", AT_FDCWD, "link", R_OK, 0);
  try_access("X_OK dir", AT_FDCWD, "dir", X_OK, 0);
  try_access("R_OK|X_OK dir/sub", AT_FDCWD, "dir/sub", R_OK | X_OK, 0);
  try_access("X_OK hello.txt", AT_FDCWD, "hello.txt", X_OK, EACCES);
  try_access("F_OK missing", AT_FDCWD, "nope", F_OK, ENOENT);
  try_access("F_OK dangling", AT_FDCWD, "dangling", F_OK, ENOENT);
  try_access("F_OK through file", AT_FDCWD, "hello.txt/x", F_OK, ENOTDIR);
  try_access("mode 8", AT_FDCWD, "hello.txt", 8, EINVAL);
  try_access("bad dirfd", 9999, "hello.txt", F_OK, EBADF);
  expect_err("bad path", syscall(SYS_faccessat, AT_FDCWD, BAD_PTR, F_OK), EFAULT);
  int dfd = (int)expect_ok("open dir", openat(AT_FDCWD, "dir", O_RDONLY | O_DIRECTORY));
  try_access("F_OK relative to dir fd", dfd, "sub/x", F_OK, 0);
  close(dfd);
  return contract_end("faccessat");
}
