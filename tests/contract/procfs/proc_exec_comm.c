#include "pf.h"
/* comm after exec is the basename of the path (15 bytes), independent of
 * argv[0]; exe link names the binary; stat flags lose PF_FORKNOEXEC. */
int main(int argc, char **argv) {
  struct pf_stat s;
  if (argc > 1) {
    pf_stat(&s, "/proc/self/stat");
    printf("comm after exec: %s\n", s.comm);
    printf("PF_FORKNOEXEC after exec: %s\n", (pf_fu(&s, 9) & 0x40) ? "set" : "clear");
    static char buf[256];
    pf_read("/proc/self/cmdline", buf, sizeof buf);
    printf("argv0: %s\n", buf);
    return contract_end("proc_exec_comm");
  }
  pf_stat(&s, "/proc/self/stat");
  printf("initial comm: %s\n", s.comm);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    pf_stat(&s, "/proc/self/stat");
    printf("forked child PF_FORKNOEXEC: %s\n", (pf_fu(&s, 9) & 0x40) ? "set" : "clear");
    printf("forked child comm: %s\n", s.comm);
    fflush(stdout);
    char *av[] = {"fake-argv0-name", "x", NULL};
    execv("/proc/self/exe", av);
    _exit(9);
  }
  int ws;
  waitpid(c, &ws, 0);
  if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0) fail("child failed");
  (void)argv;
  return 0;
}
