/* openat with O_CREAT in /tmp: creation with O_EXCL, EEXIST the second
 * time, O_CREAT without O_EXCL opens the existing file, ENOENT when the
 * parent does not exist, ENOTDIR when a parent is a file, EISDIR for
 * O_CREAT on an existing directory. */
#include "contract.h"

static void try_open(const char *what, const char *path, int flags, int want) {
  long fd = syscall(SYS_openat, AT_FDCWD, path, flags, 0600);
  if (want == 0) {
    expect_ok(what, fd);
    if (fd >= 0) close((int)fd);
  } else {
    expect_err(what, fd, want);
  }
}

int main(void) {
  char p[128], sub[160];
  snprintf(p, sizeof p, "%s", tmp_path("openat"));
  snprintf(sub, sizeof sub, "%s/x", p);
  try_open("create with O_EXCL", p, O_WRONLY | O_CREAT | O_EXCL, 0);
  try_open("create again with O_EXCL", p, O_WRONLY | O_CREAT | O_EXCL, EEXIST);
  try_open("O_CREAT on existing file", p, O_RDWR | O_CREAT, 0);
  try_open("parent is a file", sub, O_WRONLY | O_CREAT, ENOTDIR);
  try_open("missing parent", "/tmp/aramid-no-such-dir/x", O_WRONLY | O_CREAT, ENOENT);
  try_open("O_CREAT on a directory", "/tmp", O_WRONLY | O_CREAT, EISDIR);
  expect_ok("unlink", unlink(p));
  try_open("gone after unlink", p, O_RDONLY, ENOENT);
  return contract_end("openat_create");
}
