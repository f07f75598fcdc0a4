#include "ptest.h"
#include <pthread.h>
static int blockpipe[2];
static char *self;
static pid_t orig;
static void *sleeper(void *a) { (void)a; char c; read(blockpipe[0], &c, 1); return NULL; }
static void *execer(void *a) {
  (void)a;
  char buf[32];
  snprintf(buf, sizeof buf, "%d", (int)orig);
  execl(self, self, "child", buf, (char *)NULL);
  _exit(127);
}
int main(int argc, char **argv) {
  if (argc > 2) {
    printf("after exec from a thread: pid kept %s, tid == pid %s\n", atoi(argv[2]) == getpid() ? "yes" : "no",
           gettid() == getpid() ? "yes" : "no");
    fflush(stdout);
    /* the sleepers are gone: the process exits when main returns with no hang */
    return 6;
  }
  self = argv[0];
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) {
    orig = getpid();
    pipe(blockpipe);
    pthread_t t[4];
    for (int i = 0; i < 3; i++) pthread_create(&t[i], NULL, sleeper, NULL);
    pthread_create(&t[3], NULL, execer, NULL);
    for (;;) pause();
  }
  expect_status("process after a thread exec'd", p, "exit 6");
  /* exec from the main thread while others run */
  fflush(stdout);
  p = fork();
  if (p == 0) {
    orig = getpid();
    pipe(blockpipe);
    pthread_t t;
    for (int i = 0; i < 3; i++) pthread_create(&t, NULL, sleeper, NULL);
    execer(NULL);
  }
  expect_status("process after main exec'd", p, "exit 6");
  return contract_end("exec_threads");
}
