/* Process groups and sessions (kernel/sys.c setpgid, getpgid, getsid,
 * setsid). Never depends on where the test itself was started: all the
 * group and session changes happen in a child that first makes its own
 * session. */
#include "kt.h"

static int pipe_fds[2];

/* A child that waits until its parent closes the pipe. */
static pid_t sleeper(void (*first)(void)) {
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) {
    if (first) first();
    char c;
    close(pipe_fds[1]);
    while (read(pipe_fds[0], &c, 1) > 0) {}
    _exit(0);
  }
  return p;
}

static void do_setsid(void) { setsid(); }

static void grandchild(void) {
  pid_t leader = getpgid(0);
  expect_ok("B: setpgid(0, 0)", setpgid(0, 0));
  check("B: own group", getpgid(0) == getpid());
  check("B: still in A's session", getsid(0) == leader);
  expect_ok("B: setpgid(0, A) back", setpgid(0, leader));
  check("B: in A's group", getpgid(0) == leader);
  expect_eq("B: setsid returns own pid", setsid() == getpid(), 1);
  check("B: new session and group", getsid(0) == getpid() && getpgid(0) == getpid());
  expect_err("B: setpgid(0, A) across sessions", setpgid(0, leader), EPERM);
}

/* A: a session leader with children to move around. */
static void session_leader(void) {
  pid_t me = getpid(), dead = dead_pid();
  expect_eq("A: setsid returns own pid", setsid() == me, 1);
  check("A: getsid(0) is own pid", getsid(0) == me);
  check("A: getpgid(0) is own pid", getpgid(0) == me);
  check("A: getpgrp() is own pid", getpgrp() == me);
  expect_err("A: setsid again", setsid(), EPERM);
  expect_err("A: setpgid(0, 0) as session leader", setpgid(0, 0), EPERM);
  expect_err("A: setpgid(parent)", setpgid(getppid(), 0), ESRCH);
  expect_err("A: setpgid(dead pid)", setpgid(dead, 0), ESRCH);
  in_child("grandchild", grandchild);
  if (pipe(pipe_fds) != 0) fail("pipe");
  pid_t c = sleeper(NULL);
  check("C: starts in A's group", getpgid(c) == me && getsid(c) == me);
  expect_ok("A: setpgid(C, C)", setpgid(c, c));
  check("C: own group", getpgid(c) == c);
  expect_ok("A: setpgid(C, 0) again", setpgid(c, 0));
  expect_ok("A: setpgid(C, A)", setpgid(c, me));
  check("C: back in A's group", getpgid(c) == me);
  expect_err("A: setpgid(C, dead pid) (no such group)", setpgid(c, dead), EPERM);
  expect_err("A: setpgid(C, -1)", setpgid(c, -1), EINVAL);
  pid_t d = sleeper(do_setsid);
  for (int i = 0; i < 1000 && getsid(d) != d; i++) usleep(1000);
  check("D: made its own session", getsid(d) == d);
  expect_err("A: setpgid(D, D) across sessions", setpgid(d, d), EPERM);
  expect_err("A: setpgid(C, D) (group in another session)", setpgid(c, d), EPERM);
  close(pipe_fds[0]);
  close(pipe_fds[1]);
  waitpid(c, NULL, 0);
  waitpid(d, NULL, 0);
  expect_err("A: getpgid(reaped C)", getpgid(c), ESRCH);
  expect_err("A: getsid(reaped D)", getsid(d), ESRCH);
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  pid_t dead = dead_pid();
  check("getsid(0) == getsid(getpid())", getsid(0) == getsid(getpid()));
  check("getpgid(0) == getpgrp()", getpgid(0) == getpgrp());
  expect_err("getpgid(dead pid)", getpgid(dead), ESRCH);
  expect_err("getsid(dead pid)", getsid(dead), ESRCH);
  expect_err("getpgid(-1)", getpgid(-1), ESRCH);
  expect_err("setpgid(0, -1)", setpgid(0, -1), EINVAL);
  expect_err("setpgid(dead pid, 0)", setpgid(dead, 0), ESRCH);
  in_child("session leader", session_leader);
  return contract_end("session");
}
