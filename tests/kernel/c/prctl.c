/* prctl (kernel/sys.c, security/commoncap.c cap_task_prctl): names,
 * parent-death signal, subreaper, dumpable, no_new_privs, timer slack,
 * keepcaps, securebits, seccomp mode, bounding set, ambient set, THP. */
#include "kt.h"
#include <sys/prctl.h>
#include <signal.h>

#ifndef PR_SET_THP_DISABLE
#define PR_SET_THP_DISABLE 41
#define PR_GET_THP_DISABLE 42
#endif

static void names(void) {
  char name[32];
  memset(name, 'x', sizeof name);
  expect_ok("PR_SET_NAME long", prctl(PR_SET_NAME, "kernel-test-name-long", 0, 0, 0));
  expect_ok("PR_GET_NAME", prctl(PR_GET_NAME, name, 0, 0, 0));
  printf("name: \"%s\" (byte 15 is %d, byte 16 is '%c')\n", name, name[15], name[16]);
  expect_ok("PR_SET_NAME short", prctl(PR_SET_NAME, "ab", 0, 0, 0));
  memset(name, 'x', sizeof name);
  prctl(PR_GET_NAME, name, 0, 0, 0);
  printf("name: \"%s\" padded: %s\n", name, name[2] == 0 && name[15] == 0 ? "yes" : "no");
  expect_ok("PR_SET_NAME empty", prctl(PR_SET_NAME, "", 0, 0, 0));
  prctl(PR_GET_NAME, name, 0, 0, 0);
  printf("name: \"%s\"\n", name);
  expect_err("PR_SET_NAME bad ptr", prctl(PR_SET_NAME, BAD_PTR, 0, 0, 0), EFAULT);
  expect_err("PR_GET_NAME bad ptr", prctl(PR_GET_NAME, BAD_PTR, 0, 0, 0), EFAULT);
  prctl(PR_SET_NAME, "prctl", 0, 0, 0);
}

static void pdeath_and_subreaper(void) {
  int v = -1;
  expect_ok("PR_GET_PDEATHSIG", prctl(PR_GET_PDEATHSIG, &v, 0, 0, 0));
  expect_eq("pdeathsig initially", v, 0);
  expect_ok("PR_SET_PDEATHSIG SIGUSR1", prctl(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0));
  prctl(PR_GET_PDEATHSIG, &v, 0, 0, 0);
  expect_eq("pdeathsig", v, SIGUSR1);
  expect_err("PR_SET_PDEATHSIG 65", prctl(PR_SET_PDEATHSIG, 65, 0, 0, 0), EINVAL);
  expect_ok("PR_SET_PDEATHSIG 64", prctl(PR_SET_PDEATHSIG, 64, 0, 0, 0));
  expect_err("PR_GET_PDEATHSIG bad ptr", prctl(PR_GET_PDEATHSIG, BAD_PTR, 0, 0, 0), EFAULT);
  expect_ok("PR_SET_PDEATHSIG 0", prctl(PR_SET_PDEATHSIG, 0, 0, 0, 0));
  v = -1;
  expect_ok("PR_GET_CHILD_SUBREAPER", prctl(PR_GET_CHILD_SUBREAPER, &v, 0, 0, 0));
  expect_eq("subreaper initially", v, 0);
  expect_ok("PR_SET_CHILD_SUBREAPER 7", prctl(PR_SET_CHILD_SUBREAPER, 7, 0, 0, 0));
  prctl(PR_GET_CHILD_SUBREAPER, &v, 0, 0, 0);
  expect_eq("subreaper", v, 1);
  expect_ok("PR_SET_CHILD_SUBREAPER 0", prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0));
  prctl(PR_GET_CHILD_SUBREAPER, &v, 0, 0, 0);
  expect_eq("subreaper cleared", v, 0);
}

