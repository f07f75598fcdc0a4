/* The timing every benchmark program shares: a monotonic clock in ns and the
 * two lines bench/run.ts parses (result=<mode>, ns_per_op=<n>). */
#include <stdio.h>
#include <time.h>

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

static void report(const char *mode, double start, long n) {
  printf("result=%s\nns_per_op=%.0f\n", mode, (now_ns() - start) / n);
}
