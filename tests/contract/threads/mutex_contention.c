#include "th.h"
#define NT 4
#define N 3000
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static long per[NT];
static void *w(void *a) {
  long i = (long)a;
  for (int k = 0; k < N; k++) {
    pthread_mutex_lock(&m);
    long c = counter;
    if ((k & 63) == 0) sched_yield();
    counter = c + 1;
    per[i]++;
    pthread_mutex_unlock(&m);
  }
  return NULL;
}
int main(void) {
  pthread_t t[NT];
  for (long i = 0; i < NT; i++) pthread_create(&t[i], NULL, w, (void *)i);
  for (int i = 0; i < NT; i++) pthread_join(t[i], NULL);
  expect_eq("final counter", counter, NT * N);
  long s = 0;
  for (int i = 0; i < NT; i++) s += per[i];
  expect_eq("per-thread sum", s, NT * N);
  expect_eq("trylock on free mutex", pthread_mutex_trylock(&m), 0);
  printf("trylock on held mutex: %s\n", errno_name(pthread_mutex_trylock(&m)));
  pthread_mutex_unlock(&m);
  /* error-checking mutex */
  pthread_mutexattr_t at;
  pthread_mutexattr_init(&at);
  pthread_mutexattr_settype(&at, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_t e;
  pthread_mutex_init(&e, &at);
  pthread_mutex_lock(&e);
  printf("relock errorcheck: errno%d\n", pthread_mutex_lock(&e));
  pthread_mutex_unlock(&e);
  printf("unlock unlocked errorcheck: %s\n", errno_name(pthread_mutex_unlock(&e)));
  /* recursive */
  pthread_mutexattr_settype(&at, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_t r;
  pthread_mutex_init(&r, &at);
  expect_eq("recursive lock 1", pthread_mutex_lock(&r), 0);
  expect_eq("recursive lock 2", pthread_mutex_lock(&r), 0);
  expect_eq("recursive unlock 1", pthread_mutex_unlock(&r), 0);
  expect_eq("recursive unlock 2", pthread_mutex_unlock(&r), 0);
  /* priority-inheritance mutex under contention (FUTEX_LOCK_PI) */
  pthread_mutexattr_settype(&at, PTHREAD_MUTEX_NORMAL);
  pthread_mutexattr_setprotocol(&at, PTHREAD_PRIO_INHERIT);
  pthread_mutex_init(&m, &at);
  counter = 0;
  for (int i = 0; i < NT; i++) per[i] = 0;
  for (long i = 0; i < NT; i++) pthread_create(&t[i], NULL, w, (void *)i);
  for (int i = 0; i < NT; i++) pthread_join(t[i], NULL);
  expect_eq("PI mutex final counter", counter, NT * N);
  return contract_end("mutex_contention");
}
