/* Credentials: set*id permission rules, fs ids, supplementary groups and
 * the capability sets that follow uid changes (kernel/sys.c, kernel/groups.c,
 * security/commoncap.c). Starts as root; uid changes happen in children. */
#include "kt.h"
#include <pthread.h>
#include <sys/prctl.h>

#define NOID ((unsigned)-1)

static long sys3(long nr, long a, long b, long c) { return syscall(nr, a, b, c); }

static void groups(void) {
  gid_t set[3] = { 5, 1, 3 }, got[8] = { 0 };
  expect_ok("setgroups 5,1,3", syscall(SYS_setgroups, 3, set));
  expect_eq("getgroups count", syscall(SYS_getgroups, 0, NULL), 3);
  expect_err("getgroups size 2", syscall(SYS_getgroups, 2, got), EINVAL);
  expect_eq("getgroups 8", syscall(SYS_getgroups, 8, got), 3);
  printf("groups sorted: %u %u %u\n", got[0], got[1], got[2]);
  expect_err("getgroups -1", syscall(SYS_getgroups, -1, got), EINVAL);
  expect_err("getgroups bad ptr", syscall(SYS_getgroups, 8, BAD_PTR), EFAULT);
  expect_err("setgroups -1", syscall(SYS_setgroups, -1, set), EINVAL);
  expect_err("setgroups 65537", syscall(SYS_setgroups, 65537, set), EINVAL);
  expect_err("setgroups bad ptr", syscall(SYS_setgroups, 2, BAD_PTR), EFAULT);
  gid_t bad[2] = { 7, (gid_t)-1 };
  expect_err("setgroups gid -1", syscall(SYS_setgroups, 2, bad), EINVAL);
  expect_ok("setgroups 0", syscall(SYS_setgroups, 0, NULL));
  expect_eq("getgroups after clear", syscall(SYS_getgroups, 0, NULL), 0);
  gid_t one = 0;
  expect_ok("setgroups 0 again", syscall(SYS_setgroups, 1, &one));
}

static void root_caps(void) {
  struct caps c = get_caps();
  check("root: effective == permitted", c.eff == c.prm);
  check("root: CAP_SETUID effective", has_cap(c.eff, CAP_SETUID));
  check("root: CAP_SETGID effective", has_cap(c.eff, CAP_SETGID));
  check("root: CAP_CHOWN effective", has_cap(c.eff, CAP_CHOWN));
  check("root: inheritable empty", c.inh == 0);
  struct __user_cap_header_struct h = { 0x12345, 0 };
  struct __user_cap_data_struct d[2];
  expect_err("capget bad version", syscall(SYS_capget, &h, d), EINVAL);
  printf("capget wrote version: 0x%x\n", h.version);
  h.version = 0x12345;
  expect_ok("capget bad version, NULL data", syscall(SYS_capget, &h, NULL));
  h.version = _LINUX_CAPABILITY_VERSION_3;
  h.pid = -5;
  expect_err("capget pid -5", syscall(SYS_capget, &h, d), EINVAL);
  h.pid = dead_pid();
  expect_err("capget dead pid", syscall(SYS_capget, &h, d), ESRCH);
  h.pid = getppid();
  expect_err("capset other pid", syscall(SYS_capset, &h, d), EPERM);
  expect_err("capget bad header", syscall(SYS_capget, BAD_PTR, d), EFAULT);
  h.pid = 0;
  expect_err("capget bad data", syscall(SYS_capget, &h, BAD_PTR), EFAULT);
}

