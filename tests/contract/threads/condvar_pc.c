#include "th.h"
#define CAP 4
#define ITEMS 2000
#define NP 2
#define NC 2
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t notfull = PTHREAD_COND_INITIALIZER, notempty = PTHREAD_COND_INITIALIZER;
static int buf[CAP], head, count, produced_done;
static long consumed_sum, consumed_n;
static void *prod(void *a) {
  long base = (long)a;
  for (int i = 1; i <= ITEMS; i++) {
    pthread_mutex_lock(&m);
    while (count == CAP) pthread_cond_wait(&notfull, &m);
    buf[(head + count) % CAP] = (int)(base + i);
    count++;
    pthread_cond_signal(&notempty);
    pthread_mutex_unlock(&m);
  }
  return NULL;
}
static void *cons(void *a) {
  (void)a;
  for (;;) {
    pthread_mutex_lock(&m);
    while (count == 0 && produced_done < NP) pthread_cond_wait(&notempty, &m);
    if (count == 0) { pthread_mutex_unlock(&m); return NULL; }
    consumed_sum += buf[head];
    consumed_n++;
    head = (head + 1) % CAP;
    count--;
    pthread_cond_signal(&notfull);
    pthread_mutex_unlock(&m);
  }
}
int main(void) {
  pthread_t p[NP], c[NC];
  for (long i = 0; i < NC; i++) pthread_create(&c[i], NULL, cons, NULL);
  for (long i = 0; i < NP; i++) pthread_create(&p[i], NULL, prod, (void *)(i * 100000));
  for (int i = 0; i < NP; i++) pthread_join(p[i], NULL);
  pthread_mutex_lock(&m);
  produced_done = NP;
  pthread_cond_broadcast(&notempty);
  pthread_mutex_unlock(&m);
  for (int i = 0; i < NC; i++) pthread_join(c[i], NULL);
  expect_eq("items consumed", consumed_n, NP * ITEMS);
  long want = 0;
  for (long i = 0; i < NP; i++) want += i * 100000 * ITEMS + (long)ITEMS * (ITEMS + 1) / 2;
  expect_eq("sum consumed", consumed_sum, want);
  /* timed wait times out */
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  ts.tv_nsec += 20000000;
  if (ts.tv_nsec >= 1000000000) { ts.tv_sec++; ts.tv_nsec -= 1000000000; }
  pthread_mutex_lock(&m);
  int r = pthread_cond_timedwait(&notempty, &m, &ts);
  pthread_mutex_unlock(&m);
  printf("cond_timedwait: %s\n", r == ETIMEDOUT ? "ETIMEDOUT" : errno_name(r));
  /* monotonic clock condvar */
  pthread_condattr_t ca;
  pthread_condattr_init(&ca);
  pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
  pthread_cond_t mc;
  pthread_cond_init(&mc, &ca);
  clock_gettime(CLOCK_MONOTONIC, &ts);
  ts.tv_nsec += 20000000;
  if (ts.tv_nsec >= 1000000000) { ts.tv_sec++; ts.tv_nsec -= 1000000000; }
  pthread_mutex_lock(&m);
  r = pthread_cond_timedwait(&mc, &m, &ts);
  pthread_mutex_unlock(&m);
  printf("monotonic cond_timedwait: %s\n", r == ETIMEDOUT ? "ETIMEDOUT" : errno_name(r));
  return contract_end("condvar_pc");
}
