/* splice's argument checks and the non-blocking cases. */
#include "contract.h"
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static long sp(int in, loff_t *oi, int out, loff_t *oo, size_t len, unsigned flags) {
  return syscall(SYS_splice, in, oi, out, oo, len, flags);
}

int main(void) {
  char path[128];
  strcpy(path, tmp_path("splerr"));
  int f = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
  write(f, "data", 4);
  lseek(f, 0, SEEK_SET);
  int g = open("hello.txt", O_RDONLY);
  int p[2], q[2];
  pipe(p);
  pipe(q);
  loff_t off = 0;

  expect_eq("len 0", sp(f, NULL, g, NULL, 0, 0), 0);
  expect_err("no pipe", sp(g, NULL, f, NULL, 4, 0), EINVAL);
  expect_err("bad flags", sp(f, NULL, p[1], NULL, 4, 0x100), EINVAL);
  expect_err("bad fd in", sp(99, NULL, p[1], NULL, 4, 0), EBADF);
  expect_err("bad fd out", sp(f, NULL, 99, NULL, 4, 0), EBADF);
  expect_err("offset on pipe in", sp(p[0], &off, f, NULL, 4, 0), ESPIPE);
  expect_err("offset on pipe out", sp(f, NULL, p[1], &off, 4, 0), ESPIPE);
  expect_err("offset on both pipes", sp(p[0], &off, q[1], NULL, 4, 0), ESPIPE);
  expect_err("bad offset pointer", sp(f, BAD_PTR, p[1], NULL, 4, 0), EFAULT);
  expect_err("read end as output", sp(f, NULL, p[0], NULL, 4, 0), EBADF);
  expect_err("write end as input", sp(p[1], NULL, f, NULL, 4, 0), EBADF);
  int wo = open(path, O_WRONLY);
  expect_err("write-only file as input", sp(wo, NULL, p[1], NULL, 4, 0), EBADF);
  expect_err("read-only file as output", sp(p[0], NULL, g, NULL, 4, 0), EBADF);
  expect_err("same pipe", sp(p[0], NULL, p[1], NULL, 4, 0), EINVAL);
  off = -1;
  expect_err("negative offset in", sp(f, &off, p[1], NULL, 4, 0), EINVAL);

  int a = open(path, O_WRONLY | O_APPEND);
  write(p[1], "zz", 2);
  off = 0;
  expect_err("O_APPEND output with offset", sp(p[0], NULL, a, &off, 2, 0), EINVAL);
  expect_err("O_APPEND output without offset", sp(p[0], NULL, a, NULL, 2, 0), EINVAL);
  char buf[8];
  expect_eq("pipe data kept", read(p[0], buf, sizeof buf), 2);

  /* Non-blocking: empty input pipe, full output pipe. */
  expect_err("NONBLOCK empty pipe -> file", sp(p[0], NULL, f, NULL, 4, SPLICE_F_NONBLOCK), EAGAIN);
  expect_err("NONBLOCK empty pipe -> pipe", sp(p[0], NULL, q[1], NULL, 4, SPLICE_F_NONBLOCK), EAGAIN);
  fcntl(q[1], F_SETFL, O_NONBLOCK);
  static char big[65536];
  long filled = 0, r;
  while ((r = write(q[1], big, sizeof big)) > 0) filled += r;
  expect_eq("pipe filled", filled, 65536);
  fcntl(q[1], F_SETFL, 0);
  expect_err("NONBLOCK file -> full pipe", sp(f, NULL, q[1], NULL, 4, SPLICE_F_NONBLOCK), EAGAIN);
  int s[2];
  pipe(s);
  write(s[1], "k", 1);
  expect_err("NONBLOCK pipe -> full pipe", sp(s[0], NULL, q[1], NULL, 1, SPLICE_F_NONBLOCK), EAGAIN);
  fcntl(p[0], F_SETFL, O_NONBLOCK);
  expect_err("O_NONBLOCK input pipe", sp(p[0], NULL, f, NULL, 4, 0), EAGAIN);

  /* No readers on the output: EPIPE (SIGPIPE ignored). */
  signal(SIGPIPE, SIG_IGN);
  int r2[2];
  pipe(r2);
  close(r2[0]);
  expect_err("no readers", sp(f, NULL, r2[1], NULL, 4, 0), EPIPE);

  /* EOF: an empty pipe without writers gives 0; a file at EOF gives 0. */
  close(p[1]);
  expect_eq("empty pipe no writers", sp(p[0], NULL, f, NULL, 4, SPLICE_F_NONBLOCK), 0);
  int t[2];
  pipe(t);
  lseek(f, 0, SEEK_END);
  expect_eq("file at EOF", sp(f, NULL, t[1], NULL, 4, 0), 0);
  unlink(path);
  return contract_end("splice_errors");
}
