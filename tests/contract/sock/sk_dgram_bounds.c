/* Message boundaries on unix sockets: datagrams arrive one per recv, a
 * short buffer truncates and discards the rest (MSG_TRUNC in msg_flags,
 * and with MSG_TRUNC as a flag recv returns the real length), MSG_PEEK
 * reads without consuming, MSG_DONTWAIT on an empty socket is EAGAIN,
 * zero-length datagrams are delivered, FIONREAD is the next datagram's
 * size; seqpacket keeps boundaries too; stream coalesces writes; sendto
 * with an address on a connected stream is EISCONN; a datagram larger than the
 * send buffer is EMSGSIZE; recvfrom gives the sender's address. */
#include "contract.h"
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>

int main(void) {
  int s[2];
  char buf[64];
  socketpair(AF_UNIX, SOCK_DGRAM, 0, s);
  send(s[0], "first", 5, 0);
  send(s[0], "second!", 7, 0);
  send(s[0], "", 0, 0);
  send(s[0], "third", 5, 0);
  int n = -1;
  ioctl(s[1], FIONREAD, &n);
  expect_eq("FIONREAD next datagram", n, 5);
  expect_eq("peek", recv(s[1], buf, sizeof buf, MSG_PEEK), 5);
  expect_eq("peek again", recv(s[1], buf, sizeof buf, MSG_PEEK), 5);
  expect_eq("one datagram", recv(s[1], buf, sizeof buf, 0), 5);
  struct iovec iov = {.iov_base = buf, .iov_len = 3};
  struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};
  expect_eq("truncated", recvmsg(s[1], &m, 0), 3);
  check("MSG_TRUNC flag", m.msg_flags & MSG_TRUNC);
  printf("got %.3s\n", buf);
  expect_eq("empty datagram", recv(s[1], buf, sizeof buf, 0), 0);
  expect_eq("real length with MSG_TRUNC", recv(s[1], buf, 2, MSG_TRUNC), 5);
  expect_err("empty", recv(s[1], buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
  n = -1;
  ioctl(s[1], FIONREAD, &n);
  expect_eq("FIONREAD empty", n, 0);
  int big = 1 << 20;
  char *huge = calloc(1, big);
  expect_err("larger than the buffer", send(s[0], huge, big, MSG_DONTWAIT), EMSGSIZE);
  free(huge);
  close(s[0]);
  close(s[1]);

  socketpair(AF_UNIX, SOCK_SEQPACKET, 0, s);
  send(s[0], "one", 3, 0);
  send(s[0], "two!", 4, 0);
  expect_eq("seqpacket first", recv(s[1], buf, sizeof buf, 0), 3);
  iov.iov_len = 2;
  m.msg_flags = 0;
  expect_eq("seqpacket truncated", recvmsg(s[1], &m, 0), 2);
  check("seqpacket MSG_TRUNC", m.msg_flags & MSG_TRUNC);
  expect_err("seqpacket rest discarded", recv(s[1], buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
  close(s[0]);
  close(s[1]);

  socketpair(AF_UNIX, SOCK_STREAM, 0, s);
  send(s[0], "ab", 2, 0);
  send(s[0], "cd", 2, 0);
  expect_eq("stream coalesces", recv(s[1], buf, sizeof buf, 0), 4);
  send(s[0], "xyz", 3, 0);
  expect_eq("stream peek", recv(s[1], buf, 2, MSG_PEEK), 2);
  expect_eq("stream partial", recv(s[1], buf, 2, 0), 2);
  expect_eq("stream rest", recv(s[1], buf, sizeof buf, 0), 1);
  expect_err("stream MSG_DONTWAIT", recv(s[1], buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
  struct sockaddr_un to = {.sun_family = AF_UNIX};
  expect_err("sendto on connected stream", sendto(s[0], "x", 1, 0, (struct sockaddr *)&to, sizeof to), EISCONN);
  close(s[0]);
  close(s[1]);

  int a = socket(AF_UNIX, SOCK_DGRAM, 0), b = socket(AF_UNIX, SOCK_DGRAM, 0);
  struct sockaddr_un sa = {.sun_family = AF_UNIX}, sb = {.sun_family = AF_UNIX};
  snprintf(sa.sun_path + 1, sizeof sa.sun_path - 1, "aramid-contract-dgb-a-%d", (int)getpid());
  snprintf(sb.sun_path + 1, sizeof sb.sun_path - 1, "aramid-contract-dgb-b-%d", (int)getpid());
  socklen_t la = offsetof(struct sockaddr_un, sun_path) + 1 + strlen(sa.sun_path + 1);
  socklen_t lb = offsetof(struct sockaddr_un, sun_path) + 1 + strlen(sb.sun_path + 1);
  bind(a, (struct sockaddr *)&sa, la);
  bind(b, (struct sockaddr *)&sb, lb);
  expect_err("unconnected send", send(a, "x", 1, 0), ENOTCONN);
  expect_eq("sendto", sendto(a, "hey", 3, 0, (struct sockaddr *)&sb, lb), 3);
  struct sockaddr_un from;
  socklen_t fl = sizeof from;
  expect_eq("recvfrom", recvfrom(b, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl), 3);
  check("sender address", fl == la && memcmp(from.sun_path, sa.sun_path, la - offsetof(struct sockaddr_un, sun_path)) == 0);
  return contract_end("sk_dgram_bounds");
}
