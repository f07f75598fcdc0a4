/* Descriptor inheritance across execve: the program re-executes itself
 * with "child" and reports which of fds 3..12 are open, their FD_CLOEXEC
 * flag, status flags and offsets. O_CLOEXEC, F_DUPFD_CLOEXEC, dup3
 * O_CLOEXEC, pipe2 O_CLOEXEC, SOCK_CLOEXEC and F_SETFD close on exec;
 * plain dup/dup2 clear the flag; offsets and O_APPEND/O_NONBLOCK survive;
 * the offset stays shared with the parent across exec. */
#include "contract.h"
#include <sys/socket.h>
#include <sys/wait.h>

static int child(void) {
  for (int fd = 3; fd <= 12; fd++) {
    int fl = fcntl(fd, F_GETFD);
    if (fl < 0) { printf("fd %d: closed\n", fd); continue; }
    int st = fcntl(fd, F_GETFL);
    off_t off = lseek(fd, 0, SEEK_CUR);
    printf("fd %d: open cloexec=%d append=%d nonblock=%d off=%ld\n", fd, fl & FD_CLOEXEC, !!(st & O_APPEND),
           !!(st & O_NONBLOCK), off < 0 ? -1L : (long)off);
  }
  /* Moves the shared offset of fd 3 so the parent sees it. */
  lseek(3, 20, SEEK_SET);
  fflush(stdout);
  return 0;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "child") == 0) return child();
  for (int fd = 3; fd < 64; fd++) close(fd); /* whatever the runner left open */
  char f[128];
  snprintf(f, sizeof f, "%s", tmp_path("fdexec"));
  int a = open(f, O_CREAT | O_RDWR | O_TRUNC, 0600);            /* 3: inherited */
  write(a, "0123456789abcdefghijklmnopqrstuvwxyz", 36);
  lseek(a, 5, SEEK_SET);
  int b = open(f, O_RDONLY | O_CLOEXEC);                        /* 4: closed */
  int c = fcntl(a, F_DUPFD_CLOEXEC, 5);                         /* 5: closed */
  int d = dup(b);                                               /* 6: inherited (dup clears) */
  int e = open(f, O_WRONLY | O_APPEND | O_NONBLOCK);            /* 7: inherited */
  int g = dup3(e, 8, O_CLOEXEC);                                /* 8: closed */
  int p[2];
  pipe2(p, O_CLOEXEC);                                          /* 9, 10: closed */
  int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);       /* 11: closed */
  int h = open(f, O_RDONLY);                                    /* 12: F_SETFD → closed */
  fcntl(h, F_SETFD, FD_CLOEXEC);
  printf("fds %d %d %d %d %d %d %d %d %d %d\n", a, b, c, d, e, g, p[0], p[1], s, h);
  dup2(b, 4);                                                   /* same fd: flag kept */
  int getfd = fcntl(4, F_GETFD);
  printf("dup2 onto itself keeps cloexec: %d\n", getfd & FD_CLOEXEC);
  lseek(d, 7, SEEK_SET);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    execl("/proc/self/exe", argv[0], "child", (char *)NULL);
    execl(argv[0], argv[0], "child", (char *)NULL);
    _exit(127);
  }
  int status;
  waitpid(pid, &status, 0);
  expect_eq("child status", WEXITSTATUS(status), 0);
  expect_eq("offset moved by exec'd child", lseek(a, 0, SEEK_CUR), 20);
  unlink(f);
  return contract_end("v2_fd_exec");
}
