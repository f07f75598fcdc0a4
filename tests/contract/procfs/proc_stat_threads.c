#include "pf.h"
/* num_threads with 3 threads; exit_signal 17 for the process and the
 * leader's task entry, -1 for the other threads. */
static int pipes[2][2];
static long tids[2];
static int started[2];
static void *th(void *a) {
  int i = (int)(long)a;
  tids[i] = pf_gettid();
  char b = 'x';
  write(started[i], &b, 1);
  read(pipes[i][0], &b, 1);
  return NULL;
}
int main(void) {
  int rp[2];
  pipe(rp);
  pthread_t t[2];
  for (int i = 0; i < 2; i++) {
    pipe(pipes[i]);
    started[i] = rp[1];
    pthread_create(&t[i], NULL, th, (void *)(long)i);
  }
  char b;
  read(rp[0], &b, 1); read(rp[0], &b, 1);
  struct pf_stat s;
  pf_stat(&s, "/proc/self/stat");
  expect_eq("num_threads", pf_fl(&s, 20), 3);
  expect_eq("process exit_signal", pf_fl(&s, 38), 17);
  expect_eq("Threads", pf_status_l(0, "Threads"), 3);
  char path[128];
  snprintf(path, sizeof path, "/proc/self/task/%d/stat", getpid());
  pf_stat(&s, path);
  expect_eq("leader task exit_signal", pf_fl(&s, 38), 17);
  expect_eq("leader task num_threads", pf_fl(&s, 20), 3);
  for (int i = 0; i < 2; i++) {
    snprintf(path, sizeof path, "/proc/self/task/%ld/stat", tids[i]);
    check("thread stat read", pf_stat(&s, path));
    check("thread stat pid field is tid", pf_fl(&s, 1) == tids[i]);
    expect_eq("thread exit_signal", pf_fl(&s, 38), -1);
    expect_eq("thread num_threads", pf_fl(&s, 20), 3);
    expect_eq("thread field count", s.nf, 52);
    check("thread ppid = process ppid", pf_fl(&s, 4) == getppid());
    snprintf(path, sizeof path, "/proc/self/task/%ld/status", tids[i]);
    static char buf[8192];
    pf_read(path, buf, sizeof buf);
    check("thread status Pid = tid", pf_keyl(buf, "Pid") == tids[i]);
    check("thread status Tgid = pid", pf_keyl(buf, "Tgid") == getpid());
    expect_eq("thread status Threads", pf_keyl(buf, "Threads"), 3);
  }
  for (int i = 0; i < 2; i++) { write(pipes[i][1], "x", 1); pthread_join(t[i], NULL); }
  pf_stat(&s, "/proc/self/stat");
  expect_eq("num_threads after join", pf_fl(&s, 20), 1);
  snprintf(path, sizeof path, "/proc/self/task/%ld", tids[0]);
  struct stat st;
  expect_err("joined thread task dir gone", stat(path, &st), ENOENT);
  return contract_end("proc_stat_threads");
}
