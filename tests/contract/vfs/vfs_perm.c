/* Permission checks as an unprivileged user (uid/gid 65534 in a child):
 * reading a 0600 root file (EACCES), search permission on a 0700 directory,
 * creating in a directory without write permission, the sticky bit on a
 * 1777 directory (EPERM removing another's file), chmod/chown of another's
 * file (EPERM), access(2) with the real ids; root passes all but exec. */
#include "contract.h"
#include <sys/stat.h>
#include <sys/wait.h>

static char base[128];
static const char *p(const char *name) {
  static char bufs[4][192];
  static int i;
  char *b = bufs[i++ & 3];
  snprintf(b, 192, "%s/%s", base, name);
  return b;
}

static void as_nobody(void) {
  printf("secret: %s\n", errno_name(open(p("secret"), O_RDONLY) < 0 ? errno : 0));
  printf("through closed dir: %s\n", errno_name(open(p("closed/f"), O_RDONLY) < 0 ? errno : 0));
  printf("create in ro dir: %s\n", errno_name(open(p("f"), O_CREAT | O_WRONLY, 0644) < 0 ? errno : 0));
  printf("mkdir in ro dir: %s\n", errno_name(mkdir(p("x"), 0755) < 0 ? errno : 0));
  printf("unlink root file in sticky: %s\n", errno_name(unlink(p("sticky/rootfile")) < 0 ? errno : 0));
  int fd = open(p("sticky/mine"), O_CREAT | O_WRONLY, 0644);
  printf("create in sticky: %s\n", errno_name(fd < 0 ? errno : 0));
  close(fd);
  printf("unlink own file in sticky: %s\n", errno_name(unlink(p("sticky/mine")) < 0 ? errno : 0));
  printf("chmod other's: %s\n", errno_name(chmod(p("secret"), 0777) < 0 ? errno : 0));
  printf("chown other's: %s\n", errno_name(chown(p("open"), 65534, 65534) < 0 ? errno : 0));
  printf("access R secret: %s\n", errno_name(access(p("secret"), R_OK) < 0 ? errno : 0));
  printf("access R open: %s\n", errno_name(access(p("open"), R_OK) < 0 ? errno : 0));
  printf("access W open: %s\n", errno_name(access(p("open"), W_OK) < 0 ? errno : 0));
  printf("utimes now other's: %s\n", errno_name(utimensat(AT_FDCWD, p("open"), NULL, 0) < 0 ? errno : 0));
  printf("utimes now writable: %s\n", errno_name(utimensat(AT_FDCWD, p("world"), NULL, 0) < 0 ? errno : 0));
  struct timespec ts[2] = {{1, 0}, {1, 0}};
  printf("utimes set writable: %s\n", errno_name(utimensat(AT_FDCWD, p("world"), ts, 0) < 0 ? errno : 0));
  printf("chdir closed: %s\n", errno_name(chdir(p("closed")) < 0 ? errno : 0));
}

int main(void) {
  snprintf(base, sizeof base, "%s", tmp_path("perm"));
  mkdir(base, 0755);
  close(open(p("secret"), O_CREAT | O_WRONLY, 0600));
  close(open(p("open"), O_CREAT | O_WRONLY, 0644));
  close(open(p("world"), O_CREAT | O_WRONLY, 0666));
  chmod(p("world"), 0666);
  mkdir(p("closed"), 0700);
  close(open(p("closed/f"), O_CREAT | O_WRONLY, 0644));
  mkdir(p("sticky"), 0755);
  chmod(p("sticky"), 01777);
  close(open(p("sticky/rootfile"), O_CREAT | O_WRONLY, 0644));
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    if (setgid(65534) != 0 || setuid(65534) != 0) _exit(2);
    as_nobody();
    fflush(stdout);
    _exit(0);
  }
  int status;
  waitpid(pid, &status, 0);
  expect_eq("child status", status, 0);
  expect_ok("root reads secret", access(p("secret"), R_OK | W_OK));
  expect_err("root cannot exec non-executable", access(p("secret"), X_OK), EACCES);
  unlink(p("secret")); unlink(p("open")); unlink(p("world")); unlink(p("closed/f")); rmdir(p("closed"));
  unlink(p("sticky/rootfile")); rmdir(p("sticky"));
  expect_ok("cleanup", rmdir(base));
  return contract_end("vfs_perm");
}
