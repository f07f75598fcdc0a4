#include "pf.h"
/* While a second thread burns, its task/TID/stat utime grows, the leader's
 * does not, and the process sum is >= the sum over task/ entries. */
static volatile int stop;
static volatile long tid2;
static int readyfd;
static void *burner(void *a) {
  (void)a;
  tid2 = pf_gettid();
  write(readyfd, "x", 1);
  volatile unsigned long x = 1;
  while (!stop) for (int i = 0; i < 10000; i++) x = x * 3 + 1;
  return NULL;
}
int main(void) {
  int rp[2];
  pipe(rp);
  readyfd = rp[1];
  pthread_t t;
  pthread_create(&t, NULL, burner, NULL);
  char b;
  read(rp[0], &b, 1);
  char tp[128], lp[128];
  snprintf(tp, sizeof tp, "/proc/self/task/%ld/stat", tid2);
  snprintf(lp, sizeof lp, "/proc/self/task/%d/stat", getpid());
  struct pf_stat t0, l0, t1, l1, p1;
  pf_stat(&t0, tp);
  pf_stat(&l0, lp);
  /* main sleeps (not burning) until the thread has >= 30 ticks more */
  long grew = 0;
  for (int i = 0; i < 6000 && grew < 30; i++) {
    struct timespec ts = {0, 5000000};
    nanosleep(&ts, NULL);
    pf_stat(&t1, tp);
    grew = pf_fl(&t1, 14) + pf_fl(&t1, 15) - pf_fl(&t0, 14) - pf_fl(&t0, 15);
  }
  pf_stat(&l1, lp);
  pf_stat(&p1, "/proc/self/stat");
  stop = 1;
  pthread_join(t, NULL);
  check("thread time grew >= 30 ticks", grew >= 30);
  check("leader time grew < 15 ticks", pf_fl(&l1, 14) + pf_fl(&l1, 15) - pf_fl(&l0, 14) - pf_fl(&l0, 15) < 15);
  long sum = pf_fl(&t1, 14) + pf_fl(&l1, 14);
  check("process utime >= sum of task utimes - 2", pf_fl(&p1, 14) >= sum - 2);
  check("process utime <= sum + 10", pf_fl(&p1, 14) <= sum + 10);
  printf("thread state while burning: %s\n", t1.f[3]);
  check("thread task starttime >= process starttime", pf_fu(&t1, 22) >= pf_fu(&p1, 22));
  return contract_end("proc_task_live");
}
