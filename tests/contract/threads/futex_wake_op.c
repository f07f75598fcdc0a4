#include "th.h"
static int f1, f2, flag, started;
static void *waiter(void *a) {
  int *w = a;
  __atomic_fetch_add(&started, 1, __ATOMIC_SEQ_CST);
  /* sleeps exactly once: the word stays 0 and futex waits have no spurious wake-ups */
  futex(w, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
  __atomic_fetch_add(&flag, 1, __ATOMIC_SEQ_CST);
  return NULL;
}
static long wake_op(int n1, int n2, int op) { return futex(&f1, FUTEX_WAKE_OP_PRIVATE, n1, (void *)(long)n2, &f2, op); }
int main(void) {
  f2 = 10;
  expect_eq("WAKE_OP SET no waiters", wake_op(1, 1, FUTEX_OP(FUTEX_OP_SET, 3, FUTEX_OP_CMP_EQ, 10)), 0);
  expect_eq("f2 after SET 3", f2, 3);
  wake_op(1, 1, FUTEX_OP(FUTEX_OP_ADD, 4, FUTEX_OP_CMP_EQ, 0));
  expect_eq("f2 after ADD 4", f2, 7);
  wake_op(1, 1, FUTEX_OP(FUTEX_OP_OR, 8, FUTEX_OP_CMP_EQ, 0));
  expect_eq("f2 after OR 8", f2, 15);
  wake_op(1, 1, FUTEX_OP(FUTEX_OP_ANDN, 2, FUTEX_OP_CMP_EQ, 0));
  expect_eq("f2 after ANDN 2", f2, 13);
  wake_op(1, 1, FUTEX_OP(FUTEX_OP_XOR, 5, FUTEX_OP_CMP_EQ, 0));
  expect_eq("f2 after XOR 5", f2, 8);
  wake_op(1, 1, FUTEX_OP((FUTEX_OP_SET | FUTEX_OP_OPARG_SHIFT), 4, FUTEX_OP_CMP_EQ, 0));
  expect_eq("f2 after SET 1<<4", f2, 16);
  expect_err("WAKE_OP bad op", wake_op(1, 1, FUTEX_OP(7, 0, FUTEX_OP_CMP_EQ, 0)), ENOSYS);
  f2 = 0;
  expect_err("WAKE_OP bad cmp", wake_op(1, 1, FUTEX_OP(FUTEX_OP_SET, 0, 7, 0)), ENOSYS);
  expect_eq("f2 written even though cmp was bad", f2, 0);
  expect_err("WAKE_OP unmapped uaddr2", futex(&f1, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1L, (void *)4096, 0), EFAULT);
  /* waiters on both words: wake 1 on f1, and on f2 only when the old f2 compares true */
  pthread_t a, b;
  pthread_create(&a, NULL, waiter, &f1);
  pthread_create(&b, NULL, waiter, &f2);
  while (__atomic_load_n(&started, __ATOMIC_SEQ_CST) < 2) sched_yield();
  /* f2 waiter: keep issuing with a false comparison until a sleeper on f1 has been woken */
  long got1 = 0;
  while (got1 == 0) got1 = wake_op(1, 1, FUTEX_OP(FUTEX_OP_ADD, 0, FUTEX_OP_CMP_LT, 0));
  expect_eq("woke the f1 waiter only", got1, 1);
  long got2 = 0;
  while (got2 == 0) got2 = wake_op(0, 1, FUTEX_OP(FUTEX_OP_ADD, 0, FUTEX_OP_CMP_GE, 0));
  expect_eq("woke the f2 waiter via the comparison", got2, 1);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  expect_eq("both waiters returned", flag, 2);
  return contract_end("futex_wake_op");
}