static void dumpable_and_slack(void) {
  expect_eq("PR_GET_DUMPABLE", prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 1);
  expect_err("PR_SET_DUMPABLE 2", prctl(PR_SET_DUMPABLE, 2, 0, 0, 0), EINVAL);
  expect_ok("PR_SET_DUMPABLE 0", prctl(PR_SET_DUMPABLE, 0, 0, 0, 0));
  expect_eq("dumpable", prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
  expect_ok("PR_SET_DUMPABLE 1", prctl(PR_SET_DUMPABLE, 1, 0, 0, 0));
  long slack = prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0);
  check("timer slack positive", slack > 0);
  expect_ok("PR_SET_TIMERSLACK 123456", prctl(PR_SET_TIMERSLACK, 123456, 0, 0, 0));
  expect_eq("timer slack", prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0), 123456);
  expect_ok("PR_SET_TIMERSLACK 0", prctl(PR_SET_TIMERSLACK, 0, 0, 0, 0));
  check("timer slack back to default", prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0) == slack);
  expect_eq("PR_GET_TIMING", prctl(PR_GET_TIMING, 0, 0, 0, 0), 0);
  expect_err("PR_SET_TIMING 1", prctl(PR_SET_TIMING, 1, 0, 0, 0), EINVAL);
  expect_eq("PR_GET_SECCOMP", prctl(PR_GET_SECCOMP, 0, 0, 0, 0), 0);
  expect_err("unknown option 12345", prctl(12345, 0, 0, 0, 0), EINVAL);
  expect_err("unknown option -1", prctl(-1, 0, 0, 0, 0), EINVAL);
  int *tidp = (int *)1;
  expect_ok("PR_GET_TID_ADDRESS", prctl(PR_GET_TID_ADDRESS, &tidp, 0, 0, 0));
  check("tid address set by libc", tidp != NULL && tidp != (int *)1);
  expect_err("PR_GET_TID_ADDRESS bad ptr", prctl(PR_GET_TID_ADDRESS, BAD_PTR, 0, 0, 0), EFAULT);
}

static void thp(void) {
  expect_eq("PR_GET_THP_DISABLE", prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0), 0);
  expect_err("PR_GET_THP_DISABLE arg2", prctl(PR_GET_THP_DISABLE, 1, 0, 0, 0), EINVAL);
  expect_ok("PR_SET_THP_DISABLE 1", prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0));
  expect_eq("thp disabled", prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0), 1);
  expect_err("PR_SET_THP_DISABLE arg4", prctl(PR_SET_THP_DISABLE, 1, 0, 1, 0), EINVAL);
  expect_ok("PR_SET_THP_DISABLE 0", prctl(PR_SET_THP_DISABLE, 0, 0, 0, 0));
  expect_eq("thp enabled", prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0), 0);
}

static void capability_options(void) {
  expect_eq("PR_GET_KEEPCAPS", prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0), 0);
  expect_ok("PR_SET_KEEPCAPS 1", prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0));
  expect_eq("keepcaps", prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0), 1);
  expect_eq("securebits with keepcaps", prctl(PR_GET_SECUREBITS, 0, 0, 0, 0), 0x10);
  expect_err("PR_SET_KEEPCAPS 2", prctl(PR_SET_KEEPCAPS, 2, 0, 0, 0), EINVAL);
  expect_ok("PR_SET_KEEPCAPS 0", prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0));
  expect_eq("securebits", prctl(PR_GET_SECUREBITS, 0, 0, 0, 0), 0);
  expect_ok("PR_SET_SECUREBITS KEEP_CAPS", prctl(PR_SET_SECUREBITS, 0x10, 0, 0, 0));
  expect_eq("keepcaps via securebits", prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0), 1);
  expect_err("PR_SET_SECUREBITS unknown bit", prctl(PR_SET_SECUREBITS, 1 << 12, 0, 0, 0), EPERM);
  expect_ok("PR_SET_SECUREBITS 0", prctl(PR_SET_SECUREBITS, 0, 0, 0, 0));
  expect_eq("PR_CAPBSET_READ CAP_SETUID", prctl(PR_CAPBSET_READ, CAP_SETUID, 0, 0, 0), 1);
  expect_err("PR_CAPBSET_READ 41", prctl(PR_CAPBSET_READ, 41, 0, 0, 0), EINVAL);
  expect_err("PR_CAPBSET_READ 64", prctl(PR_CAPBSET_READ, 64, 0, 0, 0), EINVAL);
  expect_eq("PR_CAP_AMBIENT IS_SET", prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_SETUID, 0, 0), 0);
  expect_err("PR_CAP_AMBIENT RAISE (not inheritable)",
             prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_SETUID, 0, 0), EPERM);
  expect_err("PR_CAP_AMBIENT bad cap", prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, 99, 0, 0), EINVAL);
  expect_err("PR_CAP_AMBIENT bad op", prctl(PR_CAP_AMBIENT, 9, CAP_SETUID, 0, 0), EINVAL);
  expect_ok("PR_CAP_AMBIENT CLEAR_ALL", prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0));
}

