/* FIFO open and poll semantics: O_RDONLY|O_NONBLOCK opens alone, poll on
 * that reader reports nothing (not POLLHUP) before any writer came; a
 * writer makes it POLLOUT for the writer and POLLIN for the reader after a
 * write; when the writer closes the reader sees POLLIN|POLLHUP until it
 * drains, then POLLHUP; a writer whose reader closed sees POLLOUT|POLLERR
 * and write gives EPIPE plus SIGPIPE; O_RDWR opens without a peer; an
 * O_WRONLY|O_NONBLOCK open without a reader is ENXIO; FIONREAD counts; a
 * closed fd polls POLLNVAL; O_DIRECTORY on a FIFO is ENOTDIR. */
#include "contract.h"
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

static volatile sig_atomic_t sigpipes;
static void on_pipe(int s) { (void)s; sigpipes++; }

static short rev(int fd, short events) {
  struct pollfd pf = {.fd = fd, .events = events};
  int n = poll(&pf, 1, 0);
  return n < 0 ? -1 : pf.revents;
}

static void show(const char *what, short r) {
  printf("%s:%s%s%s%s%s\n", what, r & POLLIN ? " IN" : "", r & POLLOUT ? " OUT" : "", r & POLLHUP ? " HUP" : "",
         r & POLLERR ? " ERR" : "", r & POLLNVAL ? " NVAL" : "");
}

int main(void) {
  char f[128];
  snprintf(f, sizeof f, "%s", tmp_path("fifopoll"));
  mkfifo(f, 0600);
  signal(SIGPIPE, on_pipe);
  expect_err("writer alone nonblock", open(f, O_WRONLY | O_NONBLOCK), ENXIO);
  int r = open(f, O_RDONLY | O_NONBLOCK);
  expect_ok("reader alone nonblock", r);
  show("reader before any writer", rev(r, POLLIN));
  char buf[16];
  expect_eq("read with no writer ever", read(r, buf, sizeof buf), 0);
  int w = open(f, O_WRONLY | O_NONBLOCK);
  expect_ok("writer now", w);
  show("writer", rev(w, POLLOUT));
  show("reader, empty", rev(r, POLLIN));
  expect_err("read empty with writer", read(r, buf, sizeof buf), EAGAIN);
  write(w, "abc", 3);
  show("reader, data", rev(r, POLLIN));
  int n = -1;
  ioctl(r, FIONREAD, &n);
  expect_eq("FIONREAD", n, 3);
  close(w);
  show("reader, writer gone, data left", rev(r, POLLIN));
  expect_eq("drain", read(r, buf, sizeof buf), 3);
  show("reader, drained", rev(r, POLLIN));
  expect_eq("eof", read(r, buf, sizeof buf), 0);
  int w2 = open(f, O_WRONLY | O_NONBLOCK);
  show("reader, new writer", rev(r, POLLIN));
  close(r);
  show("writer, reader gone", rev(w2, POLLOUT));
  expect_err("write without reader", write(w2, "x", 1), EPIPE);
  expect_eq("sigpipe delivered", sigpipes, 1);
  close(w2);
  int rw = open(f, O_RDWR);
  expect_ok("O_RDWR alone", rw);
  show("O_RDWR", rev(rw, POLLIN | POLLOUT));
  close(rw);
  show("closed fd", rev(rw, POLLIN));
  struct pollfd neg = {.fd = -1, .events = POLLIN, .revents = 7};
  expect_eq("negative fd ignored", poll(&neg, 1, 0), 0);
  expect_eq("its revents cleared", neg.revents, 0);
  expect_err("O_DIRECTORY on fifo", open(f, O_RDONLY | O_NONBLOCK | O_DIRECTORY), ENOTDIR);
  expect_ok("O_TRUNC on fifo", open(f, O_RDWR | O_TRUNC) >= 0 ? 0 : -1);
  unlink(f);
  return contract_end("v2_fifo_poll");
}
