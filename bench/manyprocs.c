/*
 * ps -e at scale (issue 6): fork N children that sleep on a pipe, then do
 * what ps does — list /proc and read every process's stat and status —
 * and report the time per process and the memory each sleeping process
 * costs (MemFree before and after, from /proc/meminfo).
 */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

static long mem_free_kb(void) {
  char buf[4096];
  int fd = open("/proc/meminfo", O_RDONLY);
  int n = read(fd, buf, sizeof buf - 1);
  close(fd);
  buf[n > 0 ? n : 0] = 0;
  char *p = strstr(buf, "MemFree:");
  return p ? atol(p + 8) : -1;
}

static int read_file(const char *path, char *buf, int size) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) return -1;
  int n = read(fd, buf, size);
  close(fd);
  return n;
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 1000;
  int p[2], ready[2];
  if (pipe(p) || pipe(ready)) return 1;
  long before = mem_free_kb();
  pid_t *kids = malloc(sizeof(pid_t) * n);
  for (long i = 0; i < n; i++) {
    kids[i] = fork();
    if (kids[i] == 0) {
      char c = 1;
      close(p[1]);
      write(ready[1], &c, 1); /* tells the parent it is about to sleep */
      read(p[0], &c, 1); /* sleeps until the parent closes the pipe */
      _exit(0);
    }
    if (kids[i] < 0) { printf("fork failed at %ld\n", i); return 1; }
  }
  /* Time the walk only once every child sleeps (ps sees a quiet system). */
  char c;
  for (long i = 0; i < n; i++) read(ready[0], &c, 1);
  usleep(10000);
  long after = mem_free_kb();
  char path[64], buf[4096];
  long seen = 0;
  double t = now_ns();
  DIR *d = opendir("/proc");
  struct dirent *e;
  while ((e = readdir(d)) != 0) {
    if (e->d_name[0] < '1' || e->d_name[0] > '9') continue;
    snprintf(path, sizeof path, "/proc/%s/stat", e->d_name);
    if (read_file(path, buf, sizeof buf) <= 0) continue;
    snprintf(path, sizeof path, "/proc/%s/status", e->d_name);
    if (read_file(path, buf, sizeof buf) <= 0) continue;
    seen++;
  }
  closedir(d);
  double per = (now_ns() - t) / seen;
  close(p[1]);
  for (long i = 0; i < n; i++) waitpid(kids[i], 0, 0);
  printf("result=%s\nns_per_op=%.0f\nkb_per_process=%.1f\n", seen >= n ? "all-seen" : "missing", per,
    before > 0 && after > 0 ? (double)(before - after) / n : -1.0);
  return 0;
}
