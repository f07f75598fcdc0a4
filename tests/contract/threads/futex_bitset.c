#include "th.h"
static int w, done;
static void *waiter(void *a) {
  (void)a;
  futex(&w, FUTEX_WAIT_BITSET_PRIVATE, 0, NULL, NULL, 0x2); /* sleeps once; word stays 0 */
  __atomic_store_n(&done, 1, __ATOMIC_SEQ_CST);
  return NULL;
}
static struct timespec abs_in(int clk, long ns) {
  struct timespec t;
  clock_gettime(clk, &t);
  t.tv_nsec += ns;
  while (t.tv_nsec >= 1000000000) { t.tv_sec++; t.tv_nsec -= 1000000000; }
  return t;
}
int main(void) {
  int v = 0;
  expect_err("WAIT_BITSET bitset 0", futex(&v, FUTEX_WAIT_BITSET, 0, NULL, NULL, 0), EINVAL);
  expect_err("WAKE_BITSET bitset 0", futex(&v, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0), EINVAL);
  expect_err("WAIT_BITSET value differs", futex(&v, FUTEX_WAIT_BITSET, 1, NULL, NULL, ~0), EAGAIN);
  struct timespec past = {1, 0};
  expect_err("WAIT_BITSET absolute monotonic in the past", futex(&v, FUTEX_WAIT_BITSET, 0, &past, NULL, ~0), ETIMEDOUT);
  expect_err("WAIT_BITSET absolute realtime in the past", futex(&v, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 0, &past, NULL, ~0), ETIMEDOUT);
  struct timespec t = abs_in(CLOCK_MONOTONIC, 20000000);
  expect_err("WAIT_BITSET absolute monotonic +20ms", futex(&v, FUTEX_WAIT_BITSET_PRIVATE, 0, &t, NULL, ~0), ETIMEDOUT);
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  check("returned after the deadline", now.tv_sec > t.tv_sec || (now.tv_sec == t.tv_sec && now.tv_nsec >= t.tv_nsec));
  t = abs_in(CLOCK_REALTIME, 20000000);
  expect_err("WAIT_BITSET absolute realtime +20ms", futex(&v, FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME, 0, &t, NULL, ~0), ETIMEDOUT);
  struct timespec rel = {0, 1000};
  expect_err("FUTEX_WAIT with FUTEX_CLOCK_REALTIME", futex(&v, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 0, &rel, NULL, 0), ENOSYS);
  expect_err("FUTEX_WAKE with FUTEX_CLOCK_REALTIME", futex(&v, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0), ENOSYS);
  pthread_t th;
  pthread_create(&th, NULL, waiter, NULL);
  /* a wake with a disjoint bitset never wakes it */
  for (int i = 0; i < 50; i++) {
    long r = futex(&w, FUTEX_WAKE_BITSET_PRIVATE, INT_MAX, NULL, NULL, 0x5);
    if (r != 0) { fail("disjoint bitset woke %ld", r); break; }
    sched_yield();
  }
  check("waiter still asleep after disjoint wakes", !__atomic_load_n(&done, __ATOMIC_SEQ_CST));
  long got = 0;
  while (got == 0) { got = futex(&w, FUTEX_WAKE_BITSET_PRIVATE, INT_MAX, NULL, NULL, 0x6); if (!got) sched_yield(); }
  expect_eq("overlapping bitset wakes it", got, 1);
  pthread_join(th, NULL);
  /* plain FUTEX_WAKE wakes bitset waiters (its bitset is all ones) */
  done = 0;
  pthread_create(&th, NULL, waiter, NULL);
  got = 0;
  while (got == 0) { got = futex(&w, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0); if (!got) sched_yield(); }
  expect_eq("FUTEX_WAKE wakes a bitset waiter", got, 1);
  pthread_join(th, NULL);
  return contract_end("futex_bitset");
}
