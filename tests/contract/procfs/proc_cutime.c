#include "pf.h"
/* Children's times (cutime/cstime, cminflt) are added only when reaped. */
int main(void) {
  struct pf_stat a, b, c0;
  pf_stat(&a, "/proc/self/stat");
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    pf_burn(0.4);
    char *m = mmap(NULL, 4 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    madvise(m, 4 << 20, MADV_NOHUGEPAGE);
    for (int i = 0; i < (4 << 20); i += 4096) m[i] = 1;
    _exit(0);
  }
  siginfo_t si;
  waitid(P_PID, c, &si, WEXITED | WNOWAIT);
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/stat", c);
  pf_stat(&c0, path);
  check("zombie keeps its utime >= 20", pf_fl(&c0, 14) >= 20);
  check("zombie keeps minflt >= 1024", pf_fl(&c0, 10) >= 1024);
  pf_stat(&b, "/proc/self/stat");
  expect_eq("cutime before reap", pf_fl(&b, 16) - pf_fl(&a, 16), 0);
  expect_eq("cminflt before reap", pf_fl(&b, 11) - pf_fl(&a, 11), 0);
  waitpid(c, NULL, 0);
  pf_stat(&b, "/proc/self/stat");
  long dcu = pf_fl(&b, 16) - pf_fl(&a, 16);
  check("cutime grew after reap (>= 20)", dcu >= 20);
  check("cutime ~ child's utime", dcu >= pf_fl(&c0, 14) - 2 && dcu <= pf_fl(&c0, 14) + 2);
  check("cminflt grew by >= 1024", pf_fl(&b, 11) - pf_fl(&a, 11) >= 1024);
  check("own utime did not absorb the child", pf_fl(&b, 14) - pf_fl(&a, 14) < 15);
  struct rusage ru;
  getrusage(RUSAGE_CHILDREN, &ru);
  check("cutime agrees with RUSAGE_CHILDREN", labs((long)(ru.ru_utime.tv_sec * 100 + ru.ru_utime.tv_usec / 10000) - pf_fl(&b, 16)) <= 2);
  /* grandchild's time reaches the grandparent through the child's wait */
  fflush(stdout);
  c = fork();
  if (c == 0) {
    pid_t g = fork();
    if (g == 0) { pf_burn(0.3); _exit(0); }
    waitpid(g, NULL, 0);
    _exit(0);
  }
  waitpid(c, NULL, 0);
  struct pf_stat d;
  pf_stat(&d, "/proc/self/stat");
  check("grandchild time included after wait (>= 15)", pf_fl(&d, 16) - pf_fl(&b, 16) >= 15);
  return contract_end("proc_cutime");
}
