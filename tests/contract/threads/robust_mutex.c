#include "th.h"
#include <sys/mman.h>
static pthread_mutex_t m;
static void *locker(void *a) { (void)a; pthread_mutex_lock(&m); return NULL; /* dies holding it */ }
int main(void) {
  pthread_mutexattr_t at;
  pthread_mutexattr_init(&at);
  pthread_mutexattr_setrobust(&at, PTHREAD_MUTEX_ROBUST);
  pthread_mutex_init(&m, &at);
  pthread_t t;
  pthread_create(&t, NULL, locker, NULL);
  pthread_join(t, NULL);
  int r = pthread_mutex_lock(&m);
  printf("lock after owner thread died: %s\n", r == EOWNERDEAD ? "EOWNERDEAD" : errno_name(r));
  expect_eq("pthread_mutex_consistent", pthread_mutex_consistent(&m), 0);
  expect_eq("unlock", pthread_mutex_unlock(&m), 0);
  expect_eq("lock again is clean", pthread_mutex_lock(&m), 0);
  pthread_mutex_unlock(&m);
  /* not made consistent: unlock makes it unusable */
  pthread_create(&t, NULL, locker, NULL);
  pthread_join(t, NULL);
  r = pthread_mutex_lock(&m);
  printf("second owner death: %s\n", r == EOWNERDEAD ? "EOWNERDEAD" : errno_name(r));
  pthread_mutex_unlock(&m);
  r = pthread_mutex_lock(&m);
  printf("after unlock without consistent: %s\n", r == ENOTRECOVERABLE ? "ENOTRECOVERABLE" : errno_name(r));
  /* across processes: a process-shared robust mutex in shared memory */
  pthread_mutex_t *sm = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  pthread_mutexattr_setpshared(&at, PTHREAD_PROCESS_SHARED);
  pthread_mutex_init(sm, &at);
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) { pthread_mutex_lock(sm); _exit(0); }
  waitpid(p, NULL, 0);
  r = pthread_mutex_lock(sm);
  printf("lock after owner process died: %s\n", r == EOWNERDEAD ? "EOWNERDEAD" : errno_name(r));
  pthread_mutex_consistent(sm);
  pthread_mutex_unlock(sm);
  /* a process killed while holding it, with a waiter blocked in the kernel */
  int fds[2];
  pipe(fds);
  fflush(stdout);
  p = fork();
  if (p == 0) { pthread_mutex_lock(sm); write(fds[1], "x", 1); for (;;) pause(); }
  char c;
  read(fds[0], &c, 1);
  kill(p, SIGKILL);
  r = pthread_mutex_lock(sm);
  printf("lock after holder was killed: %s\n", r == EOWNERDEAD ? "EOWNERDEAD" : errno_name(r));
  waitpid(p, NULL, 0);
  return contract_end("robust_mutex");
}
