#include "pf.h"
/* Opening /proc/self/fd/N reopens the very file the fd refers to, even after
 * it has been unlinked (a new open file description: own offset and flags);
 * a directory fd's link can be walked through; another process's fds too. */
static long link_of(int pid, int fd, char *buf, size_t cap) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/fd/%d", pid, fd);
  long n = readlink(path, buf, cap - 1);
  buf[n > 0 ? n : 0] = 0;
  return n;
}
int main(void) {
  char path[64], buf[512], want[512];
  const char *tp = tmp_path("fdre");
  snprintf(want, sizeof want, "%s (deleted)", tp);
  int f = open(tp, O_CREAT | O_RDWR, 0600);
  write(f, "abcdef", 6);
  unlink(tp);
  link_of(getpid(), f, buf, sizeof buf);
  check("unlinked file link = path (deleted)", strcmp(buf, want) == 0);
  snprintf(path, sizeof path, "/proc/self/fd/%d", f);
  int g = open(path, O_RDONLY);
  expect_ok("reopen unlinked file", g);
  struct stat a, b;
  fstat(f, &a);
  fstat(g, &b);
  check("same inode", a.st_ino == b.st_ino && a.st_dev == b.st_dev);
  check("nlink 0", b.st_nlink == 0);
  char r[8] = {0};
  expect_eq("read from offset 0 (own offset)", read(g, r, 3), 3);
  check("content", memcmp(r, "abc", 3) == 0);
  expect_eq("original offset unchanged", lseek(f, 0, SEEK_CUR), 6);
  expect_err("reopened O_RDONLY cannot write", write(g, "x", 1), EBADF);
  link_of(getpid(), g, buf, sizeof buf);
  check("reopened fd's link also (deleted)", strcmp(buf, want) == 0);
  write(f, "gh", 2);
  expect_eq("write through old fd visible", read(g, r, 8), 5);
  check("appended content", memcmp(r, "defgh", 5) == 0);
  int w = open(path, O_WRONLY | O_APPEND);
  expect_ok("reopen for append", w);
  write(w, "Z", 1);
  expect_eq("size after append via reopen", (fstat(f, &a), a.st_size), 9);
  stat(path, &b);
  check("stat through link = fstat", b.st_ino == a.st_ino && b.st_size == 9);
  expect_err("O_NOFOLLOW on the link", open(path, O_RDONLY | O_NOFOLLOW), ELOOP);
  expect_err("path below a file link", open(strcat(strcpy(buf, path), "/x"), O_RDONLY), ENOTDIR);
  /* a directory fd: the link is walked through */
  int d = open("dir", O_RDONLY | O_DIRECTORY);
  snprintf(path, sizeof path, "/proc/self/fd/%d/sub/x", d);
  int x = open(path, O_RDONLY);
  expect_ok("open below a directory link", x);
  snprintf(path, sizeof path, "/proc/self/fd/%d/../hello.txt", d);
  expect_ok("dotdot after a directory link", open(path, O_RDONLY));
  /* another process (same uid): its fd reopened */
  int p[2];
  pipe(p);
  pid_t c = fork();
  if (c == 0) {
    int h = open("hello.txt", O_RDONLY);
    char m = (char)h;
    write(p[1], &m, 1);
    pause();
    _exit(0);
  }
  char m;
  read(p[0], &m, 1);
  snprintf(path, sizeof path, "/proc/%d/fd/%d", (int)c, m);
  int o = open(path, O_RDONLY);
  expect_ok("open child's fd link", o);
  expect_eq("read child's file", read(o, buf, 5), 5);
  check("child's file content", memcmp(buf, "Hello", 5) == 0 || memcmp(buf, "hello", 5) == 0);
  kill(c, SIGKILL);
  waitpid(c, NULL, 0);
  snprintf(path, sizeof path, "/proc/self/fd/%d", 987);
  expect_err("closed fd link", open(path, O_RDONLY), ENOENT);
  return contract_end("proc_fd_reopen_deleted");
}
