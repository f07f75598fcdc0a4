#include "ptest.h"
#include <sys/resource.h>
/* RLIMIT_NPROC is enforced for non-root users. Run as root: a child drops to a
 * uid nothing else on the machine uses. */
int main(void) {
  int rel[2], res[2];
  pipe(rel);
  pipe(res);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    struct rlimit rl = {3, 3};
    setrlimit(RLIMIT_NPROC, &rl);
    if (setresuid(54330, 54330, 54330) < 0) _exit(90);
    int made = 0, err = 0;
    pid_t kids[8];
    for (int i = 0; i < 8; i++) {
      pid_t k = fork();
      if (k == 0) { char ch; close(rel[1]); read(rel[0], &ch, 1); _exit(0); }
      if (k < 0) { err = errno; break; }
      kids[made++] = k;
    }
    int out[2] = {made, err};
    write(res[1], out, sizeof out);
    close(rel[1]);
    for (int i = 0; i < made; i++) waitpid(kids[i], NULL, 0);
    /* after the children are reaped, forking works again */
    pid_t k = fork();
    if (k == 0) _exit(0);
    if (k > 0) waitpid(k, NULL, 0);
    _exit(k > 0 ? 0 : 1);
  }
  close(rel[0]);
  int out[2];
  read(res[0], out, sizeof out);
  expect_eq("forks allowed with NPROC 3 (one process already counted)", out[0], 2);
  printf("then fork: %s\n", errno_name(out[1]));
  close(rel[1]);
  expect_status("fork works again after reaping", c, "exit 0");
  /* root ignores the limit */
  fflush(stdout);
  c = fork();
  if (c == 0) {
    struct rlimit rl = {1, 1};
    setrlimit(RLIMIT_NPROC, &rl);
    pid_t k = fork();
    if (k == 0) _exit(0);
    if (k > 0) waitpid(k, NULL, 0);
    _exit(k > 0 ? 0 : 1);
  }
  expect_status("root is exempt", c, "exit 0");
  return contract_end("rlimit_nproc");
}
