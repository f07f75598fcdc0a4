#include "../process/ptest.h"
#include <sys/time.h>
static volatile int ticks;
static void h(int s) { (void)s; ticks++; }
int main(void) {
  struct itimerval it, old;
  set_handler(SIGALRM, h, 0);
  expect_ok("getitimer REAL (disarmed)", getitimer(ITIMER_REAL, &old));
  check("disarmed reads zero", old.it_value.tv_sec == 0 && old.it_value.tv_usec == 0 && old.it_interval.tv_sec == 0);
  /* one-shot */
  it = (struct itimerval){{0, 0}, {0, 30000}};
  expect_ok("setitimer 30ms one-shot", setitimer(ITIMER_REAL, &it, NULL));
  sigset_t e;
  sigemptyset(&e);
  while (ticks == 0) sigsuspend(&e);
  expect_eq("fired once", ticks, 1);
  getitimer(ITIMER_REAL, &old);
  check("one-shot disarmed after firing", old.it_value.tv_sec == 0 && old.it_value.tv_usec == 0);
  /* periodic: count 3 ticks then disarm */
  ticks = 0;
  it = (struct itimerval){{0, 10000}, {0, 10000}};
  setitimer(ITIMER_REAL, &it, NULL);
  while (ticks < 3) sigsuspend(&e);
  struct itimerval zero = {{0, 0}, {0, 0}};
  expect_ok("disarm", setitimer(ITIMER_REAL, &zero, &old));
  check("old value shows the interval", old.it_interval.tv_sec == 0 && old.it_interval.tv_usec == 10000);
  check("old value remaining <= interval", old.it_value.tv_sec == 0 && old.it_value.tv_usec <= 10000);
  /* a long timer: getitimer counts down, setitimer returns the old value */
  it = (struct itimerval){{0, 0}, {100, 0}};
  setitimer(ITIMER_REAL, &it, NULL);
  getitimer(ITIMER_REAL, &old);
  check("remaining in (99s, 100s]", old.it_value.tv_sec == 99 || (old.it_value.tv_sec == 100 && old.it_value.tv_usec == 0));
  expect_eq("alarm(5) returns the old seconds (rounded)", alarm(5), 100);
  getitimer(ITIMER_REAL, &old);
  check("alarm(5) set the real timer", old.it_value.tv_sec == 4 || old.it_value.tv_sec == 5);
  expect_eq("alarm(0) returns 5", alarm(0), 5);
  getitimer(ITIMER_REAL, &old);
  check("alarm(0) disarmed", old.it_value.tv_sec == 0 && old.it_value.tv_usec == 0);
  expect_eq("alarm(0) again returns 0", alarm(0), 0);
  /* errors */
  it = (struct itimerval){{0, 0}, {0, 1000000}};
  expect_err("tv_usec 1e6", setitimer(ITIMER_REAL, &it, NULL), EINVAL);
  it = (struct itimerval){{0, 0}, {-1, 0}};
  expect_err("negative tv_sec", setitimer(ITIMER_REAL, &it, NULL), EINVAL);
  it = (struct itimerval){{0, 0}, {0, 0}};
  expect_err("which 3", syscall(SYS_setitimer, 3, &it, NULL), EINVAL);
  expect_err("getitimer which 3", syscall(SYS_getitimer, 3, &old), EINVAL);
  expect_err("getitimer bad pointer", syscall(SYS_getitimer, ITIMER_REAL, BAD_PTR), EFAULT);
  /* the timer is per process and survives fork only in the parent */
  it = (struct itimerval){{0, 0}, {100, 0}};
  setitimer(ITIMER_REAL, &it, NULL);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) { struct itimerval o; getitimer(ITIMER_REAL, &o); _exit(o.it_value.tv_sec == 0 && o.it_value.tv_usec == 0 ? 0 : 1); }
  expect_status("child does not inherit the timer", c, "exit 0");
  alarm(0);
  /* default action of SIGALRM kills */
  c = fork();
  if (c == 0) { signal(SIGALRM, SIG_DFL); struct itimerval t = {{0, 0}, {0, 10000}}; setitimer(ITIMER_REAL, &t, NULL); for (;;) pause(); }
  expect_status("SIGALRM default", c, "signal SIGALRM");
  return contract_end("itimer_real");
}
