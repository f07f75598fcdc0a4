/* The umask: inherited by fork and kept across execve (the program
 * re-executes itself and reports), applied to open, mkdir, mknod (FIFO),
 * O_TMPFILE and bind of a unix socket, never to symlinks (0777) or to
 * chmod; the previous value is returned; only the 0777 bits count; shown
 * in /proc/self/status. */
#include "contract.h"
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

static int status_umask(void) {
  FILE *fp = fopen("/proc/self/status", "r");
  if (!fp) return -1;
  char line[256];
  int v = -1;
  while (fgets(line, sizeof line, fp))
    if (strncmp(line, "Umask:", 6) == 0) v = (int)strtol(line + 6, NULL, 8);
  fclose(fp);
  return v;
}

static void mode_of(const char *what, const char *path) {
  struct stat st;
  if (lstat(path, &st) != 0) { printf("%s: %s\n", what, errno_name(errno)); return; }
  printf("%s: %o\n", what, st.st_mode & 07777);
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "child") == 0) {
    mode_t m = umask(0);
    printf("after exec: %o (status %o)\n", m, status_umask() == 0 ? 0 : 1);
    fflush(stdout);
    return 0;
  }
  umask(0123);
  mode_t old = umask(07777);
  printf("old %o\n", old);
  printf("only 0777 kept: %o\n", umask(0027));
  printf("status %o\n", status_umask());
  char base[128], p[192];
  snprintf(base, sizeof base, "%s", tmp_path("umask"));
  mkdir(base, 0777);
  mode_of("mkdir 0777", base);
  snprintf(p, sizeof p, "%s/file", base);
  close(open(p, O_CREAT | O_WRONLY, 0666));
  mode_of("open 0666", p);
  expect_ok("chmod ignores umask", chmod(p, 0666));
  mode_of("after chmod", p);
  snprintf(p, sizeof p, "%s/fifo", base);
  mkfifo(p, 0666);
  mode_of("mkfifo 0666", p);
  snprintf(p, sizeof p, "%s/sym", base);
  symlink("x", p);
  mode_of("symlink", p);
  int t = open(base, O_TMPFILE | O_RDWR, 0666);
  struct stat st;
  fstat(t, &st);
  printf("O_TMPFILE 0666: %o\n", st.st_mode & 0777);
  close(t);
  snprintf(p, sizeof p, "%s/sock", base);
  int s = socket(AF_UNIX, SOCK_STREAM, 0);
  struct sockaddr_un sa = {.sun_family = AF_UNIX};
  strncpy(sa.sun_path, p, sizeof sa.sun_path - 1);
  expect_ok("bind", bind(s, (struct sockaddr *)&sa, sizeof sa));
  mode_of("socket", p);
  close(s);
  umask(0077);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    printf("forked child sees %o\n", umask(0));
    fflush(stdout);
    _exit(0);
  }
  waitpid(pid, NULL, 0);
  printf("parent still %o\n", umask(0077));
  fflush(stdout);
  umask(0055);
  pid = fork();
  if (pid == 0) {
    execl("/proc/self/exe", argv[0], "child", (char *)NULL);
    _exit(127);
  }
  int status;
  waitpid(pid, &status, 0);
  expect_eq("exec child", WEXITSTATUS(status), 0);
  const char *names[] = {"file", "fifo", "sym", "sock"};
  for (int i = 0; i < 4; i++) {
    snprintf(p, sizeof p, "%s/%s", base, names[i]);
    unlink(p);
  }
  expect_ok("cleanup", rmdir(base));
  return contract_end("v2_umask_inherit");
}
