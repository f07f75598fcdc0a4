#include "pf.h"
/* SigBlk/SigIgn/SigCgt/SigPnd/ShdPnd and stat fields 31-34. */
static void h(int s) { (void)s; }
static void show(const char *tag) {
  static char buf[16384];
  pf_read("/proc/self/status", buf, sizeof buf);
  const char *k[] = {"SigPnd", "ShdPnd", "SigBlk", "SigIgn", "SigCgt"};
  for (int i = 0; i < 5; i++) {
    char v[64];
    pf_key(buf, k[i], v, sizeof v);
    /* only the classic signals: glibc may use realtime ones internally */
    unsigned long long x = strtoull(v, NULL, 16) & 0x7fffffffULL;
    printf("%s %s: len %zu low31 %08llx\n", tag, k[i], strlen(v), x);
  }
  struct pf_stat s;
  pf_stat(&s, "/proc/self/stat");
  printf("%s stat signal %lld blocked %lld sigignore %lld sigcatch %lld\n", tag, pf_fl(&s, 31), pf_fl(&s, 32),
         pf_fl(&s, 33), pf_fl(&s, 34));
}
int main(void) {
  show("initial");
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  sigaddset(&set, SIGUSR2);
  sigprocmask(SIG_BLOCK, &set, NULL);
  signal(SIGINT, SIG_IGN);
  signal(SIGQUIT, SIG_IGN);
  signal(SIGTERM, h);
  signal(SIGHUP, h);
  show("changed");
  raise(SIGUSR1);
  kill(getpid(), SIGUSR2);
  show("pending");
  signal(SIGUSR1, SIG_IGN);
  signal(SIGUSR2, SIG_IGN);
  show("discarded");
  return contract_end("proc_status_sig");
}
