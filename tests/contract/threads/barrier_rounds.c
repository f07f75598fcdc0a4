#include "th.h"
#define NT 4
#define ROUNDS 20
static pthread_barrier_t b;
static int serial[ROUNDS];
static int arrived[ROUNDS];
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int bad;
static void *w(void *a) {
  (void)a;
  for (int r = 0; r < ROUNDS; r++) {
    pthread_mutex_lock(&m);
    arrived[r]++;
    pthread_mutex_unlock(&m);
    int x = pthread_barrier_wait(&b);
    pthread_mutex_lock(&m);
    if (arrived[r] != NT) bad = 1; /* everyone arrived before anyone left */
    if (x == PTHREAD_BARRIER_SERIAL_THREAD) serial[r]++;
    else if (x != 0) bad = 2;
    pthread_mutex_unlock(&m);
  }
  return NULL;
}
int main(void) {
  printf("barrier count 0: %s\n", errno_name(pthread_barrier_init(&b, NULL, 0)));
  pthread_barrier_init(&b, NULL, NT);
  pthread_t t[NT];
  for (int i = 0; i < NT; i++) pthread_create(&t[i], NULL, w, NULL);
  for (int i = 0; i < NT; i++) pthread_join(t[i], NULL);
  expect_eq("barrier misbehaviour", bad, 0);
  int ok = 1;
  for (int r = 0; r < ROUNDS; r++) ok &= serial[r] == 1;
  check("exactly one serial thread per round", ok);
  pthread_barrier_destroy(&b);
  return contract_end("barrier_rounds");
}
