#include "pf.h"
/* cmdline is raw NUL-separated argv; environ raw NUL-separated envp. */
int main(int argc, char **argv) {
  static char buf[8192];
  if (argc > 1 && strcmp(argv[1], "child") == 0) {
    long n = pf_read("/proc/self/cmdline", buf, sizeof buf);
    static const char want[] = "proc-cmd\0child\0a b\0\0 c\n\0";
    expect_eq("cmdline length", n, sizeof want - 1);
    check("cmdline bytes", n == sizeof want - 1 && memcmp(buf, want, n) == 0);
    n = pf_read("/proc/self/environ", buf, sizeof buf);
    static const char wenv[] = "A=1\0EMPTY=\0SP=x y\0";
    expect_eq("environ length", n, sizeof wenv - 1);
    check("environ bytes", n == sizeof wenv - 1 && memcmp(buf, wenv, n) == 0);
    struct pf_stat s;
    pf_stat(&s, "/proc/self/stat");
    printf("comm after exec: %s\n", s.comm);
    /* one byte at a time */
    int fd = open("/proc/self/cmdline", O_RDONLY);
    long k = 0;
    char c;
    while (read(fd, &c, 1) == 1) k++;
    close(fd);
    expect_eq("cmdline by 1-byte reads", k, sizeof want - 1);
    return contract_end("proc_cmdline");
  }
  long n = pf_read("/proc/self/cmdline", buf, sizeof buf);
  check("own cmdline ends with NUL", n > 0 && buf[n - 1] == 0);
  check("own cmdline argv0", strcmp(buf, argv[0]) == 0);
  fflush(stdout);
  char *av[] = {"proc-cmd", "child", "a b", "", " c\n", NULL};
  char *ev[] = {"A=1", "EMPTY=", "SP=x y", NULL};
  execve("/proc/self/exe", av, ev);
  printf("execve failed: %s\n", errno_name(errno));
  return contract_end("proc_cmdline");
}