/* A root process that gives up euid 0 keeps its permitted set while a uid 0 remains. */
static void uid_dance(void) {
  expect_ok("setresgid 100 200 300", sys3(SYS_setresgid, 100, 200, 300));
  show_res("resgid", 1);
  expect_eq("setfsgid -1 gives fsgid", syscall(SYS_setfsgid, -1), 200);
  expect_ok("setresuid 1000 2000 0", sys3(SYS_setresuid, 1000, 2000, 0));
  show_res("resuid", 0);
  struct caps c = get_caps();
  check("euid 2000: effective empty", c.eff == 0);
  check("euid 2000: CAP_SETUID still permitted", has_cap(c.prm, CAP_SETUID));
  expect_eq("dumpable after euid change", prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
  expect_err("setuid 3000 without CAP_SETUID", syscall(SYS_setuid, 3000), EPERM);
  expect_err("setresuid new id", sys3(SYS_setresuid, -1, 4000, -1), EPERM);
  expect_err("setgroups without CAP_SETGID", syscall(SYS_setgroups, 0, NULL), EPERM);
  expect_ok("setuid 0 (the saved uid)", syscall(SYS_setuid, 0));
  show_res("resuid after setuid 0", 0);
  c = get_caps();
  check("euid 0 again: effective restored", c.eff == c.prm && has_cap(c.eff, CAP_SETUID));
  expect_ok("setresuid -1 2000 -1", sys3(SYS_setresuid, -1, 2000, -1));
  show_res("resuid after setresuid -1 2000 -1", 0);
  expect_ok("setreuid -1 0 (the saved uid)", sys3(SYS_setreuid, -1, 0, 0));
  show_res("resuid after setreuid -1 0", 0);
  expect_ok("setresuid -1 -1 -1", sys3(SYS_setresuid, -1, -1, -1));
  expect_err("setuid -1", syscall(SYS_setuid, -1), EINVAL);
  expect_err("setgid -1", syscall(SYS_setgid, -1), EINVAL);
  /* fsuid: leaving 0 drops the file-system capabilities only. */
  expect_eq("setfsuid 5000 returns old", syscall(SYS_setfsuid, 5000), 0);
  expect_eq("setfsuid -1 returns 5000", syscall(SYS_setfsuid, -1), 5000);
  c = get_caps();
  check("fsuid 5000: CAP_CHOWN dropped", !has_cap(c.eff, CAP_CHOWN));
  check("fsuid 5000: CAP_DAC_OVERRIDE dropped", !has_cap(c.eff, CAP_DAC_OVERRIDE));
  check("fsuid 5000: CAP_SETUID kept", has_cap(c.eff, CAP_SETUID));
  expect_eq("setfsuid 0 returns 5000", syscall(SYS_setfsuid, 0), 5000);
  check("fsuid 0: CAP_CHOWN back", has_cap(get_caps().eff, CAP_CHOWN));
  /* Leaving uid 0 everywhere clears permitted too. */
  expect_ok("setresuid 1000 1000 1000", sys3(SYS_setresuid, 1000, 1000, 1000));
  show_res("resuid all 1000", 0);
  c = get_caps();
  check("all 1000: effective and permitted empty", c.eff == 0 && c.prm == 0);
  expect_err("setuid 0 now", syscall(SYS_setuid, 0), EPERM);
  expect_err("setresuid -1 0 -1 now", sys3(SYS_setresuid, -1, 0, -1), EPERM);
  expect_err("setreuid 2000 -1", sys3(SYS_setreuid, 2000, -1, 0), EPERM);
  expect_ok("setreuid 1000 1000", sys3(SYS_setreuid, 1000, 1000, 0));
  expect_eq("setfsuid 7 refused, returns 1000", syscall(SYS_setfsuid, 7), 1000);
  expect_eq("setfsuid -1 still 1000", syscall(SYS_setfsuid, -1), 1000);
  /* gids: without CAP_SETGID only the current ids. */
  expect_err("setgid 5", syscall(SYS_setgid, 5), EPERM);
  expect_ok("setgid 300 (saved)", syscall(SYS_setgid, 300));
  show_res("resgid after setgid 300", 1);
  expect_err("setregid 200 100 (200 is only the saved gid)", sys3(SYS_setregid, 200, 100, 0), EPERM);
  expect_ok("setregid 300 100", sys3(SYS_setregid, 300, 100, 0));
  show_res("resgid after setregid 300 100", 1);
  expect_err("setregid 7 -1", sys3(SYS_setregid, 7, -1, 0), EPERM);
  expect_ok("setresgid 100 100 100", sys3(SYS_setresgid, 100, 100, 100));
  expect_err("setresgid 200", sys3(SYS_setresgid, 200, -1, -1), EPERM);
  expect_eq("setfsgid 100 returns 100", syscall(SYS_setfsgid, 100), 100);
  struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct d[2] = { { 1u << CAP_KILL, 1u << CAP_KILL, 0 }, { 0, 0, 0 } };
  expect_err("capset raising permitted", syscall(SYS_capset, &h, d), EPERM);
}

/* setuid as root sets every uid; the saved-uid rules for setreuid. */
static void setuid_root(void) {
  expect_ok("setuid 1234 as root", syscall(SYS_setuid, 1234));
  show_res("resuid after setuid 1234", 0);
  check("setuid 1234: no capabilities", get_caps().prm == 0);
  expect_eq("setfsuid -1 follows euid", syscall(SYS_setfsuid, -1), 1234);
}

static void setreuid_saved(void) {
  expect_ok("setreuid 1000 2000", sys3(SYS_setreuid, 1000, 2000, 0));
  show_res("resuid after setreuid 1000 2000", 0);
  expect_ok("setreuid -1 1000 (real id)", sys3(SYS_setreuid, -1, 1000, 0));
  show_res("resuid after setreuid -1 1000", 0);
  expect_ok("setreuid -1 2000 (saved id)", sys3(SYS_setreuid, -1, 2000, 0));
  show_res("resuid after setreuid -1 2000", 0);
  expect_ok("setreuid 2000 -1 (effective as real)", sys3(SYS_setreuid, 2000, -1, 0));
  show_res("resuid after setreuid 2000 -1", 0);
  check("no uid 0 left: no capabilities", get_caps().prm == 0);
  expect_err("setreuid 1000 -1 (gone)", sys3(SYS_setreuid, 1000, -1, 0), EPERM);
}

/* PR_SET_KEEPCAPS keeps permitted across leaving uid 0; capset can raise effective again. */
static void keepcaps(void) {
  expect_ok("PR_SET_KEEPCAPS 1", prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0));
  expect_ok("setresuid 1000 1000 1000", sys3(SYS_setresuid, 1000, 1000, 1000));
  struct caps c = get_caps();
  check("keepcaps: permitted kept", has_cap(c.prm, CAP_SETUID) && has_cap(c.prm, CAP_SETGID));
  check("keepcaps: effective cleared", c.eff == 0);
  struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct d[2];
  memset(d, 0, sizeof d);
  d[0].effective = d[0].permitted = 1u << CAP_SETUID;
  expect_ok("capset effective=permitted=SETUID", syscall(SYS_capset, &h, d));
  c = get_caps();
  check("capset: effective is SETUID only", c.eff == (1u << CAP_SETUID) && c.prm == c.eff);
  expect_ok("setresuid 0 0 0 with CAP_SETUID", sys3(SYS_setresuid, 0, 0, 0));
  show_res("resuid back to 0", 0);
  c = get_caps();
  check("euid 0 again: effective = permitted = SETUID", c.eff == (1u << CAP_SETUID) && c.prm == c.eff);
  expect_err("setgroups without CAP_SETGID", syscall(SYS_setgroups, 0, NULL), EPERM);
  d[0].effective = 0;
  d[0].permitted = 1u << CAP_SETUID;
  expect_ok("capset dropping effective", syscall(SYS_capset, &h, d));
  expect_err("setuid 5 without effective CAP_SETUID", syscall(SYS_setuid, 5), EPERM);
  d[0].effective = 1u << CAP_SETGID;
  expect_err("capset effective outside permitted", syscall(SYS_capset, &h, d), EPERM);
}

