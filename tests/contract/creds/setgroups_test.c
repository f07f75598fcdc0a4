#include "../process/ptest.h"
#include <grp.h>
int main(void) {
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    gid_t g[] = {10, 20, 30, 20};
    expect_ok("setgroups 4", setgroups(4, g));
    expect_eq("getgroups(0, NULL) count", getgroups(0, NULL), 4);
    gid_t out[8];
    int n = getgroups(8, out);
    printf("groups:");
    for (int i = 0; i < n; i++) printf(" %d", (int)out[i]);
    printf("\n");
    expect_err("getgroups too small", getgroups(2, out), EINVAL);
    expect_ok("setgroups 0", setgroups(0, NULL));
    expect_eq("now none", getgroups(0, NULL), 0);
    expect_err("setgroups huge count", setgroups(70000, g), EINVAL);
    expect_err("setgroups bad pointer", syscall(SYS_setgroups, 2, BAD_PTR), EFAULT);
    expect_err("getgroups negative", syscall(SYS_getgroups, -1, out), EINVAL);
    setgroups(2, g);
    setresuid(1000, 1000, 1000);
    expect_err("setgroups unprivileged", setgroups(1, g), EPERM);
    expect_eq("groups kept after uid drop", getgroups(0, NULL), 2);
    fflush(stdout);
    _exit(contract_failed);
  }
  expect_status("child", c, "exit 0");
  /* groups are inherited across fork */
  c = fork();
  if (c == 0) {
    gid_t g[] = {77};
    setgroups(1, g);
    pid_t gc = fork();
    if (gc == 0) { gid_t o[4]; _exit(getgroups(4, o) == 1 && o[0] == 77 ? 0 : 1); }
    int st;
    waitpid(gc, &st, 0);
    _exit(WEXITSTATUS(st));
  }
  expect_status("inherited by fork", c, "exit 0");
  return contract_end("setgroups_test");
}
