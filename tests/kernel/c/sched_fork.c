/* What a child inherits from fork and pthread_create (kernel/fork.c
 * copy_process, kernel/sched/core.c sched_fork): nice, policy and
 * priority unless SCHED_RESET_ON_FORK, timer slack (which also becomes the
 * child's default), no_new_privs, THP-disable and dumpable; not the
 * parent-death signal or the subreaper flag. */
#include "kt.h"
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#ifndef SCHED_RESET_ON_FORK
#define SCHED_RESET_ON_FORK 0x40000000
#endif

static long setsched(int policy, int p) {
  struct sched_param sp = { .sched_priority = p };
  return syscall(SYS_sched_setscheduler, 0, policy, &sp);
}

static void show_sched(const char *who) {
  struct sched_param sp = { -1 };
  syscall(SYS_sched_getparam, 0, &sp);
  printf("%s: policy 0x%lx priority %d nice %ld timer slack %s\n", who, syscall(SYS_sched_getscheduler, 0),
         sp.sched_priority, 20 - syscall(SYS_getpriority, PRIO_PROCESS, 0),
         prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0) == 0 ? "0" : "set");
}

static void child_sched(void) { show_sched("child"); }

static void child_slack(void) {
  expect_eq("child: timer slack", prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0), 77777);
  prctl(PR_SET_TIMERSLACK, 5, 0, 0, 0);
  prctl(PR_SET_TIMERSLACK, 0, 0, 0, 0);
  expect_eq("child: default slack is the parent's", prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0), 77777);
}

static void child_flags(void) {
  int v = -1;
  prctl(PR_GET_PDEATHSIG, &v, 0, 0, 0);
  expect_eq("child: pdeathsig not inherited", v, 0);
  v = -1;
  prctl(PR_GET_CHILD_SUBREAPER, &v, 0, 0, 0);
  expect_eq("child: subreaper not inherited", v, 0);
  expect_eq("child: THP disable inherited", prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0), 1);
  expect_eq("child: dumpable inherited", prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
}

static void grandchild_nnp(void) {
  expect_eq("grandchild: no_new_privs inherited", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), 1);
}

static void child_nnp(void) {
  prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
  in_child("grandchild", grandchild_nnp);
}

static void *thread_fn(void *arg) {
  (void)arg;
  printf("thread: nice %ld policy %ld\n", 20 - syscall(SYS_getpriority, PRIO_PROCESS, 0),
         syscall(SYS_sched_getscheduler, 0));
  return NULL;
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  setpriority(PRIO_PROCESS, 0, 5);
  in_child("nice 5", child_sched);
  pthread_t th;
  fflush(stdout);
  pthread_create(&th, NULL, thread_fn, NULL);
  pthread_join(th, NULL);
  setsched(SCHED_FIFO, 10);
  in_child("FIFO 10", child_sched);
  setsched(SCHED_FIFO | SCHED_RESET_ON_FORK, 10);
  show_sched("parent");
  in_child("FIFO 10 reset-on-fork", child_sched);
  setsched(SCHED_OTHER, 0);
  show_sched("parent back to SCHED_OTHER");
  setpriority(PRIO_PROCESS, 0, -5);
  setsched(SCHED_OTHER | SCHED_RESET_ON_FORK, 0);
  in_child("nice -5 reset-on-fork", child_sched);
  setpriority(PRIO_PROCESS, 0, 5);
  in_child("nice 5 reset-on-fork", child_sched);
  setsched(SCHED_OTHER, 0);
  setpriority(PRIO_PROCESS, 0, 0);
  prctl(PR_SET_TIMERSLACK, 77777, 0, 0, 0);
  in_child("timer slack", child_slack);
  prctl(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0);
  prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
  prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0);
  prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  in_child("flags", child_flags);
  prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
  in_child("no_new_privs", child_nnp);
  return contract_end("sched_fork");
}
