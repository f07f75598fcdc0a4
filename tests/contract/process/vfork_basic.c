#include "ptest.h"
static volatile int shared = 0;
int main(int argc, char **argv) {
  if (argc > 1) { printf("exec'd child says %s\n", argv[1]); fflush(stdout); return 5; }
  fflush(stdout);
  pid_t p = vfork();
  if (p == 0) { shared = 123; _exit(11); }
  /* the parent runs only after the child has exited: it sees the write */
  expect_eq("value written by vfork child", shared, 123);
  expect_status("vfork child", p, "exit 11");
  fflush(stdout);
  p = vfork();
  if (p == 0) {
    char *av[] = {argv[0], "hi", NULL};
    execv(argv[0], av);
    _exit(127);
  }
  /* the parent resumes once the child has exec'd */
  expect_status("vfork+exec child", p, "exit 5");
  fflush(stdout);
  p = vfork();
  if (p == 0) { char *av[] = {"/nonexistent", NULL}; execv("/nonexistent", av); _exit(errno == ENOENT ? 44 : 45); }
  expect_status("vfork+failed exec", p, "exit 44");
  return contract_end("vfork_basic");
}
