/*
 * /proc read cost (issue 6): open + read + close of /proc/self/stat and of
 * /proc/self/status in a loop, timed inside the program so start-up does
 * not count. Prints result=<file> and ns_per_op=<n>.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

int main(int argc, char **argv) {
  const char *which = argc > 1 ? argv[1] : "stat";
  long n = argc > 2 ? atol(argv[2]) : 100000; /* past JIT warm-up */
  char path[64], buf[4096];
  snprintf(path, sizeof path, "/proc/self/%s", which);
  double t = now_ns();
  for (long i = 0; i < n; i++) {
    int fd = open(path, O_RDONLY);
    if (fd < 0 || read(fd, buf, sizeof buf) <= 0) { puts("read failed"); return 1; }
    close(fd);
  }
  printf("result=%s\nns_per_op=%.0f\n", which, (now_ns() - t) / n);
  return 0;
}
