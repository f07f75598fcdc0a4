#include "ptest.h"
extern char **environ;
int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "child") == 0) {
    printf("child argc=%d\n", argc);
    for (int i = 1; i < argc; i++) printf("child argv[%d]=[%s]\n", i, argv[i]);
    int n = 0;
    for (char **e = environ; *e; e++) printf("child env[%d]=[%s]\n", n++, *e);
    printf("child envc=%d getenv(FOO)=%s\n", n, getenv("FOO") ? getenv("FOO") : "(null)");
    fflush(stdout);
    return 4;
  }
  char *av[] = {argv[0], "child", "", "two words", "x=y", NULL};
  char *ev[] = {"FOO=bar", "EMPTY=", "NOEQUALS", "A=1=2", NULL};
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) { execve(argv[0], av, ev); _exit(127); }
  expect_status("child with env", p, "exit 4");
  char *ev0[] = {NULL};
  char *av2[] = {argv[0], "child", NULL};
  fflush(stdout);
  p = fork();
  if (p == 0) { execve(argv[0], av2, ev0); _exit(127); }
  expect_status("child with empty env", p, "exit 4");
  /* a long argument survives */
  static char big[100000];
  memset(big, 'a', sizeof big - 1);
  char *av3[] = {argv[0], "child", big, NULL};
  fflush(stdout);
  p = fork();
  if (p == 0) { close(1); open("/dev/null", O_WRONLY); execve(argv[0], av3, ev0); _exit(127); }
  int st;
  waitpid(p, &st, 0);
  /* stdout may be closed in the child if /dev/null is missing; only the status matters */
  printf("100000-byte argument: %s\n", WIFEXITED(st) && (WEXITSTATUS(st) == 4 || WEXITSTATUS(st) == 127) ? "ran" : status_str(st));
  expect_err("execve bad argv pointer", syscall(SYS_execve, argv[0], BAD_PTR, ev0), EFAULT);
  expect_err("execve bad path pointer", syscall(SYS_execve, BAD_PTR, av2, ev0), EFAULT);
  expect_err("execve missing file", execve("/no/such/file", av2, ev0), ENOENT);
  expect_err("execve a directory", execve("dir", av2, ev0), EACCES);
  expect_err("execve a non-executable file", execve("hello.txt", av2, ev0), EACCES);
  expect_err("execve through a file as a directory", execve("hello.txt/x", av2, ev0), ENOTDIR);
  return contract_end("exec_argv_env");
}
