/* poll/ppoll on unix sockets: a fresh stream pair is POLLOUT only; data
 * makes POLLIN; the peer's shutdown(SHUT_WR) gives POLLIN|POLLRDHUP; the
 * peer's close gives POLLIN|POLLOUT|POLLHUP|POLLRDHUP (the writer side
 * stays POLLOUT); a listening socket is POLLIN when a
 * connection waits; an unconnected stream socket is POLLOUT|POLLHUP;
 * POLLNVAL for a closed fd; ppoll: a zero timeout, EINVAL for a bad
 * timespec and for nfds beyond RLIMIT_NOFILE, EFAULT for a bad array,
 * and a signal blocked by the ppoll mask stays pending. */
#include "contract.h"
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <stddef.h>
#include <time.h>

static short rev(int fd, short events) {
  struct pollfd pf = {.fd = fd, .events = events};
  int n = poll(&pf, 1, 0);
  return n < 0 ? -1 : pf.revents;
}

static void show(const char *what, short r) {
  printf("%s:%s%s%s%s%s%s\n", what, r & POLLIN ? " IN" : "", r & POLLOUT ? " OUT" : "", r & POLLRDHUP ? " RDHUP" : "",
         r & POLLHUP ? " HUP" : "", r & POLLERR ? " ERR" : "", r & POLLNVAL ? " NVAL" : "");
}

#define ALL (POLLIN | POLLOUT | POLLRDHUP)

int main(void) {
  int s[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, s);
  show("fresh pair", rev(s[0], ALL));
  write(s[1], "x", 1);
  show("with data", rev(s[0], ALL));
  shutdown(s[1], SHUT_WR);
  show("peer shut wr", rev(s[0], ALL));
  show("shut side", rev(s[1], ALL));
  close(s[1]);
  show("peer closed", rev(s[0], ALL));
  char c;
  read(s[0], &c, 1);
  show("peer closed, drained", rev(s[0], ALL));
  close(s[0]);
  socketpair(AF_UNIX, SOCK_DGRAM, 0, s);
  show("dgram pair", rev(s[0], ALL));
  close(s[1]);
  show("dgram peer closed", rev(s[0], ALL));
  close(s[0]);
  socketpair(AF_UNIX, SOCK_SEQPACKET, 0, s);
  close(s[1]);
  show("seqpacket peer closed", rev(s[0], ALL));
  close(s[0]);
  int u = socket(AF_UNIX, SOCK_STREAM, 0);
  show("unconnected stream", rev(u, ALL));
  struct sockaddr_un sa = {.sun_family = AF_UNIX};
  snprintf(sa.sun_path + 1, sizeof sa.sun_path - 1, "aramid-contract-pollhup-%d", (int)getpid());
  socklen_t len = offsetof(struct sockaddr_un, sun_path) + 1 + strlen(sa.sun_path + 1);
  bind(u, (struct sockaddr *)&sa, len);
  listen(u, 4);
  show("listener idle", rev(u, ALL));
  int c1 = socket(AF_UNIX, SOCK_STREAM, 0);
  expect_ok("connect", connect(c1, (struct sockaddr *)&sa, len));
  show("listener pending", rev(u, ALL));
  show("client before accept", rev(c1, ALL));
  close(c1);
  show("listener after client left", rev(u, ALL));
  close(u);
  show("closed fd", rev(u, POLLIN));
  struct timespec zero = {0, 0};
  int q[2];
  pipe(q);
  struct pollfd pf = {.fd = q[0], .events = POLLIN};
  expect_eq("ppoll zero timeout", ppoll(&pf, 1, &zero, NULL), 0);
  struct timespec bad = {0, 1000000000};
  expect_err("ppoll bad timespec", ppoll(&pf, 1, &bad, NULL), EINVAL);
  struct timespec neg = {-1, 0};
  expect_err("ppoll negative timespec", ppoll(&pf, 1, &neg, NULL), EINVAL);
  struct rlimit rl;
  getrlimit(RLIMIT_NOFILE, &rl);
  expect_err("nfds beyond RLIMIT_NOFILE", poll(&pf, rl.rlim_cur + 1, 0), EINVAL);
  expect_err("bad array", syscall(SYS_ppoll, BAD_PTR, 1, &zero, NULL, 8), EFAULT);
  sigset_t block, old;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR1);
  sigprocmask(SIG_BLOCK, &block, &old);
  raise(SIGUSR1);
  sigset_t during;
  sigemptyset(&during);
  sigaddset(&during, SIGUSR1);
  struct timespec short_t = {0, 10000000};
  expect_eq("ppoll with SIGUSR1 masked times out", ppoll(&pf, 1, &short_t, &during), 0);
  sigset_t pend;
  sigpending(&pend);
  check("still pending", sigismember(&pend, SIGUSR1));
  signal(SIGUSR1, SIG_IGN);
  sigprocmask(SIG_SETMASK, &old, NULL);
  return contract_end("sk_poll_hup");
}
