#include "../process/ptest.h"
int main(void) {
  struct sigevent sev;
  memset(&sev, 0, sizeof sev);
  sev.sigev_notify = SIGEV_NONE;
  timer_t t;
  expect_ok("timer_create SIGEV_NONE", timer_create(CLOCK_MONOTONIC, &sev, &t));
  struct itimerspec its = {{0, 0}, {0, 30000000}}, cur;
  timer_settime(t, 0, &its, NULL);
  timer_gettime(t, &cur);
  check("counting down", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0 && cur.it_value.tv_nsec <= 30000000);
  struct timespec s = {0, 60000000};
  nanosleep(&s, NULL);
  timer_gettime(t, &cur);
  check("expired one-shot reads zero", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);
  sigset_t p;
  sigpending(&p);
  int any = 0;
  for (int i = 1; i < 65; i++) any |= sigismember(&p, i) == 1;
  check("no signal pending", !any);
  /* a periodic SIGEV_NONE timer keeps reporting time to the next expiry */
  its = (struct itimerspec){{0, 10000000}, {0, 10000000}};
  timer_settime(t, 0, &its, NULL);
  nanosleep(&s, NULL);
  timer_gettime(t, &cur);
  check("periodic: value within the period", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0 && cur.it_value.tv_nsec <= 10000000);
  check("periodic: interval reported", cur.it_interval.tv_nsec == 10000000);
  timer_delete(t);
  /* timer ids are per process, several timers coexist */
  timer_t many[8];
  int ok = 1;
  for (int i = 0; i < 8; i++) ok &= timer_create(CLOCK_MONOTONIC, &sev, &many[i]) == 0;
  check("8 timers", ok);
  int distinct = 1;
  for (int i = 0; i < 8; i++) for (int j = 0; j < i; j++) if (many[i] == many[j]) distinct = 0;
  check("distinct ids", distinct);
  for (int i = 0; i < 8; i++) ok &= timer_delete(many[i]) == 0;
  check("all deleted", ok);
  /* CPU-time clocks */
  expect_ok("timer_create PROCESS_CPUTIME", timer_create(CLOCK_PROCESS_CPUTIME_ID, &sev, &t));
  timer_delete(t);
  expect_ok("timer_create BOOTTIME", timer_create(CLOCK_BOOTTIME, &sev, &t));
  timer_delete(t);
  timer_t t3;
  expect_err("timer_create MONOTONIC_RAW", timer_create(CLOCK_MONOTONIC_RAW, &sev, &t3), EOPNOTSUPP);
  return contract_end("posix_timer_none");
}
