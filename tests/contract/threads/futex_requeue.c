#include "th.h"
#define N 4
static int f1, f2, flag, woke;
static void *waiter(void *a) {
  (void)a;
  while (!__atomic_load_n(&flag, __ATOMIC_SEQ_CST)) futex(&f1, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
  __atomic_fetch_add(&woke, 1, __ATOMIC_SEQ_CST);
  return NULL;
}
int main(void) {
  expect_err("CMP_REQUEUE value mismatch", futex(&f1, FUTEX_CMP_REQUEUE_PRIVATE, 0, (void *)(long)1, &f2, 5), EAGAIN);
  expect_err("CMP_REQUEUE negative count", futex(&f1, FUTEX_CMP_REQUEUE_PRIVATE, -1, (void *)(long)1, &f2, 0), EINVAL);
  expect_eq("CMP_REQUEUE onto the same futex, no waiters", futex(&f1, FUTEX_CMP_REQUEUE_PRIVATE, 0, (void *)(long)1, &f1, 0), 0);
  expect_eq("REQUEUE with no waiters", futex(&f1, FUTEX_REQUEUE_PRIVATE, 1, (void *)(long)1, &f2, 0), 0);
  pthread_t t[N];
  for (int i = 0; i < N; i++) pthread_create(&t[i], NULL, waiter, NULL);
  /* move all waiters from f1 to f2 without waking any (a late sleeper is caught by a later round) */
  long moved = 0;
  while (moved < N) {
    long r = futex(&f1, FUTEX_CMP_REQUEUE_PRIVATE, 0, (void *)(long)INT_MAX, &f2, 0);
    if (r < 0) { printf("requeue failed: %s\n", errno_name(errno)); break; }
    moved += r;
    if (r == 0) sched_yield();
  }
  expect_eq("waiters requeued to f2", moved, N);
  expect_eq("nobody woke", woke, 0);
  expect_eq("wake on f1 now finds nobody", futex(&f1, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0), 0);
  __atomic_store_n(&flag, 1, __ATOMIC_SEQ_CST);
  expect_eq("wake 1 on f2", futex(&f2, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0), 1);
  /* wake 1 + requeue the rest back to f1, then wake them there */
  long r = futex(&f2, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)(long)INT_MAX, &f1, 0);
  expect_eq("CMP_REQUEUE wake 1 requeue rest returns", r, N - 1);
  expect_eq("wake the rest on f1", futex(&f1, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0), N - 2);
  for (int i = 0; i < N; i++) pthread_join(t[i], NULL);
  expect_eq("all woke", woke, N);
  return contract_end("futex_requeue");
}
