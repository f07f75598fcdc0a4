/* Permission checks with the caller's credentials beyond vfs_perm: the
 * owner class wins even when it grants less than "others" (0077 file:
 * owner gets EACCES), the group class applies to supplementary groups
 * (setgroups), a directory with x but not r allows lookups of known names
 * but not listing, one with r but not x allows listing but not lookups,
 * O_TRUNC and O_APPEND need write permission, unlink needs write+search on
 * the directory (not on the file), moving a directory to another parent
 * needs write on it (for ".."), renaming it in place does not; root bypasses read/write bits and search bits, but exec
 * needs some x bit. */
#include "contract.h"
#include <dirent.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>

static char base[128];
static const char *p(const char *name) {
  static char bufs[6][192];
  static int i;
  char *b = bufs[i++ % 6];
  snprintf(b, 192, "%s/%s", base, name);
  return b;
}

static void mkfile(const char *name, int mode, uid_t uid, gid_t gid) {
  close(open(p(name), O_CREAT | O_WRONLY, 0600));
  chown(p(name), uid, gid);
  chmod(p(name), mode);
}

static void as_user(void) {
  gid_t groups[1] = {4242};
  if (setgroups(1, groups) || setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000)) _exit(9);
  expect_err("own 0077 file", open(p("own0077"), O_RDONLY), EACCES);
  expect_ok("group via supplementary", open(p("grp0040"), O_RDONLY) >= 0 ? 0 : -1);
  expect_err("group 0004 but in group", open(p("grp0004"), O_RDONLY), EACCES);
  expect_ok("others 0004", open(p("oth0004"), O_RDONLY) >= 0 ? 0 : -1);
  expect_ok("lookup in x-only dir", access(p("xonly/f"), F_OK));
  expect_err("list x-only dir", open(p("xonly"), O_RDONLY | O_DIRECTORY), EACCES);
  int d = open(p("ronly"), O_RDONLY | O_DIRECTORY);
  expect_ok("open r-only dir", d);
  char buf[512];
  long n = syscall(SYS_getdents64, d, buf, sizeof buf);
  check("list r-only dir", n > 0);
  close(d);
  expect_err("lookup in r-only dir", access(p("ronly/f"), F_OK), EACCES);
  expect_err("O_TRUNC needs write", open(p("oth0004"), O_RDONLY | O_TRUNC), EACCES);
  expect_err("O_APPEND needs write", open(p("oth0004"), O_WRONLY | O_APPEND), EACCES);
  expect_ok("unlink file without rights on it", unlink(p("wdir/victim")));
  expect_err("unlink in non-writable dir", unlink(p("xonly/f")), EACCES);
  expect_ok("rename dir in place", rename(p("wdir/rodir"), p("wdir/rodir2")));
  expect_err("move dir needs write on it", rename(p("wdir/rodir2"), p("wdir/other/rodir")), EACCES);
  expect_ok("rename file inside", rename(p("wdir/file2"), p("wdir/file3")));
  expect_err("exec without x", access(p("oth0004"), X_OK), EACCES);
}

int main(void) {
  snprintf(base, sizeof base, "%s", tmp_path("permu"));
  mkdir(base, 0755);
  chmod(base, 0755);
  mkfile("own0077", 0077, 1000, 1000);
  mkfile("grp0040", 0040, 0, 4242);
  mkfile("grp0004", 0004, 0, 1000);
  mkfile("oth0004", 0004, 0, 0);
  mkdir(p("xonly"), 0711);
  chmod(p("xonly"), 0711);
  mkfile("xonly/f", 0644, 0, 0);
  mkdir(p("ronly"), 0755);
  mkfile("ronly/f", 0644, 0, 0);
  chmod(p("ronly"), 0744);
  mkdir(p("wdir"), 0777);
  chmod(p("wdir"), 0777);
  mkfile("wdir/victim", 0000, 0, 0);
  mkfile("wdir/file2", 0000, 0, 0);
  mkdir(p("wdir/other"), 0777);
  chmod(p("wdir/other"), 0777);
  mkdir(p("wdir/rodir"), 0555);
  chmod(p("wdir/rodir"), 0555);
  chown(p("wdir/rodir"), 1000, 1000);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    as_user();
    fflush(stdout);
    _exit(contract_failed);
  }
  int status;
  waitpid(pid, &status, 0);
  expect_eq("user checks", WEXITSTATUS(status), 0);
  expect_ok("root reads 0077 of another", open(p("own0077"), O_RDWR) >= 0 ? 0 : -1);
  mkfile("zero", 0000, 1000, 1000);
  expect_ok("root writes 0000", open(p("zero"), O_WRONLY) >= 0 ? 0 : -1);
  expect_err("root exec without any x", access(p("zero"), X_OK), EACCES);
  chmod(p("zero"), 0001);
  expect_ok("root exec with others x", access(p("zero"), X_OK));
  chmod(p("xonly"), 0000);
  expect_ok("root searches 0000 dir", access(p("xonly/f"), F_OK));
  const char *names[] = {"own0077", "grp0040", "grp0004", "oth0004", "xonly/f", "ronly/f", "wdir/file3", "zero"};
  for (int i = 0; i < 8; i++) unlink(p(names[i]));
  rmdir(p("xonly")); rmdir(p("ronly")); rmdir(p("wdir/rodir2")); rmdir(p("wdir/other")); rmdir(p("wdir"));
  expect_ok("cleanup", rmdir(base));
  return contract_end("v2_perm_user");
}
