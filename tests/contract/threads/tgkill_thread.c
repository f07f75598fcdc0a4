#include "th.h"
static volatile pid_t got_tid[4];
static volatile int got_code[4], got_n;
static pid_t tids[4];
static int ready, stop;
static void h(int s, siginfo_t *si, void *u) {
  (void)s; (void)u;
  /* the test sends one signal at a time: fill the slot, then publish it */
  int i = got_n;
  if (i < 4) { got_tid[i] = gettid(); got_code[i] = si->si_code; }
  __atomic_store_n(&got_n, i + 1, __ATOMIC_SEQ_CST);
}
static void *w(void *a) {
  tids[(long)a] = gettid();
  __atomic_fetch_add(&ready, 1, __ATOMIC_SEQ_CST);
  while (!__atomic_load_n(&stop, __ATOMIC_SEQ_CST)) sched_yield();
  return NULL;
}
int main(void) {
  set_handler(SIGUSR1, h, SA_SIGINFO);
  pthread_t t[3];
  for (long i = 0; i < 3; i++) pthread_create(&t[i], NULL, w, (void *)i);
  while (__atomic_load_n(&ready, __ATOMIC_SEQ_CST) < 3) sched_yield();
  expect_ok("tgkill to thread 1", syscall(SYS_tgkill, getpid(), tids[1], SIGUSR1));
  while (got_n < 1) sched_yield();
  check("handler ran on thread 1", got_tid[0] == tids[1]);
  printf("si_code: %s\n", si_code_name(got_code[0]));
  expect_ok("tkill to thread 2", syscall(SYS_tkill, tids[2], SIGUSR1));
  while (got_n < 2) sched_yield();
  check("handler ran on thread 2", got_tid[1] == tids[2]);
  printf("si_code: %s\n", si_code_name(got_code[1]));
  expect_ok("tgkill to self", syscall(SYS_tgkill, getpid(), gettid(), SIGUSR1));
  check("handler ran on main", got_n >= 3 && got_tid[2] == gettid());
  expect_err("tgkill wrong tgid", syscall(SYS_tgkill, getpid() + 100000, tids[0], SIGUSR1), ESRCH);
  expect_err("tgkill tgid 0", syscall(SYS_tgkill, 0, tids[0], SIGUSR1), EINVAL);
  expect_err("tgkill bad signal", syscall(SYS_tgkill, getpid(), tids[0], 99), EINVAL);
  expect_err("tkill tid 0", syscall(SYS_tkill, 0, SIGUSR1), EINVAL);
  expect_err("tkill nonexistent", syscall(SYS_tkill, 999999, SIGUSR1), ESRCH);
  expect_ok("tgkill signal 0", syscall(SYS_tgkill, getpid(), tids[0], 0));
  __atomic_store_n(&stop, 1, __ATOMIC_SEQ_CST);
  for (int i = 0; i < 3; i++) pthread_join(t[i], NULL);
  expect_eq("handler count", got_n, 3);
  return contract_end("tgkill_thread");
}
