#include "th.h"
static volatile pid_t handled_by;
static pid_t worker_tid;
static int ready;
static void h(int s) { (void)s; handled_by = gettid(); }
static void *w(void *a) {
  (void)a;
  unblock_sig(SIGUSR1); /* only this thread accepts it */
  worker_tid = gettid();
  __atomic_store_n(&ready, 1, __ATOMIC_SEQ_CST);
  while (!handled_by) sched_yield();
  /* a thread's mask is its own */
  sigset_t m;
  pthread_sigmask(SIG_BLOCK, NULL, &m);
  return (void *)(long)sigismember(&m, SIGUSR1);
}
static void *sw(void *a) {
  (void)a;
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGUSR2);
  int sig = 0;
  sigwait(&s, &sig);
  return (void *)(long)sig;
}
int main(void) {
  set_handler(SIGUSR1, h, 0);
  block_sig(SIGUSR1);
  pthread_t t;
  pthread_create(&t, NULL, w, NULL);
  while (!__atomic_load_n(&ready, __ATOMIC_SEQ_CST)) sched_yield();
  kill(getpid(), SIGUSR1); /* process-directed: goes to a thread that does not block it */
  void *r;
  pthread_join(t, &r);
  check("delivered to the unblocked thread", handled_by == worker_tid);
  expect_eq("worker's mask does not have SIGUSR1", (long)r, 0);
  sigset_t m;
  sigprocmask(SIG_BLOCK, NULL, &m);
  check("main still blocks SIGUSR1", sigismember(&m, SIGUSR1));
  /* new threads inherit the creator's mask */
  block_sig(SIGUSR2);
  pthread_create(&t, NULL, sw, NULL);
  kill(getpid(), SIGUSR2);
  pthread_join(t, &r);
  printf("sigwait in thread got: %s\n", sig_name((int)(long)r));
  /* process-directed signal blocked everywhere stays pending for the process */
  handled_by = 0;
  kill(getpid(), SIGUSR1);
  sigset_t p;
  sigpending(&p);
  check("pending while all threads block it", sigismember(&p, SIGUSR1));
  unblock_sig(SIGUSR1);
  check("delivered to main once unblocked", handled_by == gettid());
  printf("pthread_sigmask bad how: %s\n", errno_name(pthread_sigmask(99, &m, NULL)));
  return contract_end("thread_sigmask");
}
