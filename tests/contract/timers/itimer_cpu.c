#include "../process/ptest.h"
#include <sys/time.h>
static volatile int vt, pf;
static void hv(int s) { (void)s; vt++; }
static void hp(int s) { (void)s; pf++; }
static volatile unsigned long sink;
int main(void) {
  set_handler(SIGVTALRM, hv, SA_RESTART);
  set_handler(SIGPROF, hp, SA_RESTART);
  struct itimerval it = {{0, 10000}, {0, 10000}}, old;
  expect_ok("setitimer VIRTUAL 10ms", setitimer(ITIMER_VIRTUAL, &it, NULL));
  expect_ok("setitimer PROF 10ms", setitimer(ITIMER_PROF, &it, NULL));
  getitimer(ITIMER_VIRTUAL, &old);
  check("VIRTUAL armed", old.it_interval.tv_usec == 10000);
  /* burn CPU until both have fired a few times */
  long long t0 = now_ns(CLOCK_MONOTONIC);
  while ((vt < 3 || pf < 3) && now_ns(CLOCK_MONOTONIC) - t0 < 60000000000LL)
    for (int i = 0; i < 100000; i++) sink += i;
  struct itimerval zero = {{0, 0}, {0, 0}};
  setitimer(ITIMER_VIRTUAL, &zero, NULL);
  setitimer(ITIMER_PROF, &zero, NULL);
  check("SIGVTALRM fired at least 3 times", vt >= 3);
  check("SIGPROF fired at least 3 times", pf >= 3);
  /* a sleeping process does not consume virtual time */
  vt = 0;
  it = (struct itimerval){{0, 0}, {0, 5000}};
  setitimer(ITIMER_VIRTUAL, &it, NULL);
  struct timespec ts = {0, 100000000};
  nanosleep(&ts, NULL);
  getitimer(ITIMER_VIRTUAL, &old);
  check("virtual timer barely moved during a sleep", vt == 0 && old.it_value.tv_usec > 0);
  setitimer(ITIMER_VIRTUAL, &zero, NULL);
  /* default action of SIGVTALRM/SIGPROF terminates */
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) { signal(SIGPROF, SIG_DFL); struct itimerval t = {{0, 0}, {0, 10000}}; setitimer(ITIMER_PROF, &t, NULL); for (;;) sink++; }
  expect_status("SIGPROF default", c, "signal SIGPROF");
  return contract_end("itimer_cpu");
}
