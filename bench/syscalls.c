/*
 * Kernel round-trip microbenchmarks (issue 4): each mode times its own loop
 * and prints "result=<mode>" and "ns_per_op=<n>" so that the three runners
 * (native, qemu-riscv64, Aramid) compare per-operation cost, not start-up.
 *   getppid     one syscall round trip
 *   forkwait    fork + _exit + wait4 of a small static program
 *   forkexec    fork + execve(self, "child") + wait4
 *   pipe        64-byte ping-pong between two processes through two pipes
 *   futex       wake/wait ping-pong between two threads on two futex words
 *   signal      raise(SIGUSR1) delivered to a handler and returned from
 */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "timing.h"

static void bench_getppid(long n) {
  double t = now_ns();
  long s = 0;
  for (long i = 0; i < n; i++) s += syscall(SYS_getppid);
  if (s == -1) puts("?");
  report("getppid", t, n);
}

static void bench_forkwait(long n) {
  double t = now_ns();
  for (long i = 0; i < n; i++) {
    pid_t p = fork();
    if (p == 0) _exit(0);
    waitpid(p, 0, 0);
  }
  report("forkwait", t, n);
}

static void bench_forkexec(long n, const char *self) {
  double t = now_ns();
  for (long i = 0; i < n; i++) {
    pid_t p = fork();
    if (p == 0) {
      execl(self, self, "child", (char *)0);
      _exit(127);
    }
    int st;
    waitpid(p, &st, 0);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) { puts("exec failed"); exit(1); }
  }
  report("forkexec", t, n);
}

static void bench_pipe(long n) {
  int a[2], b[2];
  char buf[64];
  memset(buf, 7, sizeof buf);
  if (pipe(a) || pipe(b)) exit(1);
  pid_t p = fork();
  if (p == 0) {
    for (long i = 0; i < n; i++) {
      if (read(a[0], buf, 64) != 64) _exit(1);
      if (write(b[1], buf, 64) != 64) _exit(1);
    }
    _exit(0);
  }
  double t = now_ns();
  for (long i = 0; i < n; i++) {
    if (write(a[1], buf, 64) != 64 || read(b[0], buf, 64) != 64) exit(1);
  }
  report("pipe", t, n);
  waitpid(p, 0, 0);
}

static atomic_int turn;
static long rounds;

static void futex_wait(atomic_int *w, int v) { syscall(SYS_futex, w, FUTEX_WAIT_PRIVATE, v, 0, 0, 0); }
static void futex_wake(atomic_int *w) { syscall(SYS_futex, w, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0); }

static void *ponger(void *arg) {
  (void)arg;
  for (long i = 0; i < rounds; i++) {
    while (atomic_load(&turn) != 1) futex_wait(&turn, 0);
    atomic_store(&turn, 0);
    futex_wake(&turn);
  }
  return 0;
}

static void bench_futex(long n) {
  pthread_t th;
  rounds = n;
  pthread_create(&th, 0, ponger, 0);
  double t = now_ns();
  for (long i = 0; i < n; i++) {
    atomic_store(&turn, 1);
    futex_wake(&turn);
    while (atomic_load(&turn) != 0) futex_wait(&turn, 1);
  }
  report("futex", t, n);
  pthread_join(th, 0);
}

static volatile sig_atomic_t hits;
static void on_usr1(int s) { (void)s; hits++; }

static void bench_signal(long n) {
  signal(SIGUSR1, on_usr1);
  double t = now_ns();
  for (long i = 0; i < n; i++) raise(SIGUSR1);
  if (hits != n) { puts("lost signals"); exit(1); }
  report("signal", t, n);
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "child") == 0) return 0;
  const char *mode = argc > 1 ? argv[1] : "getppid";
  long n = argc > 2 ? atol(argv[2]) : 0;
  if (!strcmp(mode, "getppid")) bench_getppid(n ? n : 1000000); /* long enough to measure past JIT warm-up */
  else if (!strcmp(mode, "forkwait")) bench_forkwait(n ? n : 300);
  else if (!strcmp(mode, "forkexec")) bench_forkexec(n ? n : 100, argv[0]);
  else if (!strcmp(mode, "pipe")) bench_pipe(n ? n : 100000); /* past JIT warm-up, as getppid */
  else if (!strcmp(mode, "futex")) bench_futex(n ? n : 20000);
  else if (!strcmp(mode, "signal")) bench_signal(n ? n : 50000);
  else { fprintf(stderr, "unknown mode %s\n", mode); return 2; }
  return 0;
}
