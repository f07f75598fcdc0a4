#include "pf.h"
/* /proc listing: d_types, self/thread-self links, pid dirs ascending with
 * ours present, a non-leader TID not listed but resolvable. */
static volatile long tid2;
static int go[2], rdy[2];
static void *th(void *a) { (void)a; tid2 = pf_gettid(); write(rdy[1], "x", 1); char b; read(go[0], &b, 1); return NULL; }
int main(void) {
  pipe(go); pipe(rdy);
  pthread_t t;
  pthread_create(&t, NULL, th, NULL);
  char b;
  read(rdy[0], &b, 1);
  DIR *d = opendir("/proc");
  check("opendir", d != NULL);
  struct dirent *e;
  int dot = 0, dotdot = 0, self = -1, tself = -1, me = 0, tid_listed = 0, nonasc = 0, piddir_bad = 0, npids = 0;
  int stat_reg = 0, meminfo = 0, sys_dir = 0, pos = 0, first_pid_pos = -1, self_pos = -1;
  long last = 0;
  while ((e = readdir(d))) {
    pos++;
    if (!strcmp(e->d_name, ".")) dot = e->d_type == DT_DIR;
    else if (!strcmp(e->d_name, "..")) dotdot = e->d_type == DT_DIR;
    else if (!strcmp(e->d_name, "self")) { self = e->d_type; self_pos = pos; }
    else if (!strcmp(e->d_name, "thread-self")) tself = e->d_type;
    else if (!strcmp(e->d_name, "stat")) stat_reg = e->d_type == DT_REG;
    else if (!strcmp(e->d_name, "meminfo")) meminfo = e->d_type == DT_REG;
    else if (!strcmp(e->d_name, "sys")) sys_dir = e->d_type == DT_DIR;
    else if (e->d_name[0] >= '1' && e->d_name[0] <= '9') {
      long p = strtol(e->d_name, NULL, 10);
      if (first_pid_pos < 0) first_pid_pos = pos;
      npids++;
      if (e->d_type != DT_DIR) piddir_bad++;
      if (p <= last) nonasc++;
      last = p;
      if (p == getpid()) me = 1;
      if (p == tid2) tid_listed = 1;
    }
  }
  closedir(d);
  check(". is DT_DIR", dot);
  check(".. is DT_DIR", dotdot);
  check("self is DT_LNK", self == DT_LNK);
  check("thread-self is DT_LNK", tself == DT_LNK);
  check("stat is DT_REG", stat_reg);
  check("meminfo is DT_REG", meminfo);
  check("sys is DT_DIR", sys_dir);
  check("pid entries all DT_DIR", piddir_bad == 0);
  check("pid entries ascending", nonasc == 0);
  check("own pid listed", me);
  check("self before the pids", self_pos > 0 && self_pos < first_pid_pos);
  check("non-leader tid not listed", !tid_listed);
  char path[64];
  struct stat st;
  snprintf(path, sizeof path, "/proc/%ld", tid2);
  expect_ok("stat /proc/TID", stat(path, &st));
  snprintf(path, sizeof path, "/proc/%ld/stat", tid2);
  struct pf_stat s;
  pf_stat(&s, path);
  check("/proc/TID/stat pid field is tid", pf_fl(&s, 1) == tid2);
  if (pf_fl(&s, 1) != tid2) fail("/proc/TID/stat field 1 = %s (%s), tid %ld pid %d", s.f[1], pf_fl(&s, 1) == getpid() ? "the pid" : "other", tid2, getpid());
  snprintf(path, sizeof path, "/proc/%ld/status", tid2);
  check("/proc/TID/status Tgid", pf_status_l(tid2, "Tgid") == getpid());
  check("/proc/TID/status Pid", pf_status_l(tid2, "Pid") == tid2);
  snprintf(path, sizeof path, "/proc/%ld/task", tid2);
  expect_ok("/proc/TID/task exists", stat(path, &st));
  /* task/ lists both */
  snprintf(path, sizeof path, "/proc/%d/task", getpid());
  d = opendir(path);
  int seen_me = 0, seen_t = 0, n = 0, tdir_bad = 0;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    n++;
    if (e->d_type != DT_DIR) tdir_bad++;
    if (atol(e->d_name) == getpid()) seen_me = 1;
    if (atol(e->d_name) == tid2) seen_t = 1;
  }
  closedir(d);
  expect_eq("task entries", n, 2);
  check("task lists leader and thread", seen_me && seen_t);
  check("task entries DT_DIR", tdir_bad == 0);
  snprintf(path, sizeof path, "/proc/%d/task/%ld/task", getpid(), tid2);
  expect_err("task/TID/task", stat(path, &st), ENOENT);
  expect_err("/proc/foobar", stat("/proc/foobar", &st), ENOENT);
  expect_err("/proc/0", stat("/proc/0", &st), ENOENT);
  expect_err("/proc/2147483647", stat("/proc/2147483647", &st), ENOENT);
  write(go[1], "x", 1);
  pthread_join(t, NULL);
  return contract_end("proc_readdir");
}
