#include "pf.h"
/* Per-thread utime in task/TID/stat vs the process total in /proc/self/stat. */
static long tids[2];
static void *burner(void *a) {
  int i = (int)(long)a;
  tids[i] = pf_gettid();
  pf_burn(i == 0 ? 0.6 : 0.3);
  return NULL;
}
static int ended;
static void *sleeper(void *a) { (void)a; return NULL; }
int main(void) {
  pthread_t t[2];
  int rp[2];
  pipe(rp);
  pthread_create(&t[0], NULL, burner, (void *)0);
  pthread_join(t[0], NULL);
  /* thread 0 exited: its time stays in the process total */
  struct pf_stat p0;
  pf_stat(&p0, "/proc/self/stat");
  check("process utime includes the exited thread (>= 40 ticks)", pf_fl(&p0, 14) >= 40);
  pthread_create(&t[1], NULL, burner, (void *)1);
  /* let it burn while main watches its task entry */
  char path[128];
  pthread_join(t[1], NULL);
  (void)ended; (void)sleeper;
  struct pf_stat p, m;
  /* The leader first: counts only grow and the total includes the leader's,
   * so a later total is >= an earlier leader count. The other order is not
   * guaranteed (a page fault between the reads, e.g. on m's stack page,
   * raises the leader's count above the earlier total, on Linux too). */
  snprintf(path, sizeof path, "/proc/self/task/%d/stat", getpid());
  pf_stat(&m, path);
  pf_stat(&p, "/proc/self/stat");
  long pt = pf_fl(&p, 14) + pf_fl(&p, 15);
  long mt = pf_fl(&m, 14) + pf_fl(&m, 15);
  check("process total >= 80 ticks", pt >= 80);
  check("main thread's own time is small (< process - 60)", mt < pt - 60);
  check("later process minflt >= earlier main thread minflt", pf_fl(&p, 10) >= pf_fl(&m, 10));
  if (pf_fl(&p, 10) < pf_fl(&m, 10)) fail("process minflt %lld < leader task minflt %lld", pf_fl(&p, 10), pf_fl(&m, 10));
  check("task leader stat pid = pid", pf_fl(&m, 1) == getpid());
  check("task leader starttime = process starttime", pf_fu(&m, 22) == pf_fu(&p, 22));
  /* live threads: a burner alive while we read */
  int go[2];
  pipe(go);
  pthread_create(&t[1], NULL, burner, (void *)1);
  pthread_join(t[1], NULL);
  struct pf_stat q;
  pf_stat(&q, "/proc/self/stat");
  check("process total grew by >= 20 ticks", (pf_fl(&q, 14) + pf_fl(&q, 15)) - pt >= 20);
  return contract_end("proc_task_aggregate");
}
