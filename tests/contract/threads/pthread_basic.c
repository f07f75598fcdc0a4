#include "th.h"
static pid_t tids[4];
static void *worker(void *a) {
  long i = (long)a;
  tids[i] = gettid();
  return (void *)(i * 10 + (getpid() == tids[i] ? 1 : 0));
}
static int go[2];
static volatile int detached_done;
static void *det(void *a) { (void)a; char c; read(go[0], &c, 1); detached_done = 1; return NULL; }
static void *self_join(void *a) { (void)a; return (void *)(long)pthread_join(pthread_self(), NULL); }
int main(void) {
  pthread_t t[4];
  for (long i = 0; i < 4; i++) check("pthread_create", pthread_create(&t[i], NULL, worker, (void *)i) == 0);
  long sum = 0;
  for (int i = 0; i < 4; i++) { void *r; pthread_join(t[i], &r); sum += (long)r; }
  expect_eq("sum of return values (no thread had tid == pid)", sum, 60);
  int distinct = 1;
  for (int i = 0; i < 4; i++) {
    if (tids[i] == getpid() || tids[i] <= 0) distinct = 0;
    for (int j = 0; j < i; j++) if (tids[i] == tids[j]) distinct = 0;
  }
  check("thread ids distinct and != pid", distinct);
  check("main thread gettid == getpid", gettid() == getpid());
  pipe(go);
  pthread_t d;
  pthread_create(&d, NULL, det, NULL);
  expect_eq("pthread_detach", pthread_detach(d), 0);
  write(go[1], "x", 1);
  while (!detached_done) sched_yield();
  check("detached thread ran", detached_done);
  pthread_t sj;
  pthread_create(&sj, NULL, self_join, NULL);
  void *r;
  pthread_join(sj, &r);
  printf("pthread_join(self): %s\n", errno_name((int)(long)r));
  printf("pthread_join(main from main): %s\n", errno_name(pthread_join(pthread_self(), NULL)));
  /* tgkill(pid, tid, 0) checks existence of a live thread; an exited one is gone */
  expect_ok("tgkill(self, 0)", syscall(SYS_tgkill, getpid(), gettid(), 0));
  int gone = 0;
  for (int i = 0; i < 1000 && !gone; i++) if (syscall(SYS_tgkill, getpid(), tids[0], 0) < 0 && errno == ESRCH) gone = 1; else sched_yield();
  check("exited thread is gone (tgkill ESRCH)", gone);
  /* many threads */
  pthread_t many[32];
  int ok = 1;
  for (long i = 0; i < 32; i++) ok &= pthread_create(&many[i], NULL, worker, (void *)(i & 3)) == 0;
  for (int i = 0; i < 32; i++) pthread_join(many[i], NULL);
  check("32 threads created and joined", ok);
  return contract_end("pthread_basic");
}
