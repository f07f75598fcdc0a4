/* AF_UNIX socketpair: stream, dgram and seqpacket semantics, shutdown, options, epoll. */
#include "contract.h"
#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

static int getint(int fd, int opt) {
  int v = -1;
  socklen_t l = sizeof v;
  if (getsockopt(fd, SOL_SOCKET, opt, &v, &l) < 0) return -errno;
  return v;
}

int main(void) {
  int sv[2];
  char buf[64];
  signal(SIGPIPE, SIG_IGN);
  expect_err("bad domain", socketpair(77, SOCK_STREAM, 0, sv), EAFNOSUPPORT);
  expect_err("bad type", socketpair(AF_UNIX, 9, 0, sv), ESOCKTNOSUPPORT);
  expect_err("bad protocol", socketpair(AF_UNIX, SOCK_STREAM, 5, sv), EPROTONOSUPPORT);
  expect_err("bad sv", socketpair(AF_UNIX, SOCK_STREAM, 0, BAD_PTR), EFAULT);
  expect_err("not a socket", shutdown(open("hello.txt", O_RDONLY), SHUT_RD), ENOTSOCK);

  /* Stream. */
  expect_eq("stream pair", socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
  expect_eq("cloexec", fcntl(sv[0], F_GETFD), FD_CLOEXEC);
  struct stat st;
  fstat(sv[0], &st);
  expect_eq("is socket", S_ISSOCK(st.st_mode), 1);
  expect_eq("SO_TYPE", getint(sv[0], SO_TYPE), SOCK_STREAM);
  expect_eq("SO_ERROR", getint(sv[0], SO_ERROR), 0);
  expect_eq("SO_DOMAIN", getint(sv[0], SO_DOMAIN), AF_UNIX);
  expect_eq("SO_ACCEPTCONN", getint(sv[0], SO_ACCEPTCONN), 0);
  check("SO_SNDBUF positive", getint(sv[0], SO_SNDBUF) > 0);
  check("SO_RCVBUF positive", getint(sv[0], SO_RCVBUF) > 0);
  int v = 65536;
  expect_eq("set SO_SNDBUF", setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, sizeof v), 0);
  expect_eq("SO_SNDBUF doubled", getint(sv[0], SO_SNDBUF), 131072);
  expect_eq("unknown option", getint(sv[0], 9999), -ENOPROTOOPT);
  struct ucred uc;
  socklen_t ul = sizeof uc;
  expect_eq("SO_PEERCRED", getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &uc, &ul), 0);
  check("peercred pid", uc.pid == getpid());
  check("peercred uid", uc.uid == getuid() && uc.gid == getgid());
  expect_eq("peercred len", ul, sizeof uc);
  expect_eq("write", write(sv[0], "hello", 5), 5);
  expect_eq("send", send(sv[0], " world", 6, 0), 6);
  expect_eq("peek", recv(sv[1], buf, sizeof buf, MSG_PEEK), 11);
  expect_eq("read coalesced", read(sv[1], buf, sizeof buf), 11);
  check("content", memcmp(buf, "hello world", 11) == 0);
  expect_err("nothing", recv(sv[1], buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
  struct sockaddr_un sa;
  socklen_t sl = sizeof sa;
  expect_eq("getsockname unbound", getsockname(sv[0], (struct sockaddr *)&sa, &sl), 0);
  expect_eq("unbound len", sl, 2);
  expect_eq("unbound family", sa.sun_family, AF_UNIX);
  sl = sizeof sa;
  expect_eq("getpeername", getpeername(sv[0], (struct sockaddr *)&sa, &sl), 0);
  expect_eq("peer len", sl, 2);
  expect_err("sendto with addr", sendto(sv[0], "x", 1, 0, (struct sockaddr *)&sa, sizeof sa), EISCONN);
  expect_err("lseek", lseek(sv[0], 0, SEEK_SET), ESPIPE);

  struct pollfd p = {sv[1], POLLIN | POLLOUT | POLLRDHUP, 0};
  expect_eq("poll writable", poll(&p, 1, 0), 1);
  expect_eq("revents out", p.revents, POLLOUT);
  expect_eq("shutdown bad how", shutdown(sv[0], 7), -1);
  expect_eq("shutdown wr", shutdown(sv[0], SHUT_WR), 0);
  expect_eq("eof after shutdown", read(sv[1], buf, sizeof buf), 0);
  p.revents = 0;
  poll(&p, 1, 0);
  expect_eq("revents rdhup", p.revents, POLLIN | POLLOUT | POLLRDHUP);
  expect_err("send after shutdown", send(sv[0], "x", 1, 0), EPIPE);
  expect_eq("other way still works", write(sv[1], "ok", 2), 2);
  expect_eq("read other way", read(sv[0], buf, sizeof buf), 2);
  close(sv[1]);
  p.fd = sv[0];
  p.revents = 0;
  poll(&p, 1, 0);
  expect_eq("revents peer closed", p.revents, POLLIN | POLLOUT | POLLHUP | POLLRDHUP);
  expect_eq("read peer closed", read(sv[0], buf, sizeof buf), 0);
  expect_err("write peer closed", write(sv[0], "x", 1), EPIPE);
  close(sv[0]);

  /* Unread data at close: the peer gets ECONNRESET once. */
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  write(sv[0], "lost", 4);
  close(sv[1]);
  expect_err("reset", read(sv[0], buf, sizeof buf), ECONNRESET);
  expect_eq("then eof", read(sv[0], buf, sizeof buf), 0);
  close(sv[0]);

  /* Datagrams keep their boundaries; a short buffer truncates. */
  expect_eq("dgram pair", socketpair(AF_UNIX, SOCK_DGRAM, 0, sv), 0);
  expect_eq("SO_TYPE dgram", getint(sv[0], SO_TYPE), SOCK_DGRAM);
  send(sv[0], "first", 5, 0);
  send(sv[0], "second!", 7, 0);
  send(sv[0], "", 0, 0);
  expect_eq("dgram 1", recv(sv[1], buf, sizeof buf, 0), 5);
  expect_eq("dgram trunc len", recv(sv[1], buf, 3, MSG_TRUNC | MSG_PEEK), 7);
  struct iovec io = {buf, 3};
  struct msghdr mh = {0};
  mh.msg_iov = &io;
  mh.msg_iovlen = 1;
  expect_eq("dgram 2 truncated", recvmsg(sv[1], &mh, 0), 3);
  expect_eq("MSG_TRUNC flag", mh.msg_flags & MSG_TRUNC, MSG_TRUNC);
  expect_eq("empty dgram", recv(sv[1], buf, sizeof buf, 0), 0);
  expect_err("dgram empty", recv(sv[1], buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
  close(sv[1]);
  expect_err("dgram peer gone", send(sv[0], "x", 1, 0), ECONNREFUSED);
  expect_err("dgram then unconnected", send(sv[0], "x", 1, 0), ENOTCONN);
  close(sv[0]);

  /* Seqpacket: records, and end of file when the peer goes. */
  expect_eq("seqpacket pair", socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv), 0);
  send(sv[0], "abc", 3, 0);
  send(sv[0], "defg", 4, 0);
  expect_eq("record 1", recv(sv[1], buf, sizeof buf, 0), 3);
  expect_eq("record 2 cut", recv(sv[1], buf, 2, 0), 2);
  expect_err("record rest dropped", recv(sv[1], buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
  close(sv[0]);
  expect_eq("seqpacket eof", recv(sv[1], buf, sizeof buf, 0), 0);
  expect_err("seqpacket send to closed", send(sv[1], "x", 1, 0), EPIPE);
  close(sv[1]);

  /* epoll and blocking across processes. */
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  int ep = epoll_create1(0);
  struct epoll_event ev = {EPOLLIN | EPOLLET, {.u32 = 4}}, out[2];
  epoll_ctl(ep, EPOLL_CTL_ADD, sv[0], &ev);
  expect_eq("epoll idle", epoll_wait(ep, out, 2, 0), 0);
  pid_t pid = fork();
  if (pid == 0) {
    close(sv[0]);
    usleep(20000);
    write(sv[1], "ping", 4);
    read(sv[1], buf, 4);
    _exit(0);
  }
  close(sv[1]);
  expect_eq("epoll woken", epoll_wait(ep, out, 2, 5000), 1);
  expect_eq("ping", read(sv[0], buf, sizeof buf), 4);
  write(sv[0], "pong", 4);
  expect_eq("eof when child exits", read(sv[0], buf, sizeof buf), 0);
  waitpid(pid, NULL, 0);
  return contract_end("unix_pair");
}
