/* A fork bomb inside the guest: every process forks until fork fails. The
 * kernel must refuse (EAGAIN) instead of exhausting the host, and once the
 * bomb's processes have exited, fork must work again. Aramid only: never run
 * this natively. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  int report[2], release[2];
  if (pipe(report) < 0 || pipe(release) < 0) return 2;
  fflush(stdout);
  /* Once any bomb process has seen fork fail, all stop forking: otherwise every
   * exit frees a slot another process refills, and the bomb never dies down. */
  volatile int *stop = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (stop == MAP_FAILED) return 2;
  pid_t leader = fork();
  if (leader == 0) {
    close(report[0]);
    close(release[1]);
    while (!*stop) {
      pid_t p = fork();
      if (p == 0) continue; /* the child keeps forking too */
      if (p < 0) {
        *stop = 1;
        char c = errno == EAGAIN ? 'A' : errno == ENOMEM ? 'M' : 'O';
        write(report[1], &c, 1);
        break;
      }
    }
    char c;
    read(release[0], &c, 1); /* EOF once the test lets go */
    _exit(0);
  }
  close(report[1]);
  close(release[0]);
  char c = 0;
  if (read(report[0], &c, 1) != 1) { printf("no failure reported\n"); return 1; }
  printf("fork bomb stopped: fork failed with %s\n", c == 'A' ? "EAGAIN" : c == 'M' ? "ENOMEM" : "another error");
  close(release[1]); /* every bomb process reads EOF and exits */
  int st;
  waitpid(leader, &st, 0);
  /* the orphans are reaped by init; retry until fork works again */
  struct timespec ts = {0, 10000000};
  int ok = 0;
  for (int i = 0; i < 6000 && !ok; i++) {
    pid_t p = fork();
    if (p == 0) _exit(0);
    if (p > 0) { waitpid(p, NULL, 0); ok = 1; } else nanosleep(&ts, NULL);
  }
  printf("fork works again: %s\n", ok ? "yes" : "no");
  fflush(stdout);
  return ok && c == 'A' ? 0 : 1;
}
