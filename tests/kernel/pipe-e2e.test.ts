// Pipes end to end (DESIGN.md §7, oracle 1): one C program, compiled for the
// host (run natively: the reference) and for riscv64 (run in Aramid), must
// print the same facts. It forks and talks to its children through pipes,
// checks EOF, EPIPE with SIGPIPE ignored and death by SIGPIPE otherwise,
// PIPE_BUF atomicity between two writers, capacity and F_SETPIPE_SZ,
// packet mode, fstat/lseek/FIONREAD, pipe2's errors and close_range.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { BUILD, describe, haveTool, runAramid, runNative, skipWithoutAramid } from "../harness/run.js";

const DIR = join(BUILD, "pipe-e2e");
const ROOTFS = join(DIR, "root");

const SOURCE = String.raw`
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SYS_close_range
#define SYS_close_range 436
#endif

static int failed;

static const char *en(int e) {
  switch (e) {
    case 0: return "OK";
    case EAGAIN: return "EAGAIN";
    case EBADF: return "EBADF";
    case EBUSY: return "EBUSY";
    case EFAULT: return "EFAULT";
    case EINTR: return "EINTR";
    case EINVAL: return "EINVAL";
    case EMFILE: return "EMFILE";
    case EPERM: return "EPERM";
    case EPIPE: return "EPIPE";
    case ESPIPE: return "ESPIPE";
    default: return "E?";
  }
}

static void check(const char *what, int ok) {
  printf("%s: %s\n", what, ok ? "yes" : "no");
  if (!ok) failed = 1;
}

/* Prints a call's result and errno name; fails when it is not what Linux gives. */
static void expect(const char *what, long got, long want, int want_errno) {
  int e = got < 0 ? errno : 0;
  printf("%s: %ld %s\n", what, got, en(e));
  if (got != want || e != want_errno) failed = 1;
}

static void basic(void) {
  int p[2];
  char buf[16] = {0};
  expect("pipe", pipe(p), 0, 0);
  expect("F_GETFL read end", fcntl(p[0], F_GETFL), O_RDONLY, 0);
  expect("F_GETFL write end", fcntl(p[1], F_GETFL), O_WRONLY, 0);
  expect("write hello", write(p[1], "hello", 5), 5, 0);
  expect("read hello", read(p[0], buf, sizeof buf), 5, 0);
  check("hello read back", memcmp(buf, "hello", 5) == 0);
  expect("write on the read end", write(p[0], "x", 1), -1, EBADF);
  expect("read on the write end", read(p[1], buf, 1), -1, EBADF);
  expect("lseek", lseek(p[0], 0, SEEK_SET), -1, ESPIPE);
  expect("pread", pread(p[0], buf, 1, 0), -1, ESPIPE);
  expect("pwrite", pwrite(p[1], buf, 1, 0), -1, ESPIPE);
  struct iovec iov[3] = {{"ab", 2}, {"", 0}, {"cde", 3}};
  expect("writev", writev(p[1], iov, 3), 5, 0);
  int n = -1;
  expect("FIONREAD", ioctl(p[0], FIONREAD, &n), 0, 0);
  expect("FIONREAD count", n, 5, 0);
  memset(buf, 0, sizeof buf);
  expect("read writev data", read(p[0], buf, sizeof buf), 5, 0);
  check("writev data in order", strcmp(buf, "abcde") == 0);
  close(p[1]);
  expect("read at EOF", read(p[0], buf, sizeof buf), 0, 0);
  close(p[0]);
}

static void stats(void) {
  int p[2], q[2];
  struct stat a, b, c;
  pipe(p);
  pipe(q);
  fstat(p[0], &a);
  fstat(p[1], &b);
  fstat(q[0], &c);
  check("S_ISFIFO", S_ISFIFO(a.st_mode));
  printf("mode: %o\n", (unsigned)(a.st_mode & 07777));
  printf("st_size: %ld\n", (long)a.st_size);
  printf("st_blksize: %ld\n", (long)a.st_blksize);
  printf("st_nlink: %ld\n", (long)a.st_nlink);
  check("st_uid is the creator's", a.st_uid == geteuid());
  check("both ends one inode", a.st_ino == b.st_ino && a.st_dev == b.st_dev);
  check("another pipe another inode", a.st_ino != c.st_ino && a.st_dev == c.st_dev);
  close(p[0]); close(p[1]); close(q[0]); close(q[1]);
}

static void capacity(void) {
  int p[2];
  static char page[65536 * 2];
  expect("pipe2 O_NONBLOCK", pipe2(p, O_NONBLOCK), 0, 0);
  expect("empty read", read(p[0], page, 1), -1, EAGAIN);
  expect("F_GETPIPE_SZ", fcntl(p[0], F_GETPIPE_SZ), 65536, 0);
  int n = 0;
  while (write(p[1], page, 4096) == 4096) n++;
  printf("page writes that fit: %d (%s)\n", n, en(errno));
  while (read(p[0], page, sizeof page) > 0) {}
  n = 0;
  while (write(p[1], page, 4000) == 4000) n++;
  printf("4000-byte writes that fit: %d\n", n);
  expect("96 more merge", write(p[1], page, 96), 96, 0);
  expect("then nothing", write(p[1], page, 1), -1, EAGAIN);
  while (read(p[0], page, sizeof page) > 0) {}
  expect("large write is partial", write(p[1], page, 100000), 65536, 0);
  while (read(p[0], page, sizeof page) > 0) {}
  expect("F_SETPIPE_SZ 100000", fcntl(p[1], F_SETPIPE_SZ, 100000), 131072, 0);
  expect("F_SETPIPE_SZ 0", fcntl(p[1], F_SETPIPE_SZ, 0), 4096, 0);
  expect("one slot", write(p[1], page, 8192), 4096, 0);
  expect("F_SETPIPE_SZ 8192", fcntl(p[1], F_SETPIPE_SZ, 8192), 8192, 0);
  expect("second slot", write(p[1], page, 8192), 4096, 0);
  expect("shrink below content", fcntl(p[1], F_SETPIPE_SZ, 4096), -1, EBUSY);
  expect("F_GETPIPE_SZ after", fcntl(p[0], F_GETPIPE_SZ), 8192, 0);
  expect("F_SETPIPE_SZ 1 MiB", fcntl(p[1], F_SETPIPE_SZ, 1 << 20), 1 << 20, 0);
  int dir = open("/", O_RDONLY);
  expect("F_GETPIPE_SZ on a directory", fcntl(dir, F_GETPIPE_SZ), -1, EBADF);
  close(dir);
  close(p[0]); close(p[1]);
}

static void packets(void) {
  int p[2];
  char buf[100];
  expect("pipe2 O_DIRECT", pipe2(p, O_DIRECT | O_NONBLOCK), 0, 0);
  write(p[1], "abc", 3);
  write(p[1], "defg", 4);
  write(p[1], "0123456789", 10);
  expect("packet 1", read(p[0], buf, sizeof buf), 3, 0);
  expect("packet 2", read(p[0], buf, sizeof buf), 4, 0);
  expect("part of packet 3", read(p[0], buf, 6), 6, 0);
  expect("its rest is gone", read(p[0], buf, sizeof buf), -1, EAGAIN);
  close(p[0]); close(p[1]);
}

static void broken(void) {
  int p[2];
  pipe(p);
  close(p[0]);
  signal(SIGPIPE, SIG_IGN);
  expect("write without readers", write(p[1], "x", 1), -1, EPIPE);
  signal(SIGPIPE, SIG_DFL);
  pid_t pid = fork();
  if (pid == 0) {
    write(p[1], "x", 1);
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  check("child killed by SIGPIPE", WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE);
  close(p[1]);
}

static unsigned hash_step(unsigned h, unsigned char c) { return h * 31 + c; }

/* The parent streams a pattern to a child, which reads to EOF and reports back. */
static void transfer(void) {
  int down[2], up[2];
  const long total = 300000;
  pipe(down);
  pipe(up);
  pid_t pid = fork();
  if (pid == 0) {
    close(down[1]);
    close(up[0]);
    static char buf[3000];
    long got = 0;
    unsigned h = 0;
    int sizes[] = {1, 700, 3000, 4096, 13};
    for (int i = 0;; i++) {
      ssize_t r = read(down[0], buf, sizes[i % 5] < (int)sizeof buf ? sizes[i % 5] : (int)sizeof buf);
      if (r <= 0) break;
      for (ssize_t j = 0; j < r; j++) h = hash_step(h, (unsigned char)buf[j]);
      got += r;
    }
    dprintf(up[1], "%ld %u", got, h);
    _exit(0);
  }
  close(down[0]);
  close(up[1]);
  static char src[8192 + 100];
  unsigned want = 0;
  for (long i = 0; i < total; i++) want = hash_step(want, (unsigned char)(i * 7 + 1));
  long sent = 0;
  while (sent < total) {
    long n = total - sent < 7000 ? total - sent : 7000;
    for (long i = 0; i < n; i++) src[100 + i] = (char)((sent + i) * 7 + 1);
    ssize_t w = write(down[1], src + 100, n);
    if (w <= 0) break;
    sent += w;
  }
  close(down[1]);
  char reply[64] = {0};
  long got = 0;
  unsigned h = 0;
  read(up[0], reply, sizeof reply - 1);
  sscanf(reply, "%ld %u", &got, &h);
  int status = 0;
  waitpid(pid, &status, 0);
  printf("transfer: sent %ld, child got %ld\n", sent, got);
  check("transfer intact", got == total && h == want);
  check("child exited 0", WIFEXITED(status) && WEXITSTATUS(status) == 0);
  char c;
  expect("reply pipe at EOF", read(up[0], &c, 1), 0, 0);
  close(up[0]);
}

/* Two writers of PIPE_BUF-sized blocks: every block arrives whole. */
static void atomic(void) {
  int p[2];
  enum { BLOCKS = 48 };
  pipe(p);
  pid_t kids[2];
  for (int k = 0; k < 2; k++) {
    kids[k] = fork();
    if (kids[k] == 0) {
      close(p[0]);
      static char buf[4096 + 4096];
      char *block = buf + 4096 - 1000; /* straddles a page boundary */
      memset(block, k ? 'B' : 'A', 4096);
      for (int i = 0; i < BLOCKS; i++)
        if (write(p[1], block, 4096) != 4096) _exit(1);
      _exit(0);
    }
  }
  close(p[1]);
  static char all[2 * BLOCKS * 4096];
  long n = 0;
  for (;;) {
    ssize_t r = read(p[0], all + n, (sizeof all - n) < 1000 ? (sizeof all - n) : 1000);
    if (r <= 0) break;
    n += r;
  }
  int uniform = 1, as = 0, bs = 0;
  for (long b = 0; b + 4096 <= n; b += 4096) {
    for (int i = 1; i < 4096; i++)
      if (all[b + i] != all[b]) uniform = 0;
    if (all[b] == 'A') as++;
    if (all[b] == 'B') bs++;
  }
  for (int k = 0; k < 2; k++) waitpid(kids[k], NULL, 0);
  printf("atomic: %ld bytes, %d A blocks, %d B blocks\n", n, as, bs);
  check("every block whole", uniform);
  close(p[0]);
}

static int lowest_free(void) {
  int fd = dup(0);
  close(fd);
  return fd;
}

static void errors(void) {
  int p[2];
  int before = lowest_free();
  expect("pipe2 bad flag", pipe2(p, O_WRONLY), -1, EINVAL);
  expect("pipe2 O_ASYNC", pipe2(p, O_ASYNC), -1, EINVAL);
  expect("pipe2 bad pointer", syscall(SYS_pipe2, (void *)1, 0), -1, EFAULT);
  check("no descriptor leaked", lowest_free() == before);
  struct rlimit old, one;
  getrlimit(RLIMIT_NOFILE, &old);
  one = old;
  one.rlim_cur = before + 1;
  setrlimit(RLIMIT_NOFILE, &one);
  expect("pipe2 with one descriptor left", pipe2(p, 0), -1, EMFILE);
  setrlimit(RLIMIT_NOFILE, &old);
  check("none leaked either", lowest_free() == before);
  expect("pipe2 O_CLOEXEC", pipe2(p, O_CLOEXEC), 0, 0);
  expect("FD_CLOEXEC read end", fcntl(p[0], F_GETFD), FD_CLOEXEC, 0);
  expect("FD_CLOEXEC write end", fcntl(p[1], F_GETFD), FD_CLOEXEC, 0);
  close(p[0]); close(p[1]);
}

static void close_range_calls(void) {
  dup2(1, 50); dup2(1, 51); dup2(1, 52); dup2(1, 60);
  expect("close_range first > last", syscall(SYS_close_range, 5, 4, 0), -1, EINVAL);
  expect("close_range bad flag", syscall(SYS_close_range, 50, 52, 1), -1, EINVAL);
  expect("close_range cloexec", syscall(SYS_close_range, 51, 52, 4), 0, 0);
  expect("51 cloexec", fcntl(51, F_GETFD), FD_CLOEXEC, 0);
  expect("50 untouched", fcntl(50, F_GETFD), 0, 0);
  expect("close_range unshare", syscall(SYS_close_range, 60, 60, 2), 0, 0);
  expect("60 closed", fcntl(60, F_GETFD), -1, EBADF);
  expect("close_range to the end", syscall(SYS_close_range, 50, ~0U, 0), 0, 0);
  expect("50 closed", fcntl(50, F_GETFD), -1, EBADF);
  expect("52 closed", fcntl(52, F_GETFD), -1, EBADF);
  expect("close_range of nothing", syscall(SYS_close_range, 100, 200, 0), 0, 0);
  check("stdout still open", fcntl(1, F_GETFD) == 0);
}

static void on_usr1(int sig) { (void)sig; }

static volatile sig_atomic_t pipe_code = -100, pipe_from_self;
static void on_pipe(int sig, siginfo_t *si, void *uc) {
  (void)sig; (void)uc;
  pipe_code = si->si_code;
  pipe_from_self = si->si_pid == getpid();
}

/* SIGPIPE as fs/pipe.c sends it: send_sig(SIGPIPE, current, 0), i.e. SI_USER from the writer. */
static void sigpipe_info(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_pipe;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGPIPE, &sa, NULL);
  int p[2];
  pipe(p);
  close(p[0]);
  expect("write with a SIGPIPE handler", write(p[1], "x", 1), -1, EPIPE);
  printf("SIGPIPE si_code: %d\n", (int)pipe_code);
  check("SIGPIPE si_pid is the writer", pipe_from_self);
  signal(SIGPIPE, SIG_DFL);
  close(p[1]);
}

/* A child that sends the parent SIGUSR1 every 50 ms: some signal surely lands while it sleeps in write. */
static pid_t pester(int times_before_read, int rfd) {
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid != 0) return pid;
  for (int i = 0;; i++) {
    if (i == times_before_read) {
      static char b[4096];
      read(rfd, b, sizeof b);
    }
    kill(parent, SIGUSR1);
    usleep(50000);
  }
}

static void stop(pid_t pid) {
  kill(pid, SIGKILL);
  waitpid(pid, NULL, 0);
}

static void set_usr1(int flags) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_usr1;
  sa.sa_flags = flags;
  sigaction(SIGUSR1, &sa, NULL);
}

static void interrupted_writes(void) {
  static char big[100000];
  int p[2], n = 0;
  pipe(p);
  set_usr1(SA_RESTART);
  pid_t pid = pester(-1, -1);
  expect("write cut short by a signal (SA_RESTART)", write(p[1], big, sizeof big), 65536, 0);
  stop(pid);
  set_usr1(0);
  pid = pester(-1, -1);
  expect("nothing written: EINTR", write(p[1], big, 10), -1, EINTR);
  stop(pid);
  set_usr1(SA_RESTART);
  pid = pester(4, p[0]);
  expect("nothing written, SA_RESTART: restarted", write(p[1], big, 10), 10, 0);
  stop(pid);
  ioctl(p[0], FIONREAD, &n);
  printf("in the pipe: %d\n", n);
  signal(SIGUSR1, SIG_DFL);
  close(p[0]);
  close(p[1]);
}

static int revents(int fd, short events, int timeout) {
  struct pollfd pfd = {fd, events, 0};
  int r = poll(&pfd, 1, timeout);
  return r < 0 ? -errno : pfd.revents;
}

/* pipe_poll: what each end reports, and a poll that sleeps until a child writes. */
static void polling(void) {
  int p[2];
  pipe(p);
  printf("poll empty read end: %#x\n", revents(p[0], POLLIN | POLLOUT, 0));
  printf("poll write end: %#x\n", revents(p[1], POLLIN | POLLOUT, 0));
  pid_t pid = fork();
  if (pid == 0) {
    usleep(100000);
    write(p[1], "x", 1);
    _exit(0);
  }
  printf("poll woken by a write: %#x\n", revents(p[0], POLLIN, 10000));
  waitpid(pid, NULL, 0);
  static char fill[65536];
  write(p[1], fill, sizeof fill - 1);
  printf("poll full write end: %#x\n", revents(p[1], POLLOUT, 0));
  close(p[1]);
  printf("poll read end, writer gone: %#x\n", revents(p[0], POLLIN, 0));
  static char all[65536];
  read(p[0], all, sizeof all);
  printf("poll drained read end, writer gone: %#x\n", revents(p[0], POLLIN, 0));
  close(p[0]);
  pipe(p);
  close(p[0]);
  printf("poll write end, reader gone: %#x\n", revents(p[1], POLLOUT, 0));
  close(p[1]);
}

/* The exec'd half of exec_through_pipes: counts stdin to EOF. */
static int count_stdin(void) {
  char buf[1500];
  long n = 0;
  ssize_t r;
  while ((r = read(0, buf, sizeof buf)) > 0) n += r;
  printf("%ld bytes, then %s\n", n, r == 0 ? "EOF" : "an error");
  return 0;
}

/* A child execs this program with a pipe as stdin and another as stdout; the
 * write end is O_CLOEXEC, so after exec only the parent holds it. */
static void exec_through_pipes(const char *self) {
  int in[2], out[2];
  pipe2(in, O_CLOEXEC);
  pipe2(out, O_CLOEXEC);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    execl(self, self, "count", (char *)NULL);
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  static char data[10000];
  memset(data, 'x', sizeof data);
  expect("write to the exec'd child", write(in[1], data, sizeof data), 10000, 0);
  close(in[1]);
  char reply[100] = {0};
  long n = 0;
  ssize_t r;
  while ((r = read(out[0], reply + n, sizeof reply - 1 - n)) > 0) n += r;
  int status = 0;
  waitpid(pid, &status, 0);
  printf("exec'd child said: %s", reply);
  check("exec'd child exited 0", WIFEXITED(status) && WEXITSTATUS(status) == 0);
  close(out[0]);
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "count") == 0) return count_stdin();
  setvbuf(stdout, NULL, _IONBF, 0);
  exec_through_pipes(argv[0]);
  basic();
  stats();
  capacity();
  packets();
  broken();
  sigpipe_info();
  interrupted_writes();
  polling();
  transfer();
  atomic();
  errors();
  close_range_calls();
  printf("%s\n", failed ? "PIPE_E2E_FAIL" : "PIPE_E2E_PASS");
  return failed;
}
`;

