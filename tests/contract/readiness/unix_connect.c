/* AF_UNIX names: abstract and filesystem binds, listen/connect/accept4, datagram addressing. */
#include "contract.h"
#include <stddef.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

static socklen_t abstract_addr(struct sockaddr_un *a, const char *name) {
  memset(a, 0, sizeof *a);
  a->sun_family = AF_UNIX;
  a->sun_path[0] = 0;
  size_t n = strlen(name);
  memcpy(a->sun_path + 1, name, n);
  return offsetof(struct sockaddr_un, sun_path) + 1 + n;
}

static socklen_t path_addr(struct sockaddr_un *a, const char *path) {
  memset(a, 0, sizeof *a);
  a->sun_family = AF_UNIX;
  strcpy(a->sun_path, path);
  return offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1;
}

int main(void) {
  struct sockaddr_un a, got;
  socklen_t gl;
  char buf[64];
  char name[32];
  snprintf(name, sizeof name, "aramid-test-%d", getpid());
  expect_err("socket bad flags", socket(AF_UNIX, SOCK_STREAM | 0x100000, 0), EINVAL);
  int srv = socket(AF_UNIX, SOCK_STREAM, 0);
  check("socket", srv >= 0);
  socklen_t al = abstract_addr(&a, name);
  expect_err("listen unbound", listen(srv, 5), EINVAL);
  expect_err("bind short", bind(srv, (struct sockaddr *)&a, 1), EINVAL);
  a.sun_family = AF_INET;
  expect_err("bind bad family", bind(srv, (struct sockaddr *)&a, al), EINVAL);
  a.sun_family = AF_UNIX;
  expect_eq("bind abstract", bind(srv, (struct sockaddr *)&a, al), 0);
  expect_err("bind again", bind(srv, (struct sockaddr *)&a, al), EINVAL);
  int other = socket(AF_UNIX, SOCK_STREAM, 0);
  expect_err("name in use", bind(other, (struct sockaddr *)&a, al), EADDRINUSE);
  gl = sizeof got;
  expect_eq("getsockname", getsockname(srv, (struct sockaddr *)&got, &gl), 0);
  check("name len", gl == al);
  check("name bytes", memcmp(&got, &a, al) == 0);
  int c = socket(AF_UNIX, SOCK_STREAM, 0);
  expect_err("connect not listening", connect(c, (struct sockaddr *)&a, al), ECONNREFUSED);
  expect_eq("listen", listen(srv, 5), 0);
  int v = 0; socklen_t vl = sizeof v;
  getsockopt(srv, SOL_SOCKET, SO_ACCEPTCONN, &v, &vl);
  expect_eq("acceptconn", v, 1);
  fcntl(srv, F_SETFL, O_NONBLOCK);
  expect_err("accept nothing", accept(srv, NULL, NULL), EAGAIN);
  fcntl(srv, F_SETFL, 0);
  expect_eq("connect", connect(c, (struct sockaddr *)&a, al), 0);
  expect_err("connect again", connect(c, (struct sockaddr *)&a, al), EISCONN);
  expect_eq("send before accept", write(c, "early", 5), 5);
  gl = sizeof got;
  int s = accept4(srv, (struct sockaddr *)&got, &gl, SOCK_CLOEXEC | SOCK_NONBLOCK);
  check("accepted", s >= 0);
  expect_eq("accepted peer len", gl, 2);
  expect_eq("accepted cloexec", fcntl(s, F_GETFD), FD_CLOEXEC);
  expect_eq("accepted nonblock", fcntl(s, F_GETFL) & O_NONBLOCK, O_NONBLOCK);
  expect_eq("read early", read(s, buf, sizeof buf), 5);
  gl = sizeof got;
  expect_eq("accepted sockname", getsockname(s, (struct sockaddr *)&got, &gl), 0);
  check("accepted sockname len", gl == al);
  gl = sizeof got;
  expect_eq("client peername", getpeername(c, (struct sockaddr *)&got, &gl), 0);
  check("client peername len", gl == al);
  check("client peername bytes", memcmp(&got, &a, al) == 0);
  expect_err("listener peername", getpeername(srv, (struct sockaddr *)&got, &gl), ENOTCONN);
  struct ucred uc; socklen_t ul = sizeof uc;
  getsockopt(s, SOL_SOCKET, SO_PEERCRED, &uc, &ul);
  check("server sees client pid", uc.pid == getpid());
  expect_err("accept bad flags", accept4(srv, NULL, NULL, 1), EINVAL);
  int d = socket(AF_UNIX, SOCK_DGRAM, 0);
  expect_err("connect wrong type abstract", connect(d, (struct sockaddr *)&a, al), ECONNREFUSED);
  expect_err("listen dgram", listen(d, 1), EOPNOTSUPP);

  /* A blocking accept woken by a child's connect. */
  pid_t pid = fork();
  if (pid == 0) {
    usleep(20000);
    int cc = socket(AF_UNIX, SOCK_STREAM, 0);
    connect(cc, (struct sockaddr *)&a, al);
    write(cc, "child", 5);
    _exit(0);
  }
  int s2 = accept(srv, NULL, NULL);
  check("blocking accept", s2 >= 0);
  expect_eq("child data", read(s2, buf, sizeof buf), 5);
  waitpid(pid, NULL, 0);
  close(srv);
  expect_err("connect after close", connect(socket(AF_UNIX, SOCK_STREAM, 0), (struct sockaddr *)&a, al), ECONNREFUSED);

  /* Autobind: a name of five hex digits. */
  int ab = socket(AF_UNIX, SOCK_DGRAM, 0);
  struct sockaddr_un fam = {AF_UNIX};
  expect_eq("autobind", bind(ab, (struct sockaddr *)&fam, sizeof(sa_family_t)), 0);
  gl = sizeof got;
  getsockname(ab, (struct sockaddr *)&got, &gl);
  expect_eq("autobind len", gl, 8);
  check("autobind abstract", got.sun_path[0] == 0);

  /* Filesystem names. */
  const char *path = "/tmp/aramid-unix.sock";
  unlink(path);
  int ps = socket(AF_UNIX, SOCK_STREAM, 0);
  socklen_t pl = path_addr(&a, path);
  umask(022);
  expect_eq("bind path", bind(ps, (struct sockaddr *)&a, pl), 0);
  struct stat st;
  expect_eq("node exists", stat(path, &st), 0);
  expect_eq("node is socket", S_ISSOCK(st.st_mode), 1);
  expect_eq("node mode", st.st_mode & 0777, 0755);
  int ps2 = socket(AF_UNIX, SOCK_STREAM, 0);
  expect_err("path in use", bind(ps2, (struct sockaddr *)&a, pl), EADDRINUSE);
  gl = sizeof got;
  getsockname(ps, (struct sockaddr *)&got, &gl);
  expect_eq("path name len", gl, pl);
  check("path name", strcmp(got.sun_path, path) == 0);
  listen(ps, 1);
  expect_err("connect wrong type path", connect(socket(AF_UNIX, SOCK_DGRAM, 0), (struct sockaddr *)&a, pl), EPROTOTYPE);
  int pc = socket(AF_UNIX, SOCK_STREAM, 0);
  expect_eq("connect path", connect(pc, (struct sockaddr *)&a, pl), 0);
  int pa = accept(ps, NULL, NULL);
  write(pc, "fs", 2);
  expect_eq("path data", read(pa, buf, sizeof buf), 2);
  struct sockaddr_un missing;
  socklen_t ml = path_addr(&missing, "/tmp/aramid-no-such.sock");
  expect_err("connect missing path", connect(socket(AF_UNIX, SOCK_STREAM, 0), (struct sockaddr *)&missing, ml), ENOENT);
  ml = path_addr(&missing, "hello.txt");
  expect_err("connect regular file", connect(socket(AF_UNIX, SOCK_STREAM, 0), (struct sockaddr *)&missing, ml), ECONNREFUSED);
  unlink(path);

  /* Datagrams to a named socket carry the sender's name. */
  int rx = socket(AF_UNIX, SOCK_DGRAM, 0);
  al = abstract_addr(&a, "aramid-rx");
  bind(rx, (struct sockaddr *)&a, al);
  int tx = socket(AF_UNIX, SOCK_DGRAM, 0);
  expect_err("dgram send unconnected", send(tx, "x", 1, 0), ENOTCONN);
  expect_eq("sendto", sendto(tx, "unnamed", 7, 0, (struct sockaddr *)&a, al), 7);
  gl = sizeof got;
  expect_eq("recvfrom", recvfrom(rx, buf, sizeof buf, 0, (struct sockaddr *)&got, &gl), 7);
  expect_eq("unnamed sender len", gl, 0);
  struct sockaddr_un ta;
  socklen_t tl = abstract_addr(&ta, "aramid-tx");
  bind(tx, (struct sockaddr *)&ta, tl);
  sendto(tx, "named", 5, 0, (struct sockaddr *)&a, al);
  gl = sizeof got;
  expect_eq("recvfrom named", recvfrom(rx, buf, sizeof buf, 0, (struct sockaddr *)&got, &gl), 5);
  expect_eq("named sender len", gl, tl);
  check("named sender", memcmp(&got, &ta, tl) == 0);
  struct sockaddr_un none;
  socklen_t nl = abstract_addr(&none, "aramid-nobody");
  expect_err("sendto nobody", sendto(tx, "x", 1, 0, (struct sockaddr *)&none, nl), ECONNREFUSED);
  expect_eq("dgram connect", connect(tx, (struct sockaddr *)&a, al), 0);
  expect_eq("send connected", send(tx, "c", 1, 0), 1);
  expect_eq("recv connected", recv(rx, buf, sizeof buf, 0), 1);
  int third = socket(AF_UNIX, SOCK_DGRAM, 0);
  expect_eq("rx connects to tx", connect(rx, (struct sockaddr *)&ta, tl), 0);
  expect_err("third party refused", sendto(third, "x", 1, 0, (struct sockaddr *)&a, al), EPERM);
  struct sockaddr unspec = {AF_UNSPEC};
  expect_eq("dgram disconnect", connect(tx, &unspec, sizeof unspec), 0);
  expect_err("disconnected", send(tx, "x", 1, 0), ENOTCONN);
  return contract_end("unix_connect");
}
