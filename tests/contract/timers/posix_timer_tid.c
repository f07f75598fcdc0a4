#include "../process/ptest.h"
#include <pthread.h>
#ifndef sigev_notify_thread_id
#define sigev_notify_thread_id _sigev_un._tid
#endif
static pid_t wtid;
static int ready;
static volatile pid_t handled_tid;
static volatile int handled;
static void h(int s) { (void)s; handled_tid = gettid(); handled++; }
static void *w(void *a) {
  (void)a;
  wtid = gettid();
  __atomic_store_n(&ready, 1, __ATOMIC_SEQ_CST);
  while (!handled) sched_yield();
  return NULL;
}
int main(void) {
  set_handler(SIGUSR1, h, 0);
  pthread_t th;
  pthread_create(&th, NULL, w, NULL);
  while (!__atomic_load_n(&ready, __ATOMIC_SEQ_CST)) sched_yield();
  struct sigevent sev;
  memset(&sev, 0, sizeof sev);
  sev.sigev_notify = SIGEV_THREAD_ID;
  sev.sigev_signo = SIGUSR1;
  sev.sigev_notify_thread_id = wtid;
  int t = 0; /* the kernel's timer id is an int */
  expect_ok("timer_create SIGEV_THREAD_ID", syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &t));
  struct itimerspec its = {{0, 0}, {0, 10000000}};
  expect_ok("arm", syscall(SYS_timer_settime, t, 0, &its, NULL));
  pthread_join(th, NULL);
  check("delivered to the named thread", handled_tid == wtid);
  syscall(SYS_timer_delete, t);
  sev.sigev_notify_thread_id = 999999;
  expect_err("SIGEV_THREAD_ID nonexistent tid", syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &t), EINVAL);
  /* SIGEV_THREAD_ID without SIGEV_SIGNAL bit for another process's thread */
  sev.sigev_notify_thread_id = getppid();
  expect_err("SIGEV_THREAD_ID naming another process", syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &t), EINVAL);
  return contract_end("posix_timer_tid");
}
