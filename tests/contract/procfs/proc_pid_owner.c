#include "pf.h"
/* /proc/PID ownership follows the euid; after an id change the process is
 * not dumpable, so files inside become root-owned; PR_SET_DUMPABLE 1 gives
 * them back to the euid. */
int main(void) {
  int go[2], ready[2], go2[2];
  pipe(go); pipe(ready); pipe(go2);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    if (setresgid(4000, 4000, 4000) || setresuid(5000, 5000, 5000)) _exit(3);
    write(ready[1], "x", 1);
    char b;
    read(go[0], &b, 1);
    prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
    write(ready[1], "y", 1);
    read(go2[0], &b, 1);
    _exit(0);
  }
  char b;
  read(ready[0], &b, 1);
  struct stat st;
  char path[96];
  snprintf(path, sizeof path, "/proc/%d", c);
  stat(path, &st);
  expect_eq("dir uid", st.st_uid, 5000);
  expect_eq("dir gid", st.st_gid, 4000);
  snprintf(path, sizeof path, "/proc/%d/status", c);
  stat(path, &st);
  expect_eq("status uid (non-dumpable)", st.st_uid, 0);
  expect_eq("status mode", st.st_mode & 07777, 0444);
  snprintf(path, sizeof path, "/proc/%d/task", c);
  stat(path, &st);
  expect_eq("task dir uid", st.st_uid, 5000);
  write(go[1], "x", 1);
  read(ready[0], &b, 1);
  snprintf(path, sizeof path, "/proc/%d/status", c);
  stat(path, &st);
  expect_eq("status uid (dumpable)", st.st_uid, 5000);
  expect_eq("status gid (dumpable)", st.st_gid, 4000);
  snprintf(path, sizeof path, "/proc/%d/stat", c);
  stat(path, &st);
  expect_eq("stat uid (dumpable)", st.st_uid, 5000);
  write(go2[1], "x", 1);
  waitpid(c, NULL, 0);
  stat("/proc/self", &st);
  expect_eq("own dir uid", st.st_uid, geteuid());
  return contract_end("proc_pid_owner");
}
