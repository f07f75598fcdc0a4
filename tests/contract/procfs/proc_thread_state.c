#include "pf.h"
/* Per-thread state: a thread blocked in read is S in task/TID/stat and
 * status while the reading thread is R; process state is the leader's. */
static volatile long tid2;
static int go[2], rdy[2];
static void *th(void *a) { (void)a; tid2 = pf_gettid(); write(rdy[1], "x", 1); char b; read(go[0], &b, 1); return NULL; }
int main(void) {
  pipe(go); pipe(rdy);
  pthread_t t;
  pthread_create(&t, NULL, th, NULL);
  char b;
  read(rdy[0], &b, 1);
  char path[128];
  snprintf(path, sizeof path, "/proc/self/task/%ld/stat", tid2);
  struct pf_stat s;
  char st = '?';
  for (int i = 0; i < 30000; i++) {
    pf_stat(&s, path);
    st = s.f[3][0];
    if (st == 'S') break;
    struct timespec ts = {0, 1000000};
    nanosleep(&ts, NULL);
  }
  printf("blocked thread: %c\n", st);
  pf_stat(&s, "/proc/self/stat");
  printf("process (leader reading): %s\n", s.f[3]);
  snprintf(path, sizeof path, "/proc/self/task/%d/stat", getpid());
  pf_stat(&s, path);
  printf("leader task: %s\n", s.f[3]);
  static char buf[8192];
  snprintf(path, sizeof path, "/proc/self/task/%ld/status", tid2);
  pf_read(path, buf, sizeof buf);
  char v[64];
  pf_key(buf, "State", v, sizeof v);
  printf("thread status State: %s\n", v);
  write(go[1], "x", 1);
  pthread_join(t, NULL);
  return contract_end("proc_thread_state");
}
