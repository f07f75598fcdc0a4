/* fsync/fdatasync/sync_file_range/syncfs on each kind of descriptor: a
 * regular file and a directory succeed (also read-only), pipes, sockets,
 * eventfds and /dev/null are EINVAL, O_PATH fds and bad fds EBADF;
 * sync_file_range on a pipe is ESPIPE, with bad flags or a negative range
 * EINVAL; syncfs works on any open fd. */
#include "contract.h"
#include <sys/eventfd.h>
#include <sys/socket.h>

static void both(const char *what, int fd, int want) {
  char buf[96];
  snprintf(buf, sizeof buf, "fsync %s", what);
  if (want) expect_err(buf, fsync(fd), want); else expect_ok(buf, fsync(fd));
  snprintf(buf, sizeof buf, "fdatasync %s", what);
  if (want) expect_err(buf, fdatasync(fd), want); else expect_ok(buf, fdatasync(fd));
}

int main(void) {
  char f[128];
  snprintf(f, sizeof f, "%s", tmp_path("fsync"));
  int fd = open(f, O_CREAT | O_RDWR, 0644);
  write(fd, "data", 4);
  both("file", fd, 0);
  int ro = open(f, O_RDONLY);
  both("read-only file", ro, 0);
  int d = open("/tmp", O_RDONLY | O_DIRECTORY);
  both("directory", d, 0);
  int p[2];
  pipe(p);
  both("pipe read end", p[0], EINVAL);
  both("pipe write end", p[1], EINVAL);
  int s[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, s);
  both("socket", s[0], EINVAL);
  int e = eventfd(0, 0);
  both("eventfd", e, EINVAL);
  int n = open("/dev/null", O_RDWR);
  both("/dev/null", n, EINVAL);
  int op = open(f, O_PATH);
  both("O_PATH", op, EBADF);
  both("closed fd", 99, EBADF);
  expect_ok("sync_file_range file", sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE));
  expect_err("sync_file_range pipe", sync_file_range(p[1], 0, 0, SYNC_FILE_RANGE_WRITE), ESPIPE);
  expect_err("sync_file_range bad flags", sync_file_range(fd, 0, 0, 0x10), EINVAL);
  expect_err("sync_file_range negative", sync_file_range(fd, -1, 0, SYNC_FILE_RANGE_WRITE), EINVAL);
  expect_err("sync_file_range bad fd", sync_file_range(99, 0, 0, SYNC_FILE_RANGE_WRITE), EBADF);
  expect_ok("syncfs file", syncfs(fd));
  expect_ok("syncfs pipe", syncfs(p[0]));
  expect_ok("syncfs socket", syncfs(s[0]));
  expect_err("syncfs bad fd", syncfs(99), EBADF);
  close(fd); close(ro); close(d); close(e); close(n); close(op);
  unlink(f);
  return contract_end("v2_fsync_kinds");
}
