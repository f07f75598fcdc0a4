#include "../process/ptest.h"
#include <sys/time.h>
static int fds[2];
static volatile int ticks;
static void h(int s) { (void)s; if (++ticks == 3) write(fds[1], "z", 1); }
static void arm(void) {
  struct itimerval it = {{0, 20000}, {0, 20000}};
  setitimer(ITIMER_REAL, &it, NULL);
}
static void disarm(void) {
  struct itimerval it = {{0, 0}, {0, 0}};
  setitimer(ITIMER_REAL, &it, NULL);
}
int main(void) {
  pipe(fds);
  char c;
  /* without SA_RESTART: the first signal interrupts the read */
  set_handler(SIGALRM, h, 0);
  ticks = 0;
  arm();
  long r = read(fds[0], &c, 1);
  int e = errno;
  disarm();
  printf("read without SA_RESTART: %s\n", r < 0 ? errno_name(e) : "data");
  if (r == 1) read(fds[0], &c, 1);
  while (ticks < 3 && r < 0) { /* drain: the third tick may still write */ break; }
  /* with SA_RESTART: read resumes and returns the byte written by the third handler call */
  int fl = fcntl(fds[0], F_GETFL);
  fcntl(fds[0], F_SETFL, fl | O_NONBLOCK);
  while (read(fds[0], &c, 1) == 1) {}
  fcntl(fds[0], F_SETFL, fl);
  set_handler(SIGALRM, h, SA_RESTART);
  ticks = 0;
  arm();
  r = read(fds[0], &c, 1);
  e = errno;
  disarm();
  printf("read with SA_RESTART: %s\n", r == 1 ? (c == 'z' ? "the handler's byte" : "other byte") : errno_name(e));
  check("handler ran at least 3 times", ticks >= 3);
  /* writes to a full pipe are restarted too */
  /* wait() is restarted with SA_RESTART */
  fflush(stdout);
  int g[2];
  pipe(g);
  pid_t p = fork();
  if (p == 0) { close(g[1]); read(g[0], &c, 1); _exit(3); }
  close(g[0]);
  ticks = 10;
  struct itimerval it = {{0, 20000}, {0, 20000}};
  setitimer(ITIMER_REAL, &it, NULL);
  /* let a few ticks happen while blocked in wait4 (the child is released by ticks) */
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_flags = SA_RESTART;
  sa.sa_handler = h;
  sigaction(SIGALRM, &sa, NULL);
  fds[1] = g[1];
  ticks = 0;
  int st;
  r = waitpid(p, &st, 0);
  disarm();
  printf("waitpid with SA_RESTART: %s\n", r == p ? status_str(st) : errno_name(errno));
  return contract_end("sa_restart_pipe");
}
