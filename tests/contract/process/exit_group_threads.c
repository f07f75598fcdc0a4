#include "ptest.h"
#include <pthread.h>
static int blockpipe[2];
static void *sleeper(void *a) { (void)a; char c; read(blockpipe[0], &c, 1); return NULL; }
static void *exiter(void *a) { exit((int)(long)a); return NULL; }
static void *last(void *a) { char c; read(blockpipe[0], &c, 1); return a; }
static void *killer(void *a) { (void)a; raise(SIGTERM); for (;;) pause(); }
int main(void) {
  pipe(blockpipe);
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) {
    pthread_t t;
    for (int i = 0; i < 3; i++) pthread_create(&t, NULL, sleeper, NULL);
    pthread_create(&t, NULL, exiter, (void *)14L);
    for (;;) pause();
  }
  expect_status("exit() from a thread ends all", p, "exit 14");
  fflush(stdout);
  p = fork();
  if (p == 0) {
    pthread_t t;
    for (int i = 0; i < 3; i++) pthread_create(&t, NULL, sleeper, NULL);
    return 15; /* return from main ends the process */
  }
  expect_status("return from main with threads", p, "exit 15");
  int go[2];
  pipe(go);
  fflush(stdout);
  p = fork();
  if (p == 0) {
    pthread_t t;
    close(blockpipe[0]);
    blockpipe[0] = go[0];
    pthread_create(&t, NULL, last, NULL);
    pthread_exit(NULL); /* main leaves; the process lives on; last thread exit gives 0 */
  }
  write(go[1], "x", 1);
  expect_status("pthread_exit in main then last thread returns", p, "exit 0");
  fflush(stdout);
  p = fork();
  if (p == 0) {
    pthread_t t;
    for (int i = 0; i < 2; i++) pthread_create(&t, NULL, sleeper, NULL);
    pthread_create(&t, NULL, killer, NULL);
    for (;;) pause();
  }
  expect_status("fatal signal raised in a thread", p, "signal SIGTERM");
  return contract_end("exit_group_threads");
}
