#include "ptest.h"
#include <sys/resource.h>
#include <sched.h>
int main(void) {
  errno = 0;
  int p0 = getpriority(PRIO_PROCESS, 0);
  check("getpriority works", errno == 0);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    expect_ok("setpriority +5", setpriority(PRIO_PROCESS, 0, p0 + 5));
    expect_eq("getpriority delta", getpriority(PRIO_PROCESS, 0) - p0, 5);
    /* the raw syscall returns 20 - nice */
    expect_eq("raw getpriority", syscall(SYS_getpriority, PRIO_PROCESS, 0), 20 - (p0 + 5));
    expect_ok("setpriority 19", setpriority(PRIO_PROCESS, 0, 19));
    expect_eq("now 19", getpriority(PRIO_PROCESS, 0), 19);
    expect_ok("setpriority 100 clamps", setpriority(PRIO_PROCESS, 0, 100));
    expect_eq("clamped to 19", getpriority(PRIO_PROCESS, 0), 19);
    expect_ok("setpriority -100 as root clamps", setpriority(PRIO_PROCESS, 0, -100));
    expect_eq("clamped to -20", getpriority(PRIO_PROCESS, 0), -20);
    expect_err("bad which", setpriority(7, 0, 0), EINVAL);
    expect_err("nonexistent pid", setpriority(PRIO_PROCESS, 999999, 0), ESRCH);
    setpriority(PRIO_PROCESS, 0, 10);
    int r = nice(1);
    expect_eq("nice(1) returns new value", r, 11);
    setresuid(1000, 1000, 1000);
    expect_err("unprivileged lowering nice", setpriority(PRIO_PROCESS, 0, 5), EACCES);
    expect_ok("unprivileged raising nice", setpriority(PRIO_PROCESS, 0, 15));
    fflush(stdout);
    _exit(contract_failed);
  }
  expect_status("nice child", c, "exit 0");
  c = fork();
  if (c == 0) {
    struct sched_param sp = {0};
    expect_eq("policy initially SCHED_OTHER", sched_getscheduler(0), SCHED_OTHER);
    expect_ok("SCHED_BATCH", sched_setscheduler(0, SCHED_BATCH, &sp));
    expect_eq("now SCHED_BATCH", sched_getscheduler(0), SCHED_BATCH);
    expect_ok("SCHED_IDLE", sched_setscheduler(0, SCHED_IDLE, &sp));
    expect_eq("now SCHED_IDLE", sched_getscheduler(0), SCHED_IDLE);
    sp.sched_priority = 5;
    expect_err("SCHED_BATCH with priority 5", sched_setscheduler(0, SCHED_BATCH, &sp), EINVAL);
    expect_err("policy 42", sched_setscheduler(0, 42, &sp), EINVAL);
    expect_err("nonexistent pid", sched_setscheduler(999999, SCHED_OTHER, &(struct sched_param){0}), ESRCH);
    expect_eq("SCHED_FIFO max prio", sched_get_priority_max(SCHED_FIFO), 99);
    expect_eq("SCHED_FIFO min prio", sched_get_priority_min(SCHED_FIFO), 1);
    expect_eq("SCHED_BATCH max prio", sched_get_priority_max(SCHED_BATCH), 0);
    expect_err("priority_max bad policy", sched_get_priority_max(42), EINVAL);
    sp.sched_priority = 0;
    sched_setscheduler(0, SCHED_OTHER, &sp);
    struct sched_param gp = {7};
    expect_ok("sched_getparam", sched_getparam(0, &gp));
    expect_eq("priority 0", gp.sched_priority, 0);
    /* the policy is inherited by fork unless SCHED_RESET_ON_FORK */
    sched_setscheduler(0, SCHED_BATCH, &sp);
    pid_t g = fork();
    if (g == 0) _exit(sched_getscheduler(0) == SCHED_BATCH ? 0 : 1);
    int st;
    waitpid(g, &st, 0);
    printf("child inherits SCHED_BATCH: %s\n", status_str(st));
    fflush(stdout);
    _exit(contract_failed);
  }
  expect_status("sched child", c, "exit 0");
  return contract_end("priority_sched");
}
