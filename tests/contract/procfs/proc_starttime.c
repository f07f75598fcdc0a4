#include "pf.h"
/* starttime ordering: child >= parent, thread >= process, all <= uptime;
 * a fresh child's elapsed time is small. */
static unsigned long long tstart;
static void *th(void *a) {
  (void)a;
  char path[96];
  struct pf_stat s;
  snprintf(path, sizeof path, "/proc/self/task/%ld/stat", pf_gettid());
  pf_stat(&s, path);
  tstart = pf_fu(&s, 22);
  return NULL;
}
int main(void) {
  struct pf_stat me, ch;
  pf_stat(&me, "/proc/self/stat");
  pf_burn(0.1);
  int p[2];
  pipe(p);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) { char b; read(p[0], &b, 1); _exit(0); }
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/stat", c);
  pf_stat(&ch, path);
  double up = pf_uptime();
  check("child start >= parent start", pf_fu(&ch, 22) >= pf_fu(&me, 22));
  check("child start <= now", pf_fu(&ch, 22) <= (unsigned long long)(up * 100) + 1);
  check("child elapsed < 5 s", (up * 100) - pf_fu(&ch, 22) < 500);
  check("child utime 0 (fresh)", pf_fl(&ch, 14) <= 2);
  check("child minflt reset", pf_fl(&ch, 10) < pf_fl(&me, 10) + 1000);
  check("child cutime 0", pf_fl(&ch, 16) == 0);
  write(p[1], "x", 1);
  waitpid(c, NULL, 0);
  pthread_t t;
  pthread_create(&t, NULL, th, NULL);
  pthread_join(t, NULL);
  check("thread start >= process start", tstart >= pf_fu(&me, 22));
  check("thread start <= now", tstart <= (unsigned long long)(pf_uptime() * 100) + 1);
  /* btime + starttime/100 is close to the wall time for a new child */
  static char buf[1 << 16];
  pf_read("/proc/stat", buf, sizeof buf);
  char *bt = strstr(buf, "\nbtime ");
  long long btime = bt ? strtoll(bt + 7, NULL, 10) : 0;
  check("btime + child start ~ now (+-3 s)", llabs(btime + (long long)(pf_fu(&ch, 22) / 100) - (long long)time(NULL)) <= 3);
  return contract_end("proc_starttime");
}
