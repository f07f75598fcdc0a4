/* AF_UNIX ancillary data: SCM_RIGHTS passes open files, SCM_CREDENTIALS with SO_PASSCRED. */
#include "contract.h"
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>

static int send_fds(int s, const int *fds, int n, const char *data) {
  char cbuf[CMSG_SPACE(sizeof(int) * 8)];
  memset(cbuf, 0, sizeof cbuf);
  struct iovec io = {(void *)data, strlen(data)};
  struct msghdr m = {0};
  m.msg_iov = &io;
  m.msg_iovlen = 1;
  m.msg_control = cbuf;
  m.msg_controllen = CMSG_SPACE(sizeof(int) * n);
  struct cmsghdr *c = CMSG_FIRSTHDR(&m);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int) * n);
  memcpy(CMSG_DATA(c), fds, sizeof(int) * n);
  return sendmsg(s, &m, 0);
}

int main(void) {
  int sv[2], p[2];
  char buf[64], cbuf[256];
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  pipe(p);
  int fds[2] = {p[1], open("hello.txt", O_RDONLY)};
  lseek(fds[1], 7, SEEK_SET);
  expect_eq("sendmsg rights", send_fds(sv[0], fds, 2, "fd"), 2);
  close(fds[1]); /* in flight: stays open */
  int bad[1] = {99};
  expect_err("bad fd in rights", send_fds(sv[0], bad, 1, "x"), EBADF);

  struct iovec io = {buf, sizeof buf};
  struct msghdr m = {0};
  m.msg_iov = &io;
  m.msg_iovlen = 1;
  m.msg_control = cbuf;
  m.msg_controllen = sizeof cbuf;
  expect_eq("recvmsg", recvmsg(sv[1], &m, MSG_CMSG_CLOEXEC), 2);
  struct cmsghdr *c = CMSG_FIRSTHDR(&m);
  check("got cmsg", c != NULL);
  expect_eq("level", c->cmsg_level, SOL_SOCKET);
  expect_eq("type", c->cmsg_type, SCM_RIGHTS);
  expect_eq("len", c->cmsg_len, CMSG_LEN(2 * sizeof(int)));
  expect_eq("controllen", m.msg_controllen, CMSG_SPACE(2 * sizeof(int)));
  expect_eq("flags", m.msg_flags, MSG_CMSG_CLOEXEC);
  int got[2];
  memcpy(got, CMSG_DATA(c), sizeof got);
  expect_eq("received cloexec", fcntl(got[0], F_GETFD), FD_CLOEXEC);
  expect_eq("write through passed pipe", write(got[0], "via", 3), 3);
  expect_eq("read pipe", read(p[0], buf, sizeof buf), 3);
  expect_eq("shared offset", lseek(got[1], 0, SEEK_CUR), 7);
  expect_eq("read passed file", read(got[1], buf, 5), 5);
  check("passed file content", memcmp(buf, "world", 5) == 0);

  /* Too little control room: MSG_CTRUNC, the extra descriptors are dropped. */
  send_fds(sv[0], fds, 1, "t");
  char small[CMSG_SPACE(0)];
  m.msg_control = small;
  m.msg_controllen = sizeof small;
  expect_eq("recv truncated", recvmsg(sv[1], &m, 0), 1);
  expect_eq("ctrunc", m.msg_flags & MSG_CTRUNC, MSG_CTRUNC);
  expect_eq("no control", m.msg_controllen, 0);

  /* Stream reads stop after a message with descriptors. */
  write(sv[0], "ab", 2);
  send_fds(sv[0], fds, 1, "cd");
  write(sv[0], "ef", 2);
  m.msg_control = cbuf;
  m.msg_controllen = sizeof cbuf;
  expect_eq("read up to rights", recvmsg(sv[1], &m, 0), 4);
  expect_eq("rights came", CMSG_FIRSTHDR(&m) != NULL, 1);
  expect_eq("rest", read(sv[1], buf, sizeof buf), 2);

  /* Credentials: only with SO_PASSCRED on the receiver. */
  int one = 1;
  write(sv[0], "n", 1);
  m.msg_controllen = sizeof cbuf;
  recvmsg(sv[1], &m, 0);
  expect_eq("no creds without passcred", m.msg_controllen, 0);
  expect_eq("passcred", setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof one), 0);
  write(sv[0], "y", 1);
  m.msg_controllen = sizeof cbuf;
  expect_eq("recv with creds", recvmsg(sv[1], &m, 0), 1);
  c = CMSG_FIRSTHDR(&m);
  check("creds cmsg", c != NULL && c->cmsg_type == SCM_CREDENTIALS);
  expect_eq("creds len", c ? c->cmsg_len : 0, CMSG_LEN(sizeof(struct ucred)));
  struct ucred uc;
  if (c) memcpy(&uc, CMSG_DATA(c), sizeof uc);
  check("creds pid", c && uc.pid == getpid());
  check("creds uid/gid", c && uc.uid == getuid() && uc.gid == getgid());

  /* Sending explicit credentials: one's own are fine, another pid is not. */
  struct msghdr sm = {0};
  struct iovec sio = {"c", 1};
  char scb[CMSG_SPACE(sizeof(struct ucred))];
  sm.msg_iov = &sio;
  sm.msg_iovlen = 1;
  sm.msg_control = scb;
  sm.msg_controllen = sizeof scb;
  struct cmsghdr *sc = CMSG_FIRSTHDR(&sm);
  sc->cmsg_level = SOL_SOCKET;
  sc->cmsg_type = SCM_CREDENTIALS;
  sc->cmsg_len = CMSG_LEN(sizeof(struct ucred));
  struct ucred mine = {getpid(), getuid(), getgid()};
  memcpy(CMSG_DATA(sc), &mine, sizeof mine);
  expect_eq("send own creds", sendmsg(sv[0], &sm, 0), 1);
  read(sv[1], buf, 1);
  if (getuid() != 0) {
    mine.pid = 1;
    memcpy(CMSG_DATA(sc), &mine, sizeof mine);
    expect_err("send other pid", sendmsg(sv[0], &sm, 0), EPERM);
  } else {
    printf("send other pid: EPERM\n");
  }
  sc->cmsg_len = CMSG_LEN(4);
  expect_err("bad creds len", sendmsg(sv[0], &sm, 0), EINVAL);

  /* A descriptor passed to a child process. */
  int dsv[2];
  socketpair(AF_UNIX, SOCK_DGRAM, 0, dsv);
  pid_t pid = fork();
  if (pid == 0) {
    char cb[CMSG_SPACE(sizeof(int))], b[8];
    struct iovec ci = {b, sizeof b};
    struct msghdr cm = {0};
    cm.msg_iov = &ci; cm.msg_iovlen = 1; cm.msg_control = cb; cm.msg_controllen = sizeof cb;
    if (recvmsg(dsv[1], &cm, 0) != 1) _exit(1);
    int fd;
    memcpy(&fd, CMSG_DATA(CMSG_FIRSTHDR(&cm)), sizeof fd);
    write(fd, "kid", 3);
    _exit(0);
  }
  int pf[1] = {p[1]};
  send_fds(dsv[0], pf, 1, "k");
  int status;
  waitpid(pid, &status, 0);
  expect_eq("child ok", WEXITSTATUS(status), 0);
  expect_eq("child wrote", read(p[0], buf, sizeof buf), 3);
  return contract_end("unix_scm");
}
