#include "pf.h"
/* /proc/self and /proc/thread-self from the leader and from a thread. */
static char out[4][128];
static void *th(void *a) {
  (void)a;
  long n = readlink("/proc/self", out[0], 127); out[0][n > 0 ? n : 0] = 0;
  n = readlink("/proc/thread-self", out[1], 127); out[1][n > 0 ? n : 0] = 0;
  snprintf(out[2], 128, "%d", getpid());
  snprintf(out[3], 128, "%d/task/%ld", getpid(), pf_gettid());
  return NULL;
}
int main(void) {
  char buf[128], w[128];
  long n = readlink("/proc/self", buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = 0;
  snprintf(w, sizeof w, "%d", getpid());
  check("self -> pid", strcmp(buf, w) == 0);
  n = readlink("/proc/thread-self", buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = 0;
  snprintf(w, sizeof w, "%d/task/%d", getpid(), getpid());
  check("thread-self -> pid/task/pid", strcmp(buf, w) == 0);
  struct stat st;
  expect_ok("lstat self", lstat("/proc/self", &st));
  check("self is a symlink", S_ISLNK(st.st_mode));
  expect_ok("lstat thread-self", lstat("/proc/thread-self", &st));
  check("thread-self is a symlink", S_ISLNK(st.st_mode));
  expect_ok("stat self (follows)", stat("/proc/self", &st));
  check("self resolves to a dir", S_ISDIR(st.st_mode));
  pthread_t t;
  pthread_create(&t, NULL, th, NULL);
  pthread_join(t, NULL);
  check("thread: self -> pid", strcmp(out[0], out[2]) == 0);
  check("thread: thread-self -> pid/task/tid", strcmp(out[1], out[3]) == 0);
  expect_err("thread-self/task", stat("/proc/thread-self/task", &st), ENOENT);
  expect_ok("thread-self/stat", stat("/proc/thread-self/stat", &st));
  char e1[256], e2[256];
  long a = readlink("/proc/self/exe", e1, 255), b = readlink("/proc/thread-self/exe", e2, 255);
  check("exe links agree", a > 0 && a == b && memcmp(e1, e2, a) == 0);
  check("exe absolute", a > 0 && e1[0] == '/');
  n = readlink("/proc/self/root", buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = 0;
  printf("root: %s\n", buf);
  char cwd[256];
  getcwd(cwd, sizeof cwd);
  n = readlink("/proc/self/cwd", buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = 0;
  check("cwd link == getcwd", strcmp(buf, cwd) == 0);
  return contract_end("proc_self_links");
}
