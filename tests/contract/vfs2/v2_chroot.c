/* chroot(2): ENOTDIR/ENOENT/EPERM; after chdir+chroot the new root is "/"
 * for getcwd, absolute paths and ".." (which stops at the root, also from
 * "/.." and via a symlink to "../../.."), an absolute symlink resolves
 * inside the jail; without the chdir the cwd stays outside: getcwd reports
 * "(unreachable)" and relative paths still reach outside, as do *at calls
 * on a directory fd opened before the chroot (Linux's documented
 * behaviour); the root is inherited by children. */
#include "contract.h"
#include <sys/stat.h>
#include <sys/wait.h>

static char base[128], jail[160];

static void mkfile(const char *path) {
  close(open(path, O_CREAT | O_WRONLY, 0644));
}

static int run(void (*fn)(void)) {
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    fn();
    fflush(stdout);
    _exit(contract_failed);
  }
  int status;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

static void jailed(void) {
  expect_ok("chdir jail", chdir(jail));
  expect_ok("chroot .", chroot("."));
  char cwd[256];
  long n = syscall(SYS_getcwd, cwd, sizeof cwd);
  expect_eq("getcwd length", n, 2);
  printf("cwd %s\n", cwd);
  struct stat st;
  expect_ok("inside by absolute path", stat("/inside", &st));
  expect_err("outside via ..", stat("../outside", &st), ENOENT);
  expect_err("outside via /../..", stat("/../../outside", &st), ENOENT);
  expect_ok("chdir ..", chdir(".."));
  syscall(SYS_getcwd, cwd, sizeof cwd);
  printf("cwd after .. %s\n", cwd);
  expect_ok("still inside", stat("inside", &st));
  expect_ok("up-link stays in", stat("/up/inside", &st));
  expect_ok("absolute symlink resolves in jail", stat("/abs", &st));
  check("abs is the jail's file", st.st_size == 6);
  expect_err("chroot to a file", chroot("/inside"), ENOTDIR);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) _exit(stat("/inside", &st) == 0 && stat("/outside", &st) != 0 ? 0 : 1);
  int status;
  waitpid(pid, &status, 0);
  expect_eq("child inherits root", WEXITSTATUS(status), 0);
}

static void leaky(void) {
  int outer = open(base, O_RDONLY | O_DIRECTORY);
  expect_ok("chdir base", chdir(base));
  expect_ok("chroot jail without chdir", chroot(jail));
  char cwd[512];
  long n = syscall(SYS_getcwd, cwd, sizeof cwd);
  check("getcwd succeeds", n > 0);
  check("getcwd unreachable", strncmp(cwd, "(unreachable)", 13) == 0);
  struct stat st;
  expect_ok("relative path reaches outside", stat("outside", &st));
  expect_err("absolute path does not", stat("/outside", &st), ENOENT);
  expect_ok("dirfd opened before", fstatat(outer, "outside", &st, 0));
  expect_ok("chdir to the new root", chdir("/"));
  expect_err("then outside is gone", stat("outside", &st), ENOENT);
}

static void unprivileged(void) {
  if (setresuid(65534, 65534, 65534) != 0) _exit(9);
  expect_err("chroot as user", chroot(jail), EPERM);
}

int main(void) {
  snprintf(base, sizeof base, "%s", tmp_path("chroot"));
  snprintf(jail, sizeof jail, "%s/jail", base);
  mkdir(base, 0755);
  mkdir(jail, 0755);
  char path[256];
  snprintf(path, sizeof path, "%s/outside", base);
  mkfile(path);
  snprintf(path, sizeof path, "%s/inside", jail);
  int fd = open(path, O_CREAT | O_WRONLY, 0644);
  write(fd, "inside", 6);
  close(fd);
  snprintf(path, sizeof path, "%s/up", jail);
  symlink("../../..", path);
  snprintf(path, sizeof path, "%s/abs", jail);
  symlink("/inside", path);
  expect_err("chroot missing", chroot("/no-such-dir"), ENOENT);
  snprintf(path, sizeof path, "%s/outside", base);
  expect_err("chroot file", chroot(path), ENOTDIR);
  expect_eq("jailed", run(jailed), 0);
  expect_eq("leaky", run(leaky), 0);
  expect_eq("unprivileged", run(unprivileged), 0);
  snprintf(path, sizeof path, "%s/up", jail); unlink(path);
  snprintf(path, sizeof path, "%s/abs", jail); unlink(path);
  snprintf(path, sizeof path, "%s/inside", jail); unlink(path);
  snprintf(path, sizeof path, "%s/outside", base); unlink(path);
  rmdir(jail);
  expect_ok("cleanup", rmdir(base));
  return contract_end("v2_chroot");
}
