/*
 * File-system syscall costs (issue 5, item 8): each mode times its own loop
 * and prints "result=<mode>" and "ns_per_op=<n>", like bench/syscalls.c.
 *   open      open + read + close of a small regular file (created first)
 *   stat      stat() of a path
 *   getdents  open + getdents64 to the end + close of a 1000-entry directory
 *             (created in /tmp first, not timed)
 *   unix      write + read of 64 bytes through an AF_UNIX stream socket pair
 *   spawn     fork + execv(argv[2], argv+2) + wait once: times a whole command
 *             (the busybox shell loop), so start-up of the runner does not count
 * The scratch files live in $BENCH_TMP (default /tmp) and are removed at exit.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "timing.h"

static void fail(const char *what) {
  printf("%s failed\n", what);
  exit(1);
}

/* A scratch path unique to this process, under $BENCH_TMP or /tmp. */
static void scratch(char *out, size_t size, const char *name) {
  const char *dir = getenv("BENCH_TMP");
  snprintf(out, size, "%s/aramid-bench-%d-%s", dir && *dir ? dir : "/tmp", (int)getpid(), name);
}

static void make_small_file(const char *path) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0 || write(fd, "a small file of 32 bytes content", 32) != 32) fail("create");
  close(fd);
}

static void bench_open(long n) {
  char path[256], buf[4096];
  scratch(path, sizeof path, "small");
  make_small_file(path);
  double t = now_ns();
  for (long i = 0; i < n; i++) {
    int fd = open(path, O_RDONLY);
    if (fd < 0 || read(fd, buf, sizeof buf) != 32) fail("read");
    close(fd);
  }
  report("open", t, n);
  unlink(path);
}

static void bench_stat(long n) {
  char path[256];
  struct stat st;
  scratch(path, sizeof path, "small");
  make_small_file(path);
  double t = now_ns();
  for (long i = 0; i < n; i++)
    if (stat(path, &st) != 0 || st.st_size != 32) fail("stat");
  report("stat", t, n);
  unlink(path);
}

enum { DIR_ENTRIES = 1000 };

static void bench_getdents(long n) {
  char dir[256], path[300], buf[32768];
  scratch(dir, sizeof dir, "dir");
  if (mkdir(dir, 0755) != 0) fail("mkdir");
  for (int i = 0; i < DIR_ENTRIES; i++) {
    snprintf(path, sizeof path, "%s/entry-%04d", dir, i);
    int fd = open(path, O_WRONLY | O_CREAT, 0644);
    if (fd < 0) fail("create");
    close(fd);
  }
  double t = now_ns();
  for (long i = 0; i < n; i++) {
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd < 0) fail("open dir");
    long seen = 0, got;
    while ((got = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0)
      for (long off = 0; off < got; off += ((struct dirent64 *)(buf + off))->d_reclen) seen++;
    if (got < 0 || seen != DIR_ENTRIES + 2) fail("getdents64");
    close(fd);
  }
  report("getdents", t, n);
  for (int i = 0; i < DIR_ENTRIES; i++) {
    snprintf(path, sizeof path, "%s/entry-%04d", dir, i);
    unlink(path);
  }
  rmdir(dir);
}

static void bench_unix(long n) {
  int sv[2];
  char buf[64];
  memset(buf, 7, sizeof buf);
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) fail("socketpair");
  double t = now_ns();
  for (long i = 0; i < n; i++)
    if (write(sv[0], buf, 64) != 64 || read(sv[1], buf, 64) != 64) fail("unix");
  report("unix", t, n);
}

static void bench_spawn(char **argv) {
  double t = now_ns();
  pid_t p = fork();
  if (p == 0) {
    execv(argv[0], argv);
    _exit(127);
  }
  int st;
  if (p < 0 || waitpid(p, &st, 0) != p) fail("spawn");
  if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) fail("command");
  report("spawn", t, 1);
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "open";
  if (!strcmp(mode, "spawn")) {
    if (argc < 3) { fprintf(stderr, "spawn needs a command\n"); return 2; }
    bench_spawn(argv + 2);
    return 0;
  }
  long n = argc > 2 ? atol(argv[2]) : 0;
  if (!strcmp(mode, "open")) bench_open(n ? n : 100000); /* long enough to measure past JIT warm-up */
  else if (!strcmp(mode, "stat")) bench_stat(n ? n : 1000000); /* ~1 us each: long enough to measure past JIT warm-up */
  else if (!strcmp(mode, "getdents")) bench_getdents(n ? n : 300);
  else if (!strcmp(mode, "unix")) bench_unix(n ? n : 50000);
  else { fprintf(stderr, "unknown mode %s\n", mode); return 2; }
  return 0;
}
