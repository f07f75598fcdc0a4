/* flock(LOCK_EX) without LOCK_NB sleeps until the holder's open file
 * description unlocks or is closed; shared locks coexist; a conversion
 * waits too; a signal ends the sleep with EINTR (no SA_RESTART). */
#include "lock_helpers.h"
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>

static void on_usr1(int sig) { (void)sig; }

/* Child: opens the file, flock(op), reports result and errno. */
static pid_t locker(const char *path, int op, int report) {
  pid_t pid = fork();
  if (pid == 0) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    close_inherited(report);
    int fd = open(path, O_RDONLY);
    int r = flock(fd, op);
    int out[2] = {r, r < 0 ? errno : 0};
    write(report, out, sizeof out);
    _exit(0);
  }
  return pid;
}

int main(void) {
  const char *path = tmp_path("flock-block");
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
  expect_ok("create", fd);
  int p[2];
  expect_ok("pipe", pipe(p));
  int out[2];

  expect_ok("parent LOCK_EX", flock(fd, LOCK_EX));
  pid_t pid = locker(path, LOCK_EX, p[1]);
  check("child sleeps", wait_sleeping(pid));
  expect_ok("nonblock", fcntl(p[0], F_SETFL, O_NONBLOCK));
  expect_err("child still waiting", read(p[0], out, sizeof out), EAGAIN);
  expect_ok("block", fcntl(p[0], F_SETFL, 0));
  expect_ok("parent LOCK_UN", flock(fd, LOCK_UN));
  expect_eq("child report", read(p[0], out, sizeof out), sizeof out);
  expect_eq("child flock ret", out[0], 0);
  waitpid(pid, NULL, 0);

  /* Shared locks coexist; an exclusive request waits for the close of the holder's description. */
  expect_ok("parent LOCK_SH", flock(fd, LOCK_SH));
  pid = locker(path, LOCK_SH, p[1]);
  expect_eq("shared report", read(p[0], out, sizeof out), sizeof out);
  expect_eq("shared flock ret", out[0], 0);
  waitpid(pid, NULL, 0);
  pid = locker(path, LOCK_EX, p[1]);
  check("exclusive child sleeps", wait_sleeping(pid));
  int dupfd = dup(fd);
  close(fd); /* the description lives on through dupfd: the lock stays */
  expect_ok("nonblock 2", fcntl(p[0], F_SETFL, O_NONBLOCK));
  expect_err("still waiting after close of one fd", read(p[0], out, sizeof out), EAGAIN);
  expect_ok("block 2", fcntl(p[0], F_SETFL, 0));
  close(dupfd);
  expect_eq("exclusive report", read(p[0], out, sizeof out), sizeof out);
  expect_eq("exclusive flock ret", out[0], 0);
  waitpid(pid, NULL, 0);

  /* EINTR. */
  fd = open(path, O_RDWR);
  expect_ok("parent LOCK_EX again", flock(fd, LOCK_EX));
  pid = locker(path, LOCK_SH, p[1]);
  check("shared child sleeps", wait_sleeping(pid));
  kill(pid, SIGUSR1);
  expect_eq("eintr report", read(p[0], out, sizeof out), sizeof out);
  expect_eq("eintr ret", out[0], -1);
  printf("eintr errno: %s\n", errno_name(out[1]));
  waitpid(pid, NULL, 0);
  int fd2 = open(path, O_RDONLY);
  expect_err("LOCK_SH|LOCK_NB", flock(fd2, LOCK_SH | LOCK_NB), EWOULDBLOCK);
  close(fd2);
  close(fd);
  unlink(path);
  return contract_end("flock_block");
}
