/* A sleeping F_SETLKW ends with EINTR when a handler without SA_RESTART
 * runs, is restarted (and keeps waiting) under SA_RESTART, and F_SETLKW
 * that would close a two-process cycle of waiters fails with EDEADLK. */
#include "lock_helpers.h"
#include <signal.h>
#include <sys/wait.h>

static void on_usr1(int sig) { (void)sig; }

/* Child: waits for [0,10) in F_SETLKW with the handler installed with `flags`, reports r/errno. */
static pid_t waiter(const char *path, int flags, int report) {
  pid_t pid = fork();
  if (pid == 0) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sa.sa_flags = flags;
    sigaction(SIGUSR1, &sa, NULL);
    close_inherited(report);
    int fd = open(path, O_RDWR);
    int r = range_lock(fd, F_SETLKW, F_WRLCK, 0, 10);
    int out[2] = {r, r < 0 ? errno : 0};
    write(report, out, sizeof out);
    _exit(0);
  }
  return pid;
}

int main(void) {
  const char *path = tmp_path("setlkw-intr");
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
  expect_ok("create", fd);
  int p[2];
  expect_ok("pipe", pipe(p));
  int out[2];

  expect_ok("parent lock", range_lock(fd, F_SETLK, F_WRLCK, 0, 10));
  pid_t pid = waiter(path, 0, p[1]);
  check("waiter sleeps", wait_sleeping(pid));
  kill(pid, SIGUSR1);
  expect_eq("report", read(p[0], out, sizeof out), sizeof out);
  expect_eq("setlkw ret", out[0], -1);
  printf("setlkw errno: %s\n", errno_name(out[1]));
  waitpid(pid, NULL, 0);

  pid = waiter(path, SA_RESTART, p[1]);
  check("restart waiter sleeps", wait_sleeping(pid));
  kill(pid, SIGUSR1);
  /* After the handler the call sleeps again: wait for that, then release. */
  check("sleeps again", wait_sleeping(pid));
  expect_ok("nonblock", fcntl(p[0], F_SETFL, O_NONBLOCK));
  expect_err("still waiting", read(p[0], out, sizeof out), EAGAIN);
  expect_ok("block", fcntl(p[0], F_SETFL, 0));
  expect_ok("unlock", range_lock(fd, F_SETLK, F_UNLCK, 0, 10));
  expect_eq("report 2", read(p[0], out, sizeof out), sizeof out);
  expect_eq("restarted setlkw ret", out[0], 0);
  waitpid(pid, NULL, 0);

  /* Deadlock: parent holds [0,1), child holds [1,2) and waits for [0,1);
   * the parent asking for [1,2) would wait for a waiter that waits for it. */
  int q[2];
  pipe(q);
  expect_ok("parent lock byte 0", range_lock(fd, F_SETLK, F_WRLCK, 0, 1));
  pid = fork();
  if (pid == 0) {
    int cfd = open(path, O_RDWR);
    range_lock(cfd, F_SETLK, F_WRLCK, 1, 1);
    write(q[1], "x", 1);
    int r = range_lock(cfd, F_SETLKW, F_WRLCK, 0, 1);
    int o[2] = {r, r < 0 ? errno : 0};
    write(p[1], o, sizeof o);
    _exit(0);
  }
  char c;
  read(q[0], &c, 1);
  check("child waits for byte 0", wait_sleeping(pid));
  int r = range_lock(fd, F_SETLKW, F_WRLCK, 1, 1);
  printf("setlkw byte 1: %s\n", r == 0 ? "OK" : errno == EDEADLK ? "EDEADLK" : errno_name(errno));
  if (r != -1 || errno != EDEADLK) fail("setlkw byte 1 should be EDEADLK");
  expect_err("setlk byte 1", range_lock(fd, F_SETLK, F_WRLCK, 1, 1), EAGAIN);
  /* A free range still works. */
  expect_ok("setlkw byte 5", range_lock(fd, F_SETLKW, F_WRLCK, 5, 1));
  expect_ok("release byte 0", range_lock(fd, F_SETLK, F_UNLCK, 0, 1));
  expect_eq("child report", read(p[0], out, sizeof out), sizeof out);
  expect_eq("child setlkw ret", out[0], 0);
  waitpid(pid, NULL, 0);
  close(fd);
  unlink(path);
  return contract_end("fcntl_setlkw_eintr");
}