function build(): string | null {
  if (!haveTool("riscv64-linux-gnu-gcc") || !haveTool("gcc")) return "no riscv64-linux-gnu-gcc or gcc";
  mkdirSync(ROOTFS, { recursive: true });
  const src = join(DIR, "pipe_e2e.c");
  writeFileSync(src, SOURCE);
  const flags = ["-O2", "-Wall", "-Wno-unused-result"];
  execFileSync("riscv64-linux-gnu-gcc", ["-static", ...flags, "-o", join(ROOTFS, "prog"), src]);
  execFileSync("gcc", [...flags, "-o", join(DIR, "host"), src]);
  return null;
}

test("pipes end to end: the same program natively and in Aramid", { skip: skipWithoutAramid() }, async (t) => {
  const why = build();
  if (why !== null) {
    t.skip(why);
    return;
  }
  const native = await runNative(join(DIR, "host"), [], { cwd: DIR, timeoutMs: 60_000 });
  assert.equal(native.status, 0, `fails natively (a broken test): ${describe(native)}`);
  const aramid = await runAramid("/prog", [], { rootfs: ROOTFS, timeoutMs: 300_000 });
  assert.equal(aramid.stdout, native.stdout, `differs from Linux: ${describe(aramid)}`);
  assert.equal(aramid.status, 0, describe(aramid));
});
