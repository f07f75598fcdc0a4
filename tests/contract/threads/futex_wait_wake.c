#include "th.h"
#include <sys/mman.h>
static int word;
static int started;
static int woke;
static void *waiter(void *a) {
  int priv = (int)(long)a;
  __atomic_fetch_add(&started, 1, __ATOMIC_SEQ_CST);
  while (__atomic_load_n(&word, __ATOMIC_SEQ_CST) == 0) futex(&word, priv ? FUTEX_WAIT_PRIVATE : FUTEX_WAIT, 0, NULL, NULL, 0);
  __atomic_fetch_add(&woke, 1, __ATOMIC_SEQ_CST);
  return NULL;
}
int main(void) {
  int v = 5;
  expect_err("FUTEX_WAIT value differs", futex(&v, FUTEX_WAIT, 4, NULL, NULL, 0), EAGAIN);
  expect_err("FUTEX_WAIT_PRIVATE value differs", futex(&v, FUTEX_WAIT_PRIVATE, 4, NULL, NULL, 0), EAGAIN);
  struct timespec ts = {0, 20000000};
  long long t0 = now_ns(CLOCK_MONOTONIC);
  expect_err("FUTEX_WAIT relative 20ms", futex(&v, FUTEX_WAIT, 5, &ts, NULL, 0), ETIMEDOUT);
  check("waited at least 20ms", now_ns(CLOCK_MONOTONIC) - t0 >= 20000000);
  struct timespec z = {0, 0};
  expect_err("FUTEX_WAIT zero timeout", futex(&v, FUTEX_WAIT, 5, &z, NULL, 0), ETIMEDOUT);
  struct timespec badts = {0, 1000000000};
  expect_err("FUTEX_WAIT tv_nsec 1e9", futex(&v, FUTEX_WAIT, 5, &badts, NULL, 0), EINVAL);
  struct timespec negts = {-1, 0};
  expect_err("FUTEX_WAIT negative tv_sec", futex(&v, FUTEX_WAIT, 5, &negts, NULL, 0), EINVAL);
  expect_err("FUTEX_WAIT unaligned", futex((char *)&v + 1, FUTEX_WAIT, 5, &z, NULL, 0), EINVAL);
  expect_err("FUTEX_WAIT bad address", futex(BAD_PTR, FUTEX_WAIT, 5, &z, NULL, 0), EINVAL);
  expect_err("FUTEX_WAIT unmapped aligned address", futex((void *)4096, FUTEX_WAIT, 5, &z, NULL, 0), EFAULT);
  expect_err("unknown futex op", futex(&v, 99, 0, NULL, NULL, 0), ENOSYS);
  expect_eq("FUTEX_WAKE with no waiters", futex(&v, FUTEX_WAKE, 1, NULL, NULL, 0), 0);
  expect_eq("FUTEX_WAKE_PRIVATE with no waiters", futex(&v, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0), 0);
  for (int priv = 0; priv < 2; priv++) {
    word = 0; started = 0; woke = 0;
    pthread_t t[3];
    for (int i = 0; i < 3; i++) pthread_create(&t[i], NULL, waiter, (void *)(long)priv);
    while (__atomic_load_n(&started, __ATOMIC_SEQ_CST) < 3) sched_yield();
    /* wake one at a time: each wake that finds a sleeper returns 1 */
    int total = 0;
    while (total < 1) total += futex(&word, priv ? FUTEX_WAKE_PRIVATE : FUTEX_WAKE, 1, NULL, NULL, 0);
    check(priv ? "private: a woken waiter re-sleeps (word still 0)" : "shared: a woken waiter re-sleeps (word still 0)", woke == 0);
    __atomic_store_n(&word, 1, __ATOMIC_SEQ_CST);
    futex(&word, priv ? FUTEX_WAKE_PRIVATE : FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
    for (int i = 0; i < 3; i++) pthread_join(t[i], NULL);
    expect_eq(priv ? "private: all woke" : "shared: all woke", woke, 3);
  }
  /* a shared futex across fork on a MAP_SHARED page */
  int *sh = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  *sh = 0;
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) {
    while (__atomic_load_n(sh, __ATOMIC_SEQ_CST) == 0) syscall(SYS_futex, sh, FUTEX_WAIT, 0, NULL, NULL, 0);
    _exit(*sh);
  }
  __atomic_store_n(sh, 9, __ATOMIC_SEQ_CST);
  futex(sh, FUTEX_WAKE, 1, NULL, NULL, 0);
  expect_status("child woken through a shared futex", p, "exit 9");
  return contract_end("futex_wait_wake");
}
