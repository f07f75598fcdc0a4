/* AF_UNIX stream: a transfer much larger than the socket buffer, in both directions, with FIONREAD. */
#include "contract.h"
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>

#define TOTAL (1 << 20)

int main(void) {
  int sv[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  write(sv[0], "12345", 5);
  int n = -1;
  expect_eq("FIONREAD", ioctl(sv[1], FIONREAD, &n), 0);
  expect_eq("FIONREAD value", n, 5);
  char tmp[8];
  read(sv[1], tmp, 5);
  pid_t pid = fork();
  if (pid == 0) {
    static char out[TOTAL];
    for (int i = 0; i < TOTAL; i++) out[i] = (char)(i * 7);
    /* One write of 1 MiB: it blocks several times on a full buffer and returns the whole count. */
    ssize_t w = write(sv[1], out, TOTAL);
    _exit(w == TOTAL ? 0 : 1);
  }
  static char in[TOTAL];
  long got = 0;
  int bad = 0;
  while (got < TOTAL) {
    ssize_t r = read(sv[0], in + got, 4096 * 3);
    if (r <= 0) break;
    got += r;
  }
  for (int i = 0; i < TOTAL; i++) if (in[i] != (char)(i * 7)) bad++;
  int status;
  waitpid(pid, &status, 0);
  expect_eq("received", got, TOTAL);
  expect_eq("corrupt bytes", bad, 0);
  expect_eq("writer got full count", WEXITSTATUS(status), 0);

  /* Non-blocking: fills until EAGAIN, partial counts allowed. */
  fcntl(sv[1], F_SETFL, O_NONBLOCK);
  long sent = 0;
  for (;;) {
    ssize_t w = write(sv[1], in, 65536);
    if (w < 0) {
      expect_err("full", w, EAGAIN);
      break;
    }
    sent += w;
  }
  check("sent something", sent > 0);
  long drained = 0;
  fcntl(sv[0], F_SETFL, O_NONBLOCK);
  for (;;) {
    ssize_t r = read(sv[0], in, sizeof in);
    if (r <= 0) break;
    drained += r;
  }
  check("drained all", drained == sent);
  return contract_end("unix_bulk");
}
