#include "pf.h"
/* An unreaped child: state Z, comm in parentheses, cmdline empty, no Vm
 * lines, mm fields 0, statm zeros; after reaping: ENOENT. */
int main(void) {
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) { prctl(PR_SET_NAME, "zz top (x)", 0, 0, 0); _exit(7); }
  siginfo_t si;
  waitid(P_PID, c, &si, WEXITED | WNOWAIT);
  char path[64], v[128];
  static char buf[8192];
  struct pf_stat s;
  snprintf(path, sizeof path, "/proc/%d/stat", c);
  check("stat readable", pf_stat(&s, path));
  printf("state: %s\n", s.f[3]);
  printf("comm: (%s)\n", s.comm);
  expect_eq("fields", s.nf, 52);
  expect_eq("num_threads", pf_fl(&s, 20), 1);
  expect_eq("vsize", pf_fl(&s, 23), 0);
  expect_eq("rss", pf_fl(&s, 24), 0);
  expect_eq("startcode", pf_fl(&s, 26), 0);
  expect_eq("start_data", pf_fl(&s, 45), 0);
  expect_eq("env_end", pf_fl(&s, 51), 0);
  printf("exit_code field: %lld\n", pf_fl(&s, 52));
  snprintf(path, sizeof path, "/proc/%d/cmdline", c);
  expect_eq("cmdline length", pf_read(path, buf, sizeof buf), 0);
  snprintf(path, sizeof path, "/proc/%d/statm", c);
  pf_read(path, buf, sizeof buf);
  printf("statm: %s", buf);
  snprintf(path, sizeof path, "/proc/%d/status", c);
  pf_read(path, buf, sizeof buf);
  pf_key(buf, "State", v, sizeof v);
  printf("status State: %s\n", v);
  pf_key(buf, "Name", v, sizeof v);
  printf("status Name: %s\n", v);
  check("no VmSize line", !pf_key(buf, "VmSize", v, sizeof v));
  check("no VmRSS line", !pf_key(buf, "VmRSS", v, sizeof v));
  expect_eq("Threads", pf_keyl(buf, "Threads"), 1);
  check("PPid is us", pf_keyl(buf, "PPid") == getpid());
  snprintf(path, sizeof path, "/proc/%d/exe", c);
  expect_err("readlink exe of zombie", readlink(path, buf, sizeof buf), ENOENT);
  snprintf(path, sizeof path, "/proc/%d/maps", c);
  expect_eq("maps length", pf_read(path, buf, sizeof buf), 0);
  int ws;
  waitpid(c, &ws, 0);
  expect_eq("exit status", WEXITSTATUS(ws), 7);
  snprintf(path, sizeof path, "/proc/%d", c);
  struct stat st;
  expect_err("reaped: stat dir", stat(path, &st), ENOENT);
  snprintf(path, sizeof path, "/proc/%d/stat", c);
  expect_err("reaped: open stat", open(path, O_RDONLY), ENOENT);
  return contract_end("proc_state_zombie");
}
