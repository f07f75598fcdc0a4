/* truncate/ftruncate/fallocate errors and modes: negative lengths (EINVAL),
 * a directory (EISDIR), ftruncate on a read-only fd or a pipe (EINVAL), a
 * bad fd (EBADF), RLIMIT_FSIZE (EFBIG, with SIGXFSZ ignored, for truncate
 * and for a write that starts at the limit; a write across it is cut
 * short); fallocate: len 0 and negative offset (EINVAL), PUNCH_HOLE without
 * KEEP_SIZE (EOPNOTSUPP), PUNCH_HOLE|KEEP_SIZE zeroes the range, a
 * read-only fd or a directory fd (EBADF: not open for writing), a pipe
 * (ESPIPE), unknown modes (EOPNOTSUPP). */
#include "contract.h"
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>

int main(void) {
  char f[128];
  snprintf(f, sizeof f, "%s", tmp_path("trunc"));
  int fd = open(f, O_CREAT | O_RDWR | O_TRUNC, 0644);
  struct stat st;
  expect_err("truncate negative", truncate(f, -1), EINVAL);
  expect_err("ftruncate negative", ftruncate(fd, -1), EINVAL);
  expect_err("truncate dir", truncate("/tmp", 0), EISDIR);
  expect_err("truncate missing", truncate("/tmp/aramid-no-such-file", 0), ENOENT);
  int ro = open(f, O_RDONLY);
  expect_err("ftruncate read-only fd", ftruncate(ro, 10), EINVAL);
  int p[2];
  pipe(p);
  expect_err("ftruncate pipe", ftruncate(p[1], 0), EINVAL);
  expect_err("ftruncate bad fd", ftruncate(99, 0), EBADF);
  int dfd = open("/tmp", O_RDONLY | O_DIRECTORY);
  expect_err("ftruncate dir fd", ftruncate(dfd, 0), EINVAL);

  signal(SIGXFSZ, SIG_IGN);
  struct rlimit rl = {1000, RLIM_INFINITY}, old;
  getrlimit(RLIMIT_FSIZE, &old);
  setrlimit(RLIMIT_FSIZE, &rl);
  expect_err("truncate past RLIMIT_FSIZE", ftruncate(fd, 2000), EFBIG);
  expect_ok("truncate at the limit", ftruncate(fd, 1000));
  expect_err("write at the limit", pwrite(fd, "x", 1, 1000), EFBIG);
  char big[64];
  memset(big, 'b', sizeof big);
  expect_eq("write across the limit is cut", pwrite(fd, big, sizeof big, 990), 10);
  setrlimit(RLIMIT_FSIZE, &old);
  signal(SIGXFSZ, SIG_DFL);

  ftruncate(fd, 0);
  char data[8192];
  memset(data, 'd', sizeof data);
  write(fd, data, sizeof data);
  expect_err("fallocate len 0", fallocate(fd, 0, 0, 0), EINVAL);
  expect_err("fallocate negative offset", fallocate(fd, 0, -1, 10), EINVAL);
  expect_err("punch without keep size", fallocate(fd, FALLOC_FL_PUNCH_HOLE, 0, 4096), EOPNOTSUPP);
  expect_ok("punch hole", fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 4096, 4096));
  fstat(fd, &st);
  expect_eq("size kept", st.st_size, 8192);
  char back[8192];
  pread(fd, back, sizeof back, 0);
  check("before hole intact", back[4095] == 'd');
  check("hole zeroed", back[4096] == 0 && back[8191] == 0);
  expect_ok("punch partial page", fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 10, 20));
  pread(fd, back, 40, 0);
  check("partial zeroed", back[9] == 'd' && back[10] == 0 && back[29] == 0 && back[30] == 'd');
  expect_ok("keep size beyond end", fallocate(fd, FALLOC_FL_KEEP_SIZE, 8192, 8192));
  fstat(fd, &st);
  expect_eq("size after keep size", st.st_size, 8192);
  expect_ok("grow", fallocate(fd, 0, 8192, 100));
  fstat(fd, &st);
  expect_eq("size after grow", st.st_size, 8292);
  expect_err("fallocate read-only fd", fallocate(ro, 0, 0, 10), EBADF);
  expect_err("fallocate pipe", fallocate(p[1], 0, 0, 10), ESPIPE);
  expect_err("fallocate dir", fallocate(dfd, 0, 0, 10), EBADF);
  expect_err("fallocate unknown mode", fallocate(fd, 0x4000, 0, 10), EOPNOTSUPP);
  expect_err("fallocate bad fd", fallocate(99, 0, 0, 10), EBADF);
  close(dfd);
  close(ro);
  close(fd);
  unlink(f);
  return contract_end("v2_truncate");
}
