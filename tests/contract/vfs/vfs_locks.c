/* flock(2) between two open file descriptions (EWOULDBLOCK with LOCK_NB,
 * shared locks coexist, unlock frees), and fcntl record locks between a
 * parent and child: F_GETLK reports the holder's range and type, F_SETLK
 * fails with EAGAIN on conflict, a close of any descriptor for the file
 * drops the process's locks; EBADF for a write lock on a read-only fd. */
#include "contract.h"
#include <sys/file.h>
#include <sys/wait.h>

static int lock(int fd, int cmd, short type, off_t start, off_t len) {
  struct flock fl = {.l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len};
  return fcntl(fd, cmd, &fl);
}

int main(void) {
  char f[128];
  snprintf(f, sizeof f, "%s", tmp_path("locks"));
  int a = open(f, O_CREAT | O_RDWR, 0600);
  int b = open(f, O_RDWR);
  expect_ok("flock ex", flock(a, LOCK_EX));
  expect_err("flock ex other nb", flock(b, LOCK_EX | LOCK_NB), EWOULDBLOCK);
  expect_err("flock sh other nb", flock(b, LOCK_SH | LOCK_NB), EWOULDBLOCK);
  expect_ok("flock ex again same", flock(a, LOCK_EX));
  expect_ok("flock un", flock(a, LOCK_UN));
  expect_ok("flock sh a", flock(a, LOCK_SH));
  expect_ok("flock sh b", flock(b, LOCK_SH | LOCK_NB));
  expect_err("flock ex b nb", flock(b, LOCK_EX | LOCK_NB), EWOULDBLOCK);
  expect_err("flock bad op", flock(a, 0), EINVAL);
  expect_err("flock bad fd", flock(99, LOCK_SH), EBADF);
  flock(a, LOCK_UN);
  flock(b, LOCK_UN);

  expect_ok("setlk write 10..19", lock(a, F_SETLK, F_WRLCK, 10, 10));
  expect_ok("setlk read 100..", lock(a, F_SETLK, F_RDLCK, 100, 0));
  fflush(stdout);
  int up[2], down[2]; /* child → parent, parent → child */
  pipe(up);
  pipe(down);
  pid_t pid = fork();
  if (pid == 0) {
    int c = open(f, O_RDWR);
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 50};
    fcntl(c, F_GETLK, &fl);
    printf("child getlk: type %s start %ld len %ld pid ok %d\n", fl.l_type == F_WRLCK ? "W" : fl.l_type == F_RDLCK ? "R" : "U",
           (long)fl.l_start, (long)fl.l_len, fl.l_pid == getppid());
    printf("child setlk conflict: %s\n", lock(c, F_SETLK, F_WRLCK, 15, 1) < 0 ? errno_name(errno) : "OK");
    printf("child setlk free range: %s\n", lock(c, F_SETLK, F_WRLCK, 20, 5) < 0 ? errno_name(errno) : "OK");
    printf("child read lock over read lock: %s\n", lock(c, F_SETLK, F_RDLCK, 200, 10) < 0 ? errno_name(errno) : "OK");
    printf("child write over read lock: %s\n", lock(c, F_SETLK, F_WRLCK, 150, 1) < 0 ? errno_name(errno) : "OK");
    fflush(stdout);
    write(up[1], "x", 1);
    char ch;
    read(down[0], &ch, 1); /* wait for the parent's close */
    printf("child after parent close: %s\n", lock(c, F_SETLK, F_WRLCK, 10, 10) < 0 ? errno_name(errno) : "OK");
    fflush(stdout);
    _exit(0);
  }
  char ch;
  read(up[0], &ch, 1);
  close(b); /* any close of the file drops this process's record locks */
  write(down[1], "y", 1);
  int status;
  waitpid(pid, &status, 0);
  int ro = open(f, O_RDONLY);
  expect_err("write lock on read-only fd", lock(ro, F_SETLK, F_WRLCK, 0, 1), EBADF);
  expect_ok("read lock on read-only fd", lock(ro, F_SETLK, F_RDLCK, 0, 1));
  expect_err("bad type", lock(ro, F_SETLK, 7, 0, 1), EINVAL);
  struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
  expect_ok("own locks do not conflict", fcntl(ro, F_GETLK, &fl));
  expect_eq("getlk unlocked", fl.l_type, F_UNLCK);
  close(ro);
  close(a);
  unlink(f);
  return contract_end("vfs_locks");
}