/* glibc makes setresuid process-wide by running it in every thread (SIGSETXID). */
static pthread_barrier_t started, changed;

static void *thread_ids(void *arg) {
  (void)arg;
  pthread_barrier_wait(&started);
  pthread_barrier_wait(&changed);
  show_res("thread resuid after glibc setresuid", 0);
  return NULL;
}

static void threads(void) {
  pthread_t th;
  pthread_barrier_init(&started, NULL, 2);
  pthread_barrier_init(&changed, NULL, 2);
  pthread_create(&th, NULL, thread_ids, NULL);
  pthread_barrier_wait(&started);
  expect_ok("glibc setresuid 1000 1000 1000", setresuid(1000, 1000, 1000));
  pthread_barrier_wait(&changed);
  pthread_join(th, NULL);
  show_res("main resuid", 0);
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  show_res("initial resuid", 0);
  show_res("initial resgid", 1);
  expect_err("getresuid bad ptr", syscall(SYS_getresuid, BAD_PTR, BAD_PTR, BAD_PTR), EFAULT);
  groups();
  root_caps();
  in_child("uid dance", uid_dance);
  in_child("setuid as root", setuid_root);
  in_child("setreuid saved", setreuid_saved);
  in_child("keepcaps", keepcaps);
  in_child("threads", threads);
  show_res("parent resuid unchanged", 0);
  return contract_end("cred");
}
