#include "../process/ptest.h"
#include <sys/time.h>
static volatile int hits;
static void h(int s) { (void)s; hits++; }
int main(void) {
  set_handler(SIGALRM, h, 0);
  struct itimerval it = {{0, 50000}, {0, 50000}};
  setitimer(ITIMER_REAL, &it, NULL);
  struct timespec req = {10, 0}, rem = {0, 0};
  long r = nanosleep(&req, &rem);
  int e = errno;
  struct itimerval off = {{0, 0}, {0, 0}};
  setitimer(ITIMER_REAL, &off, NULL);
  printf("nanosleep 10s with a 50ms timer: %s\n", r < 0 ? errno_name(e) : "completed");
  check("rem is set and less than 10s", rem.tv_sec < 10 && (rem.tv_sec > 0 || rem.tv_nsec > 0));
  check("rem is more than 5s", rem.tv_sec >= 5);
  check("rem tv_nsec normalised", rem.tv_nsec >= 0 && rem.tv_nsec < 1000000000);
  /* SA_RESTART does not restart nanosleep (it returns EINTR with rem) */
  set_handler(SIGALRM, h, SA_RESTART);
  setitimer(ITIMER_REAL, &it, NULL);
  r = nanosleep(&req, &rem);
  e = errno;
  setitimer(ITIMER_REAL, &off, NULL);
  printf("with SA_RESTART: %s\n", r < 0 ? errno_name(e) : "completed");
  /* clock_nanosleep returns the error number instead of setting errno */
  setitimer(ITIMER_REAL, &it, NULL);
  int cr = clock_nanosleep(CLOCK_MONOTONIC, 0, &req, &rem);
  setitimer(ITIMER_REAL, &off, NULL);
  printf("clock_nanosleep relative: %s\n", errno_name(cr));
  check("clock_nanosleep rem < 10s", rem.tv_sec < 10);
  /* absolute clock_nanosleep: EINTR, and rem is not written */
  struct timespec abs;
  clock_gettime(CLOCK_MONOTONIC, &abs);
  abs.tv_sec += 10;
  rem.tv_sec = 1234;
  setitimer(ITIMER_REAL, &it, NULL);
  cr = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, &rem);
  setitimer(ITIMER_REAL, &off, NULL);
  printf("clock_nanosleep absolute: %s, rem untouched %s\n", errno_name(cr), rem.tv_sec == 1234 ? "yes" : "no");
  /* bad arguments */
  struct timespec bad = {0, 1000000000};
  expect_err("nanosleep tv_nsec 1e9", nanosleep(&bad, NULL), EINVAL);
  struct timespec neg = {-1, 0};
  expect_err("nanosleep negative", nanosleep(&neg, NULL), EINVAL);
  printf("clock_nanosleep bad clock: %s\n", errno_name(clock_nanosleep(12345, 0, &req, NULL)));
  /* a signal whose action is SIG_IGN does not interrupt */
  signal(SIGUSR1, SIG_IGN);
  struct timespec shortreq = {0, 30000000};
  check("sleep with an ignored signal pending completes", nanosleep(&shortreq, NULL) == 0);
  check("handler ran", hits >= 4);
  return contract_end("nanosleep_eintr");
}
