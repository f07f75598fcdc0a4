#include "pf.h"
#include <grp.h>
/* /proc/self/status: every line "Key:\tvalue", required keys in Linux order,
 * exact values for the ones that are not machine-specific. */
static const char *want[] = {
  "Name", "Umask", "State", "Tgid", "Ngid", "Pid", "PPid", "TracerPid", "Uid", "Gid", "FDSize",
  "Groups", "NStgid", "NSpid", "NSpgid", "NSsid", "Kthread", "VmPeak", "VmSize", "VmLck", "VmPin", "VmHWM",
  "VmRSS", "RssAnon", "RssFile", "RssShmem", "VmData", "VmStk", "VmExe", "VmLib", "VmPTE", "VmSwap",
  "HugetlbPages", "CoreDumping", "THP_enabled", "untag_mask", "Threads", "SigQ", "SigPnd", "ShdPnd",
  "SigBlk", "SigIgn", "SigCgt", "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb", "NoNewPrivs",
  "Seccomp", "Seccomp_filters", "Speculation_Store_Bypass", "SpeculationIndirectBranch",
  "Cpus_allowed", "Cpus_allowed_list", "Mems_allowed", "Mems_allowed_list",
  "voluntary_ctxt_switches", "nonvoluntary_ctxt_switches", NULL};
int main(void) {
  static char buf[16384];
  setgroups(0, NULL);
  umask(027);
  long n = pf_read("/proc/self/status", buf, sizeof buf);
  check("read", n > 0);
  int bad = 0, idx = 0, nlines = 0;
  for (char *p = buf; *p;) {
    char *e = strchr(p, '\n');
    if (!e) { bad++; break; }
    char *c = memchr(p, ':', e - p);
    if (!c || c[1] != '\t') { bad++; printf("bad line: %.*s\n", (int)(e - p), p); }
    else {
      int kl = c - p;
      for (int j = idx; want[j]; j++)
        if ((int)strlen(want[j]) == kl && strncmp(want[j], p, kl) == 0) { idx = j + 1; printf("key %s\n", want[j]); break; }
    }
    nlines++;
    p = e + 1;
  }
  expect_eq("lines without colon-tab", bad, 0);
  check("all required keys found in order", want[idx] == NULL);
  char v[256];
  pf_key(buf, "Umask", v, sizeof v); printf("Umask: %s\n", v);
  pf_key(buf, "State", v, sizeof v); printf("State: %s\n", v);
  check("Tgid", pf_keyl(buf, "Tgid") == getpid());
  check("Pid", pf_keyl(buf, "Pid") == getpid());
  check("PPid", pf_keyl(buf, "PPid") == getppid());
  expect_eq("TracerPid", pf_keyl(buf, "TracerPid"), 0);
  pf_key(buf, "Uid", v, sizeof v); printf("Uid: %s\n", v);
  pf_key(buf, "Gid", v, sizeof v); printf("Gid: %s\n", v);
  char *g = strstr(buf, "\nGroups:");
  char *ge = g ? strchr(g + 1, '\n') : NULL;
  printf("Groups line: [%.*s]\n", g && ge ? (int)(ge - g - 1) : 0, g ? g + 1 : "");
  expect_eq("Kthread", pf_keyl(buf, "Kthread"), 0);
  pf_key(buf, "VmLck", v, sizeof v); printf("VmLck: [%s]\n", v);
  pf_key(buf, "VmSwap", v, sizeof v); printf("VmSwap: [%s]\n", v);
  pf_key(buf, "HugetlbPages", v, sizeof v); printf("HugetlbPages: [%s]\n", v);
  char *vs = strstr(buf, "\nVmSize:\t");
  check("VmSize value width 8 + ' kB'", vs && strchr(vs + 1, '\n') - (vs + 9) == 11 && strncmp(strchr(vs + 1, '\n') - 3, " kB", 3) == 0);
  expect_eq("CoreDumping", pf_keyl(buf, "CoreDumping"), 0);
  pf_key(buf, "untag_mask", v, sizeof v); printf("untag_mask: %s\n", v);
  expect_eq("Threads", pf_keyl(buf, "Threads"), 1);
  pf_key(buf, "SigPnd", v, sizeof v); printf("SigPnd: %s\n", v);
  pf_key(buf, "ShdPnd", v, sizeof v); printf("ShdPnd: %s\n", v);
  pf_key(buf, "CapInh", v, sizeof v); printf("CapInh: %s\n", v);
  pf_key(buf, "CapAmb", v, sizeof v); printf("CapAmb: %s\n", v);
  pf_key(buf, "NoNewPrivs", v, sizeof v); printf("NoNewPrivs: %s\n", v);
  pf_key(buf, "Seccomp", v, sizeof v); printf("Seccomp: %s\n", v);
  pf_key(buf, "Seccomp_filters", v, sizeof v); printf("Seccomp_filters: %s\n", v);
  pf_key(buf, "Mems_allowed_list", v, sizeof v); printf("Mems_allowed_list: %s\n", v);
  long nc = sysconf(_SC_NPROCESSORS_ONLN);
  pf_key(buf, "Cpus_allowed_list", v, sizeof v);
  char w[32];
  if (nc == 1) snprintf(w, sizeof w, "0"); else snprintf(w, sizeof w, "0-%ld", nc - 1);
  check("Cpus_allowed_list = 0-(n-1)", strcmp(v, w) == 0);
  check("FDSize >= 64", pf_keyl(buf, "FDSize") >= 64);
  check("ctxt switches numeric", pf_keyl(buf, "voluntary_ctxt_switches") >= 0 && pf_keyl(buf, "nonvoluntary_ctxt_switches") >= 0);
  check("ends with newline", buf[n - 1] == '\n');
  return contract_end("proc_status_keys");
}
