/* faccessat2 checks with the real ids by default and with the effective
 * ids under AT_EACCESS: after setresuid(0, 65534, 0) a 0600 root file is
 * accessible by the real id (root) but EACCES with AT_EACCESS, and a 0604
 * file readable by others passes both; the reverse (real 65534, effective
 * 0) too; AT_SYMLINK_NOFOLLOW on a dangling link succeeds for F_OK; bad
 * flags and modes are EINVAL; AT_EMPTY_PATH checks the fd's file. */
#include "contract.h"
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>

#ifndef SYS_faccessat2
#define SYS_faccessat2 439
#endif

static long fa2(const char *p, int mode, int flags) {
  return syscall(SYS_faccessat2, AT_FDCWD, p, mode, flags);
}

int main(void) {
  char priv[128], pub[160], dang[160];
  snprintf(priv, sizeof priv, "%s", tmp_path("fa2"));
  snprintf(pub, sizeof pub, "%s-pub", priv);
  snprintf(dang, sizeof dang, "%s-dangling", priv);
  close(open(priv, O_CREAT | O_WRONLY, 0600));
  close(open(pub, O_CREAT | O_WRONLY, 0604));
  chmod(priv, 0600);
  chmod(pub, 0604);
  symlink("/nonexistent-target", dang);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    if (setgroups(0, NULL) != 0 || setresgid(0, 65534, 0) != 0 || setresuid(0, 65534, 0) != 0) _exit(9);
    expect_ok("real root, R_OK", fa2(priv, R_OK, 0));
    expect_err("effective user, AT_EACCESS", fa2(priv, R_OK, AT_EACCESS), EACCES);
    expect_ok("public, AT_EACCESS", fa2(pub, R_OK, AT_EACCESS));
    expect_err("public write, AT_EACCESS", fa2(pub, W_OK, AT_EACCESS), EACCES);
    expect_ok("public write, real", fa2(pub, W_OK, 0));
    expect_ok("F_OK, AT_EACCESS", fa2(priv, F_OK, AT_EACCESS));
    if (setresgid(65534, 0, 0) != 0 || setresuid(65534, 0, 0) != 0) _exit(9);
    expect_err("real user now", fa2(priv, R_OK, 0), EACCES);
    expect_ok("effective root, AT_EACCESS", fa2(priv, R_OK, AT_EACCESS));
    expect_err("access(2) uses real ids", access(priv, R_OK), EACCES);
    fflush(stdout);
    _exit(contract_failed);
  }
  int status;
  waitpid(pid, &status, 0);
  expect_eq("child", WEXITSTATUS(status), 0);
  expect_ok("dangling, nofollow", fa2(dang, F_OK, AT_SYMLINK_NOFOLLOW));
  expect_err("dangling, follow", fa2(dang, F_OK, 0), ENOENT);
  expect_err("bad flag", fa2(priv, F_OK, 0x2), EINVAL);
  expect_err("bad mode", fa2(priv, 8, 0), EINVAL);
  int fd = open(priv, O_RDONLY);
  expect_ok("AT_EMPTY_PATH", fa2("", R_OK, AT_EMPTY_PATH) == 0 ? syscall(SYS_faccessat2, fd, "", R_OK, AT_EMPTY_PATH) : -1);
  expect_err("exec on 0600, root", syscall(SYS_faccessat2, fd, "", X_OK, AT_EMPTY_PATH), EACCES);
  expect_err("empty path without flag", syscall(SYS_faccessat2, fd, "", R_OK, 0), ENOENT);
  close(fd);
  unlink(priv);
  unlink(pub);
  unlink(dang);
  return contract_end("v2_faccess_euid");
}
