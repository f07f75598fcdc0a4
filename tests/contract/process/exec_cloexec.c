#include "ptest.h"
int main(int argc, char **argv) {
  if (argc > 1) {
    for (int i = 1; i < argc; i++) {
      int fd = atoi(argv[i]);
      int f = fcntl(fd, F_GETFD);
      printf("after exec fd#%d: %s\n", i, f < 0 ? errno_name(errno) : (f & FD_CLOEXEC ? "open cloexec" : "open"));
    }
    fflush(stdout);
    return 0;
  }
  int a = open("hello.txt", O_RDONLY);
  int b = open("hello.txt", O_RDONLY | O_CLOEXEC);
  int c = open("hello.txt", O_RDONLY);
  fcntl(c, F_SETFD, FD_CLOEXEC);
  int d = fcntl(a, F_DUPFD_CLOEXEC, 20);
  int e = dup(b); /* dup clears close-on-exec */
  int f = dup3(a, 30, O_CLOEXEC);
  int g = dup2(b, 31);
  int pf[2];
  pipe2(pf, O_CLOEXEC);
  int h = pf[0];
  check("fds made", a >= 0 && b >= 0 && c >= 0 && d >= 20 && e >= 0 && f == 30 && g == 31 && h >= 0);
  char s[9][16];
  int fds[] = {a, b, c, d, e, f, g, h, pf[1]};
  char *av[12] = {argv[0]};
  for (int i = 0; i < 9; i++) { snprintf(s[i], 16, "%d", fds[i]); av[i + 1] = s[i]; }
  av[10] = NULL;
  printf("order: plain O_CLOEXEC F_SETFD F_DUPFD_CLOEXEC dup(cloexec) dup3(O_CLOEXEC) dup2(cloexec) pipe2(O_CLOEXEC)x2\n");
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) { execv(argv[0], av); _exit(127); }
  expect_status("child", p, "exit 0");
  /* a failed exec keeps cloexec fds open */
  check("failed exec", execl("/no/such", "x", (char *)NULL) < 0);
  check("cloexec fd still open after failed exec", fcntl(b, F_GETFD) == FD_CLOEXEC);
  return contract_end("exec_cloexec");
}
