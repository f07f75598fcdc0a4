#include "pf.h"
#include <grp.h>
/* Uid/Gid lines of a child after setresgid/setresuid; fs ids follow the
 * effective ones; /proc/PID is owned by the euid/egid. */
int main(void) {
  int go[2], ready[2];
  pipe(go); pipe(ready);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    gid_t gl[2] = {3000, 3001};
    setgroups(2, gl);
    if (setresgid(2000, 2001, 2002) || setresuid(1000, 1001, 1002)) _exit(3);
    write(ready[1], "x", 1);
    char b;
    read(go[0], &b, 1);
    _exit(0);
  }
  char b;
  expect_eq("child ready", read(ready[0], &b, 1), 1);
  static char buf[16384];
  char path[64], v[128];
  snprintf(path, sizeof path, "/proc/%d/status", c);
  pf_read(path, buf, sizeof buf);
  pf_key(buf, "Uid", v, sizeof v);
  check("Uid line tab-separated", strcmp(v, "1000\t1001\t1002\t1001") == 0);
  printf("Uid: %s\n", v);
  pf_key(buf, "Gid", v, sizeof v);
  printf("Gid: %s\n", v);
  char *g = strstr(buf, "\nGroups:");
  char *ge = g ? strchr(g + 1, '\n') : NULL;
  printf("Groups line: [%.*s]\n", g && ge ? (int)(ge - g - 1) : 0, g ? g + 1 : "");
  pf_key(buf, "CapEff", v, sizeof v);
  printf("CapEff: %s\n", v);
  pf_key(buf, "CapPrm", v, sizeof v);
  printf("CapPrm: %s\n", v);
  struct stat st;
  snprintf(path, sizeof path, "/proc/%d", c);
  expect_ok("stat /proc/PID", stat(path, &st));
  expect_eq("dir st_uid", st.st_uid, 1001);
  expect_eq("dir st_gid", st.st_gid, 2001);
  expect_eq("dir mode", st.st_mode & 07777, 0555);
  write(go[1], "x", 1);
  int ws;
  waitpid(c, &ws, 0);
  expect_eq("child exit", WEXITSTATUS(ws), 0);
  return contract_end("proc_status_uid");
}
