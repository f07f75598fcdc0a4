/* mkdirat/unlinkat(AT_REMOVEDIR) and unlinkat on files: creation, EEXIST,
 * ENOTEMPTY, ENOTDIR, EISDIR, the special names ".", ".." and "/", ENOENT
 * for a missing parent, and the umask applied to the new directory's mode. */
#include "contract.h"
#include <sys/stat.h>

int main(void) {
  char d[128], f[160], sub[160], deep[192];
  snprintf(d, sizeof d, "%s", tmp_path("mkdir"));
  snprintf(f, sizeof f, "%s/file", d);
  snprintf(sub, sizeof sub, "%s/sub", d);
  snprintf(deep, sizeof deep, "%s/missing/x", d);
  umask(022);
  expect_ok("mkdir", mkdir(d, 0777));
  struct stat st;
  expect_ok("stat dir", stat(d, &st));
  printf("mode %o\n", st.st_mode & 07777);
  check("is dir", S_ISDIR(st.st_mode));
  expect_err("mkdir again", mkdir(d, 0755), EEXIST);
  expect_err("mkdir missing parent", mkdir(deep, 0755), ENOENT);
  expect_err("mkdir dot", mkdir("/tmp/.", 0755), EEXIST);
  expect_err("mkdir root", mkdir("/", 0755), EEXIST);
  int fd = open(f, O_CREAT | O_WRONLY, 0644);
  expect_ok("create file", fd);
  close(fd);
  snprintf(deep, sizeof deep, "%s/file/x", d);
  expect_err("mkdir under file", mkdir(deep, 0755), ENOTDIR);
  expect_err("mkdir over file", mkdir(f, 0755), EEXIST);
  expect_ok("mkdir sub", mkdir(sub, 0700));
  expect_err("rmdir non-empty", rmdir(d), ENOTEMPTY);
  expect_err("rmdir file", rmdir(f), ENOTDIR);
  expect_err("unlink dir", unlink(sub), EISDIR);
  expect_err("unlinkat bad flag", unlinkat(AT_FDCWD, f, 0x1), EINVAL);
  expect_err("rmdir dot", rmdir("/tmp/."), EINVAL);
  expect_err("rmdir dotdot", rmdir("/tmp/.."), ENOTEMPTY);
  expect_err("unlink file/", unlink(strcat(strcpy((char[200]){0}, f), "/")), ENOTDIR);
  expect_ok("rmdir sub", rmdir(sub));
  expect_err("rmdir sub again", rmdir(sub), ENOENT);
  expect_ok("unlink file", unlink(f));
  expect_ok("stat dir again", stat(d, &st));
  expect_ok("rmdir with slash", rmdir(strcat(strcpy((char[200]){0}, d), "/")));
  expect_err("stat removed", stat(d, &st), ENOENT);
  return contract_end("vfs_mkdir_rmdir");
}
