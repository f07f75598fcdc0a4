/* shutdown(2) and broken connections on unix sockets: after the peer's
 * SHUT_WR reads return 0 while writing back still works; after our own
 * SHUT_WR a write is EPIPE with SIGPIPE, and with MSG_NOSIGNAL EPIPE
 * without it; after SHUT_RD reads still return queued data, then 0, and the peer's
 * writes are EPIPE; a write
 * to a closed peer is EPIPE (stream, seqpacket) and ECONNREFUSED for a
 * connected datagram socket; a stream whose peer closed with our data
 * unread reads ECONNRESET once, then EOF; bad how is EINVAL, shutdown of a
 * non-socket ENOTSOCK, of an unconnected unix socket succeeds. */
#include "contract.h"
#include <signal.h>
#include <sys/socket.h>

static volatile sig_atomic_t sigpipes;
static void on_pipe(int s) { (void)s; sigpipes++; }

int main(void) {
  signal(SIGPIPE, on_pipe);
  int s[2];
  char buf[16];
  socketpair(AF_UNIX, SOCK_STREAM, 0, s);
  expect_ok("peer shut wr", shutdown(s[1], SHUT_WR));
  expect_eq("read gives eof", read(s[0], buf, sizeof buf), 0);
  expect_eq("write back works", write(s[0], "ok", 2), 2);
  expect_eq("peer reads it", read(s[1], buf, sizeof buf), 2);
  expect_err("write after own shut wr", write(s[1], "x", 1), EPIPE);
  expect_eq("sigpipe", sigpipes, 1);
  expect_err("MSG_NOSIGNAL", send(s[1], "x", 1, MSG_NOSIGNAL), EPIPE);
  expect_eq("no new sigpipe", sigpipes, 1);
  close(s[0]);
  close(s[1]);

  socketpair(AF_UNIX, SOCK_STREAM, 0, s);
  write(s[1], "pending", 7);
  expect_ok("shut rd", shutdown(s[0], SHUT_RD));
  expect_eq("pending data still read", read(s[0], buf, sizeof buf), 7);
  expect_eq("then eof", read(s[0], buf, sizeof buf), 0);
  expect_err("peer writes after our shut rd", send(s[1], "more", 4, MSG_NOSIGNAL), EPIPE);
  expect_eq("writing still works", write(s[0], "w", 1), 1);
  expect_ok("shut rdwr", shutdown(s[0], SHUT_RDWR));
  expect_ok("shut again", shutdown(s[0], SHUT_RDWR));
  expect_err("bad how", shutdown(s[0], 3), EINVAL);
  close(s[0]);
  close(s[1]);

  socketpair(AF_UNIX, SOCK_STREAM, 0, s);
  write(s[0], "unread", 6);
  close(s[1]);
  expect_err("stream to closed peer", send(s[0], "x", 1, MSG_NOSIGNAL), EPIPE);
  expect_err("peer closed with our data unread", read(s[0], buf, sizeof buf), ECONNRESET);
  expect_eq("then eof", read(s[0], buf, sizeof buf), 0);
  close(s[0]);
  socketpair(AF_UNIX, SOCK_SEQPACKET, 0, s);
  close(s[1]);
  expect_err("seqpacket to closed peer", send(s[0], "x", 1, MSG_NOSIGNAL), EPIPE);
  expect_eq("seqpacket read", read(s[0], buf, sizeof buf), 0);
  close(s[0]);
  socketpair(AF_UNIX, SOCK_DGRAM, 0, s);
  close(s[1]);
  expect_err("dgram to closed peer", send(s[0], "x", 1, 0), ECONNREFUSED);
  expect_err("dgram read nonblock", recv(s[0], buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
  close(s[0]);
  expect_eq("sigpipes total", sigpipes, 1);

  int f = open("hello.txt", O_RDONLY);
  expect_err("not a socket", shutdown(f, SHUT_RD), ENOTSOCK);
  int u = socket(AF_UNIX, SOCK_STREAM, 0);
  expect_ok("unconnected unix socket", shutdown(u, SHUT_RD));
  expect_err("bad fd", shutdown(99, SHUT_RD), EBADF);
  return contract_end("sk_shutdown_pipe");
}
