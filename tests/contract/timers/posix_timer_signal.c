#include "../process/ptest.h"
int main(void) {
  block_sig(SIGRTMIN);
  struct sigevent sev;
  memset(&sev, 0, sizeof sev);
  sev.sigev_notify = SIGEV_SIGNAL;
  sev.sigev_signo = SIGRTMIN;
  sev.sigev_value.sival_int = 4242;
  timer_t t;
  expect_ok("timer_create MONOTONIC SIGEV_SIGNAL", timer_create(CLOCK_MONOTONIC, &sev, &t));
  struct itimerspec cur;
  expect_ok("timer_gettime disarmed", timer_gettime(t, &cur));
  check("disarmed reads zero", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);
  struct itimerspec its = {{0, 0}, {0, 20000000}};
  expect_ok("timer_settime relative 20ms", timer_settime(t, 0, &its, NULL));
  timer_gettime(t, &cur);
  check("remaining <= 20ms", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec <= 20000000);
  sigset_t w;
  sigemptyset(&w);
  sigaddset(&w, SIGRTMIN);
  siginfo_t si;
  int r = sigwaitinfo(&w, &si);
  printf("got %s code=%s value=%d overrun=%d\n", sig_name(r), si_code_name(si.si_code), si.si_value.sival_int, si.si_overrun);
  check("si_timerid matches", si.si_timerid == (int)(long)t);
  /* absolute time in the past fires immediately */
  struct timespec now;
  its = (struct itimerspec){{0, 0}, {0, 1}}; /* 1ns after the clock's epoch: always past */
  expect_ok("timer_settime absolute in the past", timer_settime(t, TIMER_ABSTIME, &its, NULL));
  struct timespec z = {5, 0};
  r = sigtimedwait(&w, &si, &z);
  printf("absolute past: %s\n", sig_name(r));
  /* absolute time 30ms ahead */
  clock_gettime(CLOCK_MONOTONIC, &now);
  now.tv_nsec += 30000000;
  if (now.tv_nsec >= 1000000000) { now.tv_sec++; now.tv_nsec -= 1000000000; }
  its = (struct itimerspec){{0, 0}, now};
  timer_settime(t, TIMER_ABSTIME, &its, NULL);
  r = sigwaitinfo(&w, &si);
  struct timespec after;
  clock_gettime(CLOCK_MONOTONIC, &after);
  check("absolute fired no earlier than the deadline", after.tv_sec > now.tv_sec || (after.tv_sec == now.tv_sec && after.tv_nsec >= now.tv_nsec));
  /* periodic with overruns: 5ms period while we ignore it for 100ms */
  its = (struct itimerspec){{0, 5000000}, {0, 5000000}};
  struct itimerspec old;
  timer_settime(t, 0, &its, &old);
  check("old value was disarmed", old.it_value.tv_sec == 0 && old.it_value.tv_nsec == 0);
  struct timespec slp = {0, 100000000};
  nanosleep(&slp, NULL);
  r = sigwaitinfo(&w, &si);
  int ov = timer_getoverrun(t);
  check("overrun counted while the signal was pending", ov >= 5 && si.si_overrun == ov);
  printf("periodic: %s, overrun >= 5: %s\n", sig_name(r), ov >= 5 ? "yes" : "no");
  its = (struct itimerspec){{0, 0}, {0, 0}};
  timer_settime(t, 0, &its, &old);
  check("old value shows the period", old.it_interval.tv_nsec == 5000000);
  /* a signal still pending when the timer is disarmed stays queued? (Linux: it is dropped on delete) */
  expect_ok("timer_delete", timer_delete(t));
  expect_err("timer_gettime after delete", timer_gettime(t, &cur), EINVAL);
  expect_err("timer_settime after delete", timer_settime(t, 0, &its, NULL), EINVAL);
  expect_err("timer_getoverrun after delete", timer_getoverrun(t), EINVAL);
  expect_err("timer_delete after delete", timer_delete(t), EINVAL);
  /* bad arguments */
  timer_t t2;
  expect_err("timer_create bad clock", timer_create(12345, &sev, &t2), EINVAL);
  sev.sigev_notify = 99;
  expect_err("timer_create bad sigev_notify", timer_create(CLOCK_MONOTONIC, &sev, &t2), EINVAL);
  sev.sigev_notify = SIGEV_SIGNAL;
  sev.sigev_signo = 0;
  expect_err("timer_create signal 0", timer_create(CLOCK_MONOTONIC, &sev, &t2), EINVAL);
  sev.sigev_signo = 99;
  expect_err("timer_create signal 99", timer_create(CLOCK_MONOTONIC, &sev, &t2), EINVAL);
  sev.sigev_signo = SIGRTMIN;
  timer_create(CLOCK_REALTIME, &sev, &t2);
  its = (struct itimerspec){{0, 0}, {0, 1000000000}};
  expect_err("timer_settime tv_nsec 1e9", timer_settime(t2, 0, &its, NULL), EINVAL);
  timer_delete(t2);
  /* NULL sigevent: SIGEV_SIGNAL with SIGALRM, value = timer id */
  expect_ok("timer_create NULL sigevent", timer_create(CLOCK_MONOTONIC, NULL, &t2));
  block_sig(SIGALRM);
  its = (struct itimerspec){{0, 0}, {0, 1000000}};
  timer_settime(t2, 0, &its, NULL);
  sigemptyset(&w);
  sigaddset(&w, SIGALRM);
  r = sigwaitinfo(&w, &si);
  printf("default sigevent: %s code=%s\n", sig_name(r), si_code_name(si.si_code));
  timer_delete(t2);
  return contract_end("posix_timer_signal");
}
