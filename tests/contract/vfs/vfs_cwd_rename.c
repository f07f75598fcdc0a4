/* A process whose cwd is inside a directory that gets renamed sees the new
 * path in getcwd and keeps working relative to it; a cwd in a removed
 * directory stays usable for fstat but creating there is ENOENT. */
#include "contract.h"
#include <sys/stat.h>

int main(void) {
  char base[128], a[160], b[160], cwd[512], saved[512];
  snprintf(base, sizeof base, "%s", tmp_path("cwdren"));
  snprintf(a, sizeof a, "%s/a", base);
  snprintf(b, sizeof b, "%s/b", base);
  getcwd(saved, sizeof saved);
  mkdir(base, 0755);
  mkdir(a, 0755);
  mkdir(strcat(strcpy((char[200]){0}, a), "/inner"), 0755);
  expect_ok("chdir inner", chdir(strcat(strcpy((char[200]){0}, a), "/inner")));
  expect_ok("rename a to b", rename(a, b));
  getcwd(cwd, sizeof cwd);
  check("getcwd follows", strcmp(cwd + strlen(base), "/b/inner") == 0);
  int fd = open("f", O_CREAT | O_WRONLY, 0644);
  expect_ok("create in moved cwd", fd);
  close(fd);
  struct stat st;
  char bf[200];
  snprintf(bf, sizeof bf, "%s/inner/f", b);
  expect_ok("file at new path", stat(bf, &st));
  expect_ok("unlink", unlink("f"));
  expect_ok("chdir ..", chdir(".."));
  expect_ok("rmdir inner", rmdir("inner"));
  expect_ok("chdir into removed?", chdir(".") );
  chdir(b);
  mkdir("gone", 0755);
  chdir("gone");
  expect_ok("rmdir own cwd", rmdir(strcat(strcpy((char[200]){0}, b), "/gone")));
  expect_ok("stat . after removal", stat(".", &st));
  expect_err("create in removed cwd", open("x", O_CREAT | O_WRONLY, 0644), ENOENT);
  chdir(saved);
  rmdir(b);
  expect_ok("cleanup", rmdir(base));
  return contract_end("vfs_cwd_rename");
}
