#include "pf.h"
/* Writing comm: own, a peer thread's, truncation to 15, another process (EINVAL). */
static volatile long tid2;
static int go[2], rdy[2];
static void *th(void *a) { (void)a; tid2 = pf_gettid(); write(rdy[1], "x", 1); char b; read(go[0], &b, 1); return NULL; }
static int wr(const char *path, const char *s) {
  int fd = open(path, O_WRONLY);
  if (fd < 0) return -1;
  int r = write(fd, s, strlen(s));
  int e = errno;
  close(fd);
  errno = e;
  return r;
}
int main(void) {
  static char buf[256];
  expect_eq("write comm", wr("/proc/self/comm", "newname"), 7);
  pf_read("/proc/self/comm", buf, sizeof buf);
  printf("comm: %s", buf);
  char pn[32] = {0};
  prctl(PR_GET_NAME, pn, 0, 0, 0);
  printf("PR_GET_NAME: %s\n", pn);
  struct pf_stat s;
  pf_stat(&s, "/proc/self/stat");
  printf("stat comm: %s\n", s.comm);
  expect_eq("write long", wr("/proc/self/comm", "abcdefghijklmnopqrstuvwxyz"), 26);
  pf_read("/proc/self/comm", buf, sizeof buf);
  printf("long comm: %s", buf);
  expect_eq("write with newline", wr("/proc/self/comm", "nl\n"), 3);
  pf_read("/proc/self/comm", buf, sizeof buf);
  printf("newline comm: [%s]\n", buf);
  pipe(go); pipe(rdy);
  pthread_t t;
  pthread_create(&t, NULL, th, NULL);
  char b;
  read(rdy[0], &b, 1);
  char path[128];
  snprintf(path, sizeof path, "/proc/self/task/%ld/comm", tid2);
  expect_eq("write peer thread comm", wr(path, "worker"), 6);
  pf_read(path, buf, sizeof buf);
  printf("peer comm: %s", buf);
  pf_read("/proc/self/comm", buf, sizeof buf);
  printf("process comm unchanged: %s", buf);
  pthread_getname_np(t, pn, sizeof pn);
  printf("pthread_getname_np: %s\n", pn);
  write(go[1], "x", 1);
  pthread_join(t, NULL);
  int p[2];
  pipe(p);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) { char x; read(p[0], &x, 1); _exit(0); }
  snprintf(path, sizeof path, "/proc/%d/comm", c);
  expect_err("write other process comm", wr(path, "other"), EINVAL);
  write(p[1], "x", 1);
  waitpid(c, NULL, 0);
  return contract_end("proc_comm_write");
}
