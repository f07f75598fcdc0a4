#include "ptest.h"
int main(int argc, char **argv) {
  if (argc > 1) { printf("exec'd via %s\n", argv[1]); fflush(stdout); return 0; }
  char *ev[] = {NULL};
  int fd = open(argv[0], O_RDONLY);
  check("open self", fd >= 0);
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) {
    char *av[] = {argv[0], "AT_EMPTY_PATH", NULL};
    syscall(SYS_execveat, fd, "", av, ev, AT_EMPTY_PATH);
    _exit(127);
  }
  expect_status("execveat(fd, \"\", AT_EMPTY_PATH)", p, "exit 0");
  /* a relative path resolved against a directory fd */
  const char *slash = strrchr(argv[0], '/');
  char dirpath[4096];
  if (slash == argv[0]) strcpy(dirpath, "/");
  else if (slash) { memcpy(dirpath, argv[0], slash - argv[0]); dirpath[slash - argv[0]] = 0; }
  else strcpy(dirpath, ".");
  int dfd = open(dirpath, O_RDONLY | O_DIRECTORY);
  fflush(stdout);
  p = fork();
  if (p == 0) {
    char *av[] = {argv[0], "dirfd+relative", NULL};
    syscall(SYS_execveat, dfd, slash ? slash + 1 : argv[0], av, ev, 0);
    _exit(127);
  }
  expect_status("execveat(dirfd, name)", p, "exit 0");
  char *av[] = {argv[0], "x", NULL};
  expect_err("execveat empty path without flag", syscall(SYS_execveat, fd, "", av, ev, 0), ENOENT);
  expect_err("execveat bad flags", syscall(SYS_execveat, AT_FDCWD, argv[0], av, ev, 0x40000), EINVAL);
  expect_err("execveat bad fd", syscall(SYS_execveat, 999, "x", av, ev, 0), EBADF);
  expect_err("execveat relative name, fd not a dir", syscall(SYS_execveat, fd, "x", av, ev, 0), ENOTDIR);
  int tfd = open("hello.txt", O_RDONLY);
  expect_err("execveat AT_EMPTY_PATH on a 0644 file", syscall(SYS_execveat, tfd, "", av, ev, AT_EMPTY_PATH), EACCES);
  expect_err("execveat AT_SYMLINK_NOFOLLOW on a symlink", syscall(SYS_execveat, AT_FDCWD, "link", av, ev, AT_SYMLINK_NOFOLLOW), ELOOP);
  return contract_end("execveat_empty");
}
