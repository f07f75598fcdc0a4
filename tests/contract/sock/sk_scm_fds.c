/* SCM_RIGHTS details: several fds in one message arrive as new working
 * descriptors sharing the sender's open file description (offset moves
 * are seen by both); MSG_CMSG_CLOEXEC sets FD_CLOEXEC; a control buffer too
 * small for all fds gives MSG_CTRUNC and only the fds that fit (two in
 * CMSG_SPACE(sizeof(int)) on 64-bit); no control
 * buffer at all gives MSG_CTRUNC; a bad fd in the message is EBADF; more
 * than 253 fds is EINVAL; an fd for a socket itself can be passed; fds
 * sent but never received are closed with the socket; SO_PEERCRED gives
 * the peer's pid and ids for a pair and for a connected socket. */
#include "contract.h"
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>

static int send_fds(int sock, const int *fds, int n) {
  char data = 'F';
  struct iovec iov = {.iov_base = &data, .iov_len = 1};
  size_t space = CMSG_SPACE(sizeof(int) * n);
  char *ctl = calloc(1, space);
  struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = space};
  struct cmsghdr *c = CMSG_FIRSTHDR(&m);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int) * n);
  memcpy(CMSG_DATA(c), fds, sizeof(int) * n);
  int r = sendmsg(sock, &m, 0);
  free(ctl);
  return r;
}

/* Receives with a control buffer for `room` fds; returns the count received. */
static int recv_fds(int sock, int *out, int room, int flags, int *mflags) {
  char data;
  struct iovec iov = {.iov_base = &data, .iov_len = 1};
  char ctl[CMSG_SPACE(sizeof(int) * 8)];
  struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = room ? ctl : NULL,
                     .msg_controllen = room ? CMSG_SPACE(sizeof(int) * room) : 0};
  if (recvmsg(sock, &m, flags) < 0) return -1;
  *mflags = m.msg_flags;
  int n = 0;
  for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
    if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
    int k = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
    memcpy(out + n, CMSG_DATA(c), sizeof(int) * k);
    n += k;
  }
  return n;
}

int main(void) {
  int s[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, s);
  int p[2];
  pipe(p);
  int f = open("hello.txt", O_RDONLY);
  int three[3] = {p[0], p[1], f};
  expect_eq("send three", send_fds(s[0], three, 3), 1);
  int got[8], mf = 0;
  expect_eq("received three", recv_fds(s[1], got, 8, 0, &mf), 3);
  check("no truncation", !(mf & MSG_CTRUNC));
  check("new numbers", got[0] != p[0] && got[1] != p[1] && got[2] != f);
  write(got[1], "via", 3);
  char buf[32] = {0};
  expect_eq("received pipe works", read(p[0], buf, sizeof buf), 3);
  lseek(got[2], 7, SEEK_SET);
  expect_eq("shared offset", lseek(f, 0, SEEK_CUR), 7);
  expect_eq("no cloexec by default", fcntl(got[0], F_GETFD) & FD_CLOEXEC, 0);
  for (int i = 0; i < 3; i++) close(got[i]);

  send_fds(s[0], three, 1);
  expect_eq("MSG_CMSG_CLOEXEC", recv_fds(s[1], got, 8, MSG_CMSG_CLOEXEC, &mf), 1);
  expect_eq("cloexec set", fcntl(got[0], F_GETFD) & FD_CLOEXEC, 1);
  close(got[0]);

  send_fds(s[0], three, 3);
  int n = recv_fds(s[1], got, 1, 0, &mf);
  expect_eq("CMSG_SPACE of one int holds two", n, 2);
  check("MSG_CTRUNC", mf & MSG_CTRUNC);
  close(got[0]);
  close(got[1]);
  send_fds(s[0], three, 2);
  expect_eq("no control buffer", recv_fds(s[1], got, 0, 0, &mf), 0);
  check("MSG_CTRUNC without buffer", mf & MSG_CTRUNC);

  int bad[2] = {p[0], 99};
  expect_err("bad fd in message", send_fds(s[0], bad, 2), EBADF);
  int many[254];
  for (int i = 0; i < 254; i++) many[i] = f;
  expect_err("254 fds", send_fds(s[0], many, 254), EINVAL);
  expect_eq("253 fds", send_fds(s[0], many, 253), 1);
  char data;
  recv(s[1], &data, 1, 0); /* discards the fds: they are closed */

  int t[2];
  socketpair(AF_UNIX, SOCK_DGRAM, 0, t);
  expect_eq("pass a socket", send_fds(s[0], &t[0], 1), 1);
  recv_fds(s[1], got, 8, 0, &mf);
  expect_eq("send on passed socket", send(got[0], "dg", 2, 0), 2);
  expect_eq("its peer receives", recv(t[1], buf, sizeof buf, 0), 2);
  close(got[0]);

  struct ucred uc;
  socklen_t ul = sizeof uc;
  expect_ok("SO_PEERCRED pair", getsockopt(s[0], SOL_SOCKET, SO_PEERCRED, &uc, &ul));
  check("pair peer is me", uc.pid == getpid() && uc.uid == getuid() && uc.gid == getgid());
  struct sockaddr_un sa = {.sun_family = AF_UNIX};
  snprintf(sa.sun_path + 1, sizeof sa.sun_path - 1, "aramid-contract-scmfds-%d", (int)getpid());
  socklen_t len = offsetof(struct sockaddr_un, sun_path) + 1 + strlen(sa.sun_path + 1);
  int l = socket(AF_UNIX, SOCK_STREAM, 0);
  bind(l, (struct sockaddr *)&sa, len);
  listen(l, 1);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    setresgid(1234, 1234, 1234);
    setresuid(4321, 4321, 4321);
    connect(c, (struct sockaddr *)&sa, len);
    read(c, &data, 1);
    _exit(0);
  }
  int a = accept(l, NULL, NULL);
  ul = sizeof uc;
  getsockopt(a, SOL_SOCKET, SO_PEERCRED, &uc, &ul);
  check("peer pid is the child", uc.pid == pid);
  printf("peer ids %d:%d\n", (int)uc.uid, (int)uc.gid);
  write(a, "x", 1);
  waitpid(pid, NULL, 0);
  ul = sizeof uc;
  getsockopt(l, SOL_SOCKET, SO_PEERCRED, &uc, &ul);
  check("listener's own credentials", uc.pid == getpid());
  return contract_end("sk_scm_fds");
}
