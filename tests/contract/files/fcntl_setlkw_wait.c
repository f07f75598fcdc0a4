/* F_SETLKW sleeps while another process holds a conflicting lock and takes
 * the lock once it is released (by F_UNLCK, by close, or by the holder's
 * exit); F_OFD_SETLKW does the same between two open file descriptions. */
#include "lock_helpers.h"
#include <sys/wait.h>

/* Child: tells the parent it is about to block, blocks in `cmd`, then reports. */
static pid_t blocked_child(const char *path, int cmd, int report) {
  pid_t pid = fork();
  if (pid == 0) {
    close_inherited(report);
    int fd = open(path, O_RDWR);
    int r = range_lock(fd, cmd, F_WRLCK, 0, 10);
    char c = r == 0 ? 'L' : 'E';
    write(report, &c, 1);
    _exit(0);
  }
  return pid;
}

int main(void) {
  const char *path = tmp_path("setlkw");
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
  expect_ok("create", fd);
  expect_ok("write", write(fd, "0123456789", 10));
  int p[2];
  expect_ok("pipe", pipe(p));

  /* 1. Released by F_UNLCK. */
  expect_ok("parent lock", range_lock(fd, F_SETLK, F_WRLCK, 0, 5));
  pid_t pid = blocked_child(path, F_SETLKW, p[1]);
  check("child sleeps", wait_sleeping(pid));
  char c = 0;
  expect_ok("nonblocking pipe", fcntl(p[0], F_SETFL, O_NONBLOCK));
  expect_err("child still waiting", read(p[0], &c, 1), EAGAIN);
  expect_ok("parent unlock", range_lock(fd, F_SETLK, F_UNLCK, 0, 5));
  expect_ok("blocking pipe", fcntl(p[0], F_SETFL, 0));
  expect_eq("child got lock", read(p[0], &c, 1), 1);
  check("child result L", c == 'L');
  waitpid(pid, NULL, 0);

  /* 2. Released by close of any descriptor of the file in the holder. */
  expect_ok("parent lock again", range_lock(fd, F_SETLK, F_RDLCK, 3, 1));
  pid = blocked_child(path, F_SETLKW, p[1]);
  check("child sleeps 2", wait_sleeping(pid));
  int other = open(path, O_RDONLY);
  close(other); /* drops every POSIX lock this process holds on the file */
  expect_eq("child got lock 2", read(p[0], &c, 1), 1);
  check("child result L 2", c == 'L');
  waitpid(pid, NULL, 0);

  /* 3. Released by the holder's exit: a lock-holding child dies, a second child waits. */
  int q[2];
  pipe(q);
  pid_t holder = fork();
  if (holder == 0) {
    int hfd = open(path, O_RDWR);
    range_lock(hfd, F_SETLK, F_WRLCK, 0, 0);
    write(q[1], "h", 1);
    pause();
    _exit(0);
  }
  read(q[0], &c, 1);
  struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1};
  expect_ok("getlk", fcntl(fd, F_GETLK, &fl));
  check("holder's lock seen", fl.l_type == F_WRLCK && fl.l_pid == holder);
  pid = blocked_child(path, F_SETLKW, p[1]);
  check("child sleeps 3", wait_sleeping(pid));
  kill(holder, SIGKILL);
  waitpid(holder, NULL, 0);
  expect_eq("child got lock 3", read(p[0], &c, 1), 1);
  check("child result L 3", c == 'L');
  waitpid(pid, NULL, 0);

  /* 4. OFD locks: a second description in the same process waits in a child. */
  int ofd = open(path, O_RDWR);
  expect_ok("ofd lock", range_lock(ofd, F_OFD_SETLK, F_WRLCK, 0, 10));
  pid = blocked_child(path, F_OFD_SETLKW, p[1]);
  check("child sleeps 4", wait_sleeping(pid));
  close(ofd);
  expect_eq("child got lock 4", read(p[0], &c, 1), 1);
  check("child result L 4", c == 'L');
  waitpid(pid, NULL, 0);

  /* F_SETLKW on a free range does not sleep. */
  expect_ok("free setlkw", range_lock(fd, F_SETLKW, F_WRLCK, 0, 0));
  close(fd);
  unlink(path);
  return contract_end("fcntl_setlkw_wait");
}
