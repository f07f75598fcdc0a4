#include "pf.h"
/* comm with spaces and parentheses set by prctl(PR_SET_NAME): the stat line
 * still parses (first '(' to last ')'), and comm/status agree. */
int main(void) {
  static char buf[8192];
  struct pf_stat s;
  expect_ok("prctl set name", prctl(PR_SET_NAME, "a) (b c) 1 2", 0, 0, 0));
  pf_stat(&s, "/proc/self/stat");
  printf("comm: [%s]\n", s.comm);
  expect_eq("field count", s.nf, 52);
  printf("state after comm: %s\n", s.f[3]);
  check("ppid after comm", pf_fl(&s, 4) == getppid());
  pf_read("/proc/self/comm", buf, sizeof buf);
  printf("comm file: [%s]\n", buf);
  pf_read("/proc/self/status", buf, sizeof buf);
  char v[128];
  pf_key(buf, "Name", v, sizeof v);
  printf("status Name: [%s]\n", v);
  expect_ok("prctl long name", prctl(PR_SET_NAME, "0123456789abcdefghij", 0, 0, 0));
  pf_stat(&s, "/proc/self/stat");
  printf("truncated comm: [%s]\n", s.comm);
  expect_ok("prctl newline name", prctl(PR_SET_NAME, "x\ny\\z", 0, 0, 0));
  pf_stat(&s, "/proc/self/stat");
  printf("newline comm raw ok: %s\n", strcmp(s.comm, "x\ny\\z") == 0 ? "yes" : "no");
  expect_eq("field count newline", s.nf, 52);
  pf_read("/proc/self/status", buf, sizeof buf);
  pf_key(buf, "Name", v, sizeof v);
  printf("status Name escaped: [%s]\n", v);
  pf_read("/proc/self/comm", buf, sizeof buf);
  check("comm file raw", strcmp(buf, "x\ny\\z\n") == 0);
  return contract_end("proc_stat_comm");
}