/* Ambient capabilities need the capability inheritable; dropping from the bounding set sticks. */
static void ambient_and_bounding(void) {
  struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct d[2];
  memset(d, 0, sizeof d);
  struct caps c = get_caps();
  d[0].effective = (uint32_t)c.eff;
  d[1].effective = (uint32_t)(c.eff >> 32);
  d[0].permitted = (uint32_t)c.prm;
  d[1].permitted = (uint32_t)(c.prm >> 32);
  d[0].inheritable = 1u << CAP_KILL;
  expect_ok("capset inheritable KILL", syscall(SYS_capset, &h, d));
  expect_ok("PR_CAP_AMBIENT RAISE KILL", prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_KILL, 0, 0));
  expect_eq("ambient KILL", prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_KILL, 0, 0), 1);
  d[0].inheritable = 0;
  expect_ok("capset inheritable empty", syscall(SYS_capset, &h, d));
  expect_eq("ambient KILL gone with inheritable", prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_KILL, 0, 0), 0);
  expect_ok("PR_CAPBSET_DROP CAP_SYS_BOOT", prctl(PR_CAPBSET_DROP, CAP_SYS_BOOT, 0, 0, 0));
  expect_eq("bounding CAP_SYS_BOOT", prctl(PR_CAPBSET_READ, CAP_SYS_BOOT, 0, 0, 0), 0);
  expect_err("PR_CAPBSET_DROP 77", prctl(PR_CAPBSET_DROP, 77, 0, 0, 0), EINVAL);
  d[0].inheritable = 1u << CAP_SYS_BOOT;
  expect_err("capset inheritable outside bounding", syscall(SYS_capset, &h, d), EPERM);
  syscall(SYS_setresuid, 1000, 1000, 1000);
  expect_err("PR_CAPBSET_DROP without CAP_SETPCAP", prctl(PR_CAPBSET_DROP, CAP_KILL, 0, 0, 0), EPERM);
  expect_err("PR_SET_SECUREBITS without CAP_SETPCAP", prctl(PR_SET_SECUREBITS, 0x10, 0, 0, 0), EPERM);
}

/* no_new_privs is one-way, so it is tried in a child. */
static void no_new_privs(void) {
  expect_eq("PR_GET_NO_NEW_PRIVS", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), 0);
  expect_err("PR_GET_NO_NEW_PRIVS arg2", prctl(PR_GET_NO_NEW_PRIVS, 1, 0, 0, 0), EINVAL);
  expect_err("PR_SET_NO_NEW_PRIVS 2", prctl(PR_SET_NO_NEW_PRIVS, 2, 0, 0, 0), EINVAL);
  expect_err("PR_SET_NO_NEW_PRIVS arg3", prctl(PR_SET_NO_NEW_PRIVS, 1, 1, 0, 0), EINVAL);
  expect_ok("PR_SET_NO_NEW_PRIVS 1", prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
  expect_eq("no_new_privs", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), 1);
}

/* Changing the effective uid clears the parent-death signal and dumpable (commit_creds). */
static void creds_clear_pdeath(void) {
  int v = -1;
  prctl(PR_SET_PDEATHSIG, SIGUSR2, 0, 0, 0);
  syscall(SYS_setresuid, -1, 1000, -1);
  prctl(PR_GET_PDEATHSIG, &v, 0, 0, 0);
  expect_eq("pdeathsig after euid change", v, 0);
  expect_eq("dumpable after euid change", prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  names();
  pdeath_and_subreaper();
  dumpable_and_slack();
  thp();
  capability_options();
  in_child("ambient and bounding", ambient_and_bounding);
  in_child("no_new_privs", no_new_privs);
  in_child("commit_creds clears pdeath", creds_clear_pdeath);
  return contract_end("prctl");
}
