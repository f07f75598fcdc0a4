/* AF_UNIX naming errors: binding a taken path is EADDRINUSE (even after
 * the socket closed: the file stays), connecting to a missing path is
 * ENOENT, to a bound but not listening socket or to a regular file
 * ECONNREFUSED, to a listener whose socket closed ECONNREFUSED; the bound
 * file is a socket (S_IFSOCK); unlinking it does not affect an accepted
 * connection; autobind (addrlen == sizeof(sa_family_t)) gives a 5-hex-digit
 * abstract name; getsockname/getpeername lengths; binding a bound socket again is EINVAL;
 * a too-long sun_path is EINVAL; listen on a datagram socket EOPNOTSUPP;
 * accept on a non-listening socket EINVAL; connect twice EISCONN;
 * getpeername when unconnected ENOTCONN; wrong family EINVAL; abstract
 * names are distinct from paths; the socket node of a dead socket can be
 * reused after unlink. */
#include "contract.h"
#include <stddef.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

static socklen_t path_addr(struct sockaddr_un *sa, const char *path) {
  memset(sa, 0, sizeof *sa);
  sa->sun_family = AF_UNIX;
  strncpy(sa->sun_path, path, sizeof sa->sun_path - 1);
  return offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1;
}

int main(void) {
  char path[128], file[140];
  snprintf(path, sizeof path, "%s", tmp_path("ubind"));
  snprintf(file, sizeof file, "%s-file", path);
  struct sockaddr_un sa, fa, got;
  socklen_t len = path_addr(&sa, path);
  int c = socket(AF_UNIX, SOCK_STREAM, 0);
  expect_err("connect missing", connect(c, (struct sockaddr *)&sa, len), ENOENT);
  int s = socket(AF_UNIX, SOCK_STREAM, 0);
  expect_ok("bind", bind(s, (struct sockaddr *)&sa, len));
  struct stat st;
  stat(path, &st);
  check("is a socket file", S_ISSOCK(st.st_mode));
  expect_err("same path again", bind(s, (struct sockaddr *)&sa, len), EADDRINUSE);
  struct sockaddr_un other;
  socklen_t olen = path_addr(&other, file);
  expect_err("bound socket, new name", bind(s, (struct sockaddr *)&other, olen), EINVAL);
  int s2 = socket(AF_UNIX, SOCK_STREAM, 0);
  expect_err("path taken", bind(s2, (struct sockaddr *)&sa, len), EADDRINUSE);
  expect_err("not listening", connect(c, (struct sockaddr *)&sa, len), ECONNREFUSED);
  int fa_len = path_addr(&fa, file);
  close(open(file, O_CREAT | O_WRONLY, 0644));
  expect_err("regular file", connect(c, (struct sockaddr *)&fa, fa_len), ECONNREFUSED);
  expect_err("accept before listen", accept(s, NULL, NULL), EINVAL);
  expect_ok("listen", listen(s, 4));
  expect_ok("connect", connect(c, (struct sockaddr *)&sa, len));
  expect_err("connect twice", connect(c, (struct sockaddr *)&sa, len), EISCONN);
  int a = accept4(s, NULL, NULL, SOCK_CLOEXEC);
  expect_ok("accept4", a);
  expect_eq("accept4 cloexec", fcntl(a, F_GETFD) & FD_CLOEXEC, 1);
  socklen_t gl = sizeof got;
  getsockname(a, (struct sockaddr *)&got, &gl);
  check("accepted socket named like the listener", gl == len && strcmp(got.sun_path, path) == 0);
  gl = sizeof got;
  getpeername(a, (struct sockaddr *)&got, &gl);
  expect_eq("peer unnamed length", gl, sizeof(sa_family_t));
  gl = sizeof got;
  getpeername(c, (struct sockaddr *)&got, &gl);
  check("client's peer is the path", gl == len && strcmp(got.sun_path, path) == 0);
  unlink(path);
  expect_eq("works after unlink", write(c, "hi", 2), 2);
  char buf[4];
  expect_eq("read", read(a, buf, sizeof buf), 2);
  close(s);
  int s3 = socket(AF_UNIX, SOCK_STREAM, 0);
  len = path_addr(&sa, path);
  expect_ok("rebind after unlink", bind(s3, (struct sockaddr *)&sa, len));
  close(s3);
  int c2 = socket(AF_UNIX, SOCK_STREAM, 0);
  expect_err("listener closed, file stays", connect(c2, (struct sockaddr *)&sa, len), ECONNREFUSED);
  int s4 = socket(AF_UNIX, SOCK_STREAM, 0);
  expect_err("bind over stale file", bind(s4, (struct sockaddr *)&sa, len), EADDRINUSE);
  unlink(path);

  int au = socket(AF_UNIX, SOCK_DGRAM, 0);
  struct sockaddr_un ab = {.sun_family = AF_UNIX};
  expect_ok("autobind", bind(au, (struct sockaddr *)&ab, sizeof(sa_family_t)));
  gl = sizeof got;
  getsockname(au, (struct sockaddr *)&got, &gl);
  expect_eq("autobind length", gl, offsetof(struct sockaddr_un, sun_path) + 6);
  int hex = got.sun_path[0] == 0;
  for (int i = 1; i < 6; i++) hex &= strchr("0123456789abcdef", got.sun_path[i]) != NULL;
  check("abstract, 5 hex digits", hex);
  expect_err("listen on dgram", listen(au, 1), EOPNOTSUPP);
  int u = socket(AF_UNIX, SOCK_STREAM, 0);
  gl = sizeof got;
  expect_err("getpeername unconnected", getpeername(u, (struct sockaddr *)&got, &gl), ENOTCONN);
  gl = sizeof got;
  expect_ok("getsockname unbound", getsockname(u, (struct sockaddr *)&got, &gl));
  expect_eq("unbound length", gl, sizeof(sa_family_t));
  struct sockaddr_un longp = {.sun_family = AF_UNIX};
  memset(longp.sun_path, 'x', sizeof longp.sun_path);
  expect_err("path fills sun_path", bind(u, (struct sockaddr *)&longp, sizeof longp + 1), EINVAL);
  struct sockaddr_un wrong = {.sun_family = AF_INET};
  expect_err("wrong family", bind(u, (struct sockaddr *)&wrong, sizeof wrong), EINVAL);
  struct sockaddr_un abs1 = {.sun_family = AF_UNIX};
  snprintf(abs1.sun_path + 1, sizeof abs1.sun_path - 1, "%s", path);
  socklen_t alen = offsetof(struct sockaddr_un, sun_path) + 1 + strlen(path);
  expect_ok("abstract with a path's name", bind(u, (struct sockaddr *)&abs1, alen));
  expect_err("no file for it", stat(path, &st), ENOENT);
  unlink(file);
  return contract_end("sk_unix_bind");
}
