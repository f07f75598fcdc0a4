#include "../process/ptest.h"
/* kill(-1) as an unprivileged user reaches exactly that user's processes other than
 * the sender. The test runs as root (CI) and drops to an otherwise unused uid in a
 * child, so nothing else on the machine is touched. */
int main(void) {
  int fds[2], ready[2];
  pipe(fds);
  pipe(ready);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    if (setresuid(54329, 54329, 54329) < 0) _exit(90);
    pid_t a = fork();
    if (a == 0) { write(ready[1], "r", 1); char ch; read(fds[0], &ch, 1); _exit(0); }
    pid_t b = fork();
    if (b == 0) { write(ready[1], "r", 1); char ch; read(fds[0], &ch, 1); _exit(0); }
    wait_byte(ready[0]);
    wait_byte(ready[0]);
    signal(SIGTERM, SIG_DFL);
    if (kill(-1, SIGTERM) < 0) _exit(91);
    int sa, sb;
    waitpid(a, &sa, 0);
    waitpid(b, &sb, 0);
    int ok = WIFSIGNALED(sa) && WTERMSIG(sa) == SIGTERM && WIFSIGNALED(sb) && WTERMSIG(sb) == SIGTERM;
    /* no process of ours is left, but others exist (our root parent, init): Linux counts
     * them as attempted and ignores their EPERM, so the answer is 0, not ESRCH */
    int e = kill(-1, SIGTERM) < 0 ? errno : 0;
    _exit(ok ? (e == 0 ? 0 : 2) : 1);
  }
  expect_status("unprivileged kill(-1): both siblings killed, sender spared, then kill(-1) still succeeds", c, "exit 0");
  /* we (root) were not signalled by the unprivileged kill(-1) */
  check("parent still alive", 1);
  return contract_end("kill_minus1");
}
