#include "ptest.h"
static volatile int handled;
static volatile int hcode, hstatus;
static void h(int s, siginfo_t *si, void *u) { (void)s; (void)u; handled++; hcode = si->si_code; hstatus = si->si_status; }
int main(void) {
  int st;
  /* SIGCHLD ignored: children are reaped automatically */
  signal(SIGCHLD, SIG_IGN);
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) _exit(1);
  long r;
  do r = waitpid(p, &st, 0); while (r < 0 && errno == EINTR);
  printf("waitpid with SIGCHLD ignored: %s\n", r < 0 ? errno_name(errno) : "reaped");
  if (!(r < 0 && errno == ECHILD)) fail("SIG_IGN autoreap");
  expect_err("kill(child, 0) after autoreap", kill(p, 0), ESRCH);
  /* wait(-1) blocks until all children are gone, then ECHILD */
  fflush(stdout);
  for (int i = 0; i < 3; i++) if (fork() == 0) _exit(0);
  do r = wait(&st); while (r < 0 && errno == EINTR);
  printf("wait with 3 ignored children: %s\n", r < 0 ? errno_name(errno) : "reaped");
  /* SA_NOCLDWAIT with a handler: reaped automatically, the handler still runs */
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGCHLD);
  sigprocmask(SIG_BLOCK, &s, NULL);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = h;
  sa.sa_flags = SA_SIGINFO | SA_NOCLDWAIT;
  sigaction(SIGCHLD, &sa, NULL);
  fflush(stdout);
  p = fork();
  if (p == 0) _exit(5);
  do r = waitpid(p, &st, 0); while (r < 0 && errno == EINTR);
  printf("waitpid with SA_NOCLDWAIT: %s\n", r < 0 ? errno_name(errno) : "reaped");
  if (!(r < 0 && errno == ECHILD)) fail("SA_NOCLDWAIT autoreap");
  sigprocmask(SIG_UNBLOCK, &s, NULL);
  expect_eq("handler ran once", handled, 1);
  printf("handler si_code=%s si_status=%d\n", cld_code(hcode), hstatus);
  /* back to default: zombies again */
  signal(SIGCHLD, SIG_DFL);
  fflush(stdout);
  p = fork();
  if (p == 0) _exit(6);
  expect_status("default SIGCHLD child", p, "exit 6");
  return contract_end("sigchld_autoreap");
}
