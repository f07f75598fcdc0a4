/* What execve changes (fs/exec.c begin_new_exec, security/commoncap.c):
 * a child that has exec'd can no longer be moved by setpgid (EACCES); the
 * saved and fs ids become the effective ones; capabilities are recomputed
 * for root; keepcaps is cleared; dumpable is reset (0 when real and
 * effective ids differ); no_new_privs and timer slack survive. The program
 * runs itself again (argv[0]) with a mode in argv[1]. */
#include "kt.h"
#include <sys/prctl.h>

static char *self;

static void run_self(const char *mode, const char *a, const char *b) {
  char *argv[] = { self, (char *)mode, (char *)a, (char *)b, NULL };
  execv(self, argv);
  fail("execv: %s", errno_name(errno));
  fflush(stdout);
  _exit(1);
}

/* exec'd: tell the parent, then wait for it to close the pipe. */
static int mode_wait(char **argv) {
  int ready = atoi(argv[2]), hold = atoi(argv[3]);
  char c = 'x';
  write(ready, &c, 1);
  while (read(hold, &c, 1) > 0) {}
  return 0;
}

static int mode_creds(void) {
  show_res("after exec: resuid", 0);
  struct caps c = get_caps();
  check("after exec: CAP_SETUID permitted (ruid 0)", has_cap(c.prm, CAP_SETUID));
  check("after exec: effective empty (euid 1000)", c.eff == 0);
  expect_eq("after exec: dumpable", prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
  expect_eq("after exec: keepcaps cleared", prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0), 0);
  expect_eq("after exec: no_new_privs kept", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), 1);
  expect_eq("after exec: timer slack kept", prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0), 66666);
  return contract_failed;
}

static int mode_root(void) {
  struct caps c = get_caps();
  check("root after exec: effective == permitted", c.eff == c.prm && has_cap(c.eff, CAP_SETUID));
  expect_eq("root after exec: dumpable reset", prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 1);
  return contract_failed;
}

static void setpgid_after_exec(void) {
  int go[2], ready[2], hold[2];
  char a[16], b[16], c;
  if (pipe(go) != 0 || pipe(ready) != 0 || pipe(hold) != 0) fail("pipe");
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) {
    close(ready[0]);
    close(hold[1]);
    close(go[1]);
    /* Exec only once the parent has moved us (the child may run first). */
    read(go[0], &c, 1);
    snprintf(a, sizeof a, "%d", ready[1]);
    snprintf(b, sizeof b, "%d", hold[0]);
    run_self("wait", a, b);
  }
  close(go[0]);
  close(ready[1]);
  close(hold[0]);
  expect_ok("setpgid(child, child) before exec", setpgid(p, p));
  write(go[1], "g", 1);
  read(ready[0], &c, 1);
  expect_err("setpgid(child, 0) after exec", setpgid(p, 0), EACCES);
  expect_err("setpgid(child, own group) after exec", setpgid(p, getpgid(0)), EACCES);
  close(hold[1]);
  waitpid(p, NULL, 0);
}

static void exec_and_wait(const char *what, void (*prepare)(void), const char *mode) {
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) {
    prepare();
    run_self(mode, "", "");
  }
  int st = 0;
  waitpid(p, &st, 0);
  if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) fail("%s: exec'd child failed (0x%x)", what, st);
}

static void prepare_creds(void) {
  prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0);
  prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
  prctl(PR_SET_TIMERSLACK, 66666, 0, 0, 0);
  syscall(SYS_setresuid, 0, 1000, 0);
}

static void prepare_root(void) { prctl(PR_SET_DUMPABLE, 0, 0, 0, 0); }

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  self = argv[0];
  if (argc > 1 && strcmp(argv[1], "wait") == 0) return mode_wait(argv);
  if (argc > 1 && strcmp(argv[1], "creds") == 0) return mode_creds();
  if (argc > 1 && strcmp(argv[1], "root") == 0) return mode_root();
  setpgid_after_exec();
  exec_and_wait("creds", prepare_creds, "creds");
  exec_and_wait("root", prepare_root, "root");
  return contract_end("session_exec");
}
