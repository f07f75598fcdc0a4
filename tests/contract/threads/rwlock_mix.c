#include "th.h"
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static long value, reads, bad;
static pthread_mutex_t cm = PTHREAD_MUTEX_INITIALIZER;
static void *writer(void *a) {
  (void)a;
  for (int i = 0; i < 1000; i++) {
    pthread_rwlock_wrlock(&rw);
    long v = value;
    if (i % 50 == 0) sched_yield();
    value = v + 1;
    pthread_rwlock_unlock(&rw);
  }
  return NULL;
}
static void *reader(void *a) {
  (void)a;
  for (int i = 0; i < 1000; i++) {
    pthread_rwlock_rdlock(&rw);
    long v1 = value;
    if (i % 50 == 0) sched_yield();
    long v2 = value;
    pthread_rwlock_unlock(&rw);
    pthread_mutex_lock(&cm);
    reads++;
    if (v1 != v2) bad++;
    pthread_mutex_unlock(&cm);
  }
  return NULL;
}
static void *try_w(void *a) { (void)a; return (void *)(long)pthread_rwlock_trywrlock(&rw); }
static void *try_r(void *a) { (void)a; long r = pthread_rwlock_tryrdlock(&rw); if (r == 0) pthread_rwlock_unlock(&rw); return (void *)r; }
int main(void) {
  pthread_t t[5];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, writer, NULL);
  for (int i = 2; i < 5; i++) pthread_create(&t[i], NULL, reader, NULL);
  for (int i = 0; i < 5; i++) pthread_join(t[i], NULL);
  expect_eq("final value", value, 2000);
  expect_eq("reads", reads, 3000);
  expect_eq("torn reads", bad, 0);
  pthread_rwlock_rdlock(&rw);
  pthread_t x;
  void *r;
  pthread_create(&x, NULL, try_w, NULL);
  pthread_join(x, &r);
  printf("trywrlock while read-locked: %s\n", errno_name((int)(long)r));
  pthread_create(&x, NULL, try_r, NULL);
  pthread_join(x, &r);
  printf("tryrdlock while read-locked: %s\n", errno_name((int)(long)r));
  pthread_rwlock_unlock(&rw);
  pthread_rwlock_wrlock(&rw);
  pthread_create(&x, NULL, try_r, NULL);
  pthread_join(x, &r);
  printf("tryrdlock while write-locked: %s\n", errno_name((int)(long)r));
  printf("wrlock again (deadlock detected): errno%d\n", pthread_rwlock_trywrlock(&rw));
  pthread_rwlock_unlock(&rw);
  return contract_end("rwlock_mix");
}
