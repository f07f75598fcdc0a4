/* One guest process spins forever in user mode; another must still make
 * progress and finish. The parent kills the spinner at the end so the kernel
 * can exit. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile unsigned long sink;

int main(void) {
  int go[2];
  if (pipe(go) < 0) return 2;
  fflush(stdout);
  pid_t spinner = fork();
  if (spinner == 0) {
    write(go[1], "s", 1);
    for (;;) sink++; /* never makes a syscall */
  }
  char c;
  read(go[0], &c, 1); /* the spinner is running */
  pid_t worker = fork();
  if (worker == 0) {
    /* real work plus syscalls: must finish while the spinner spins */
    unsigned long x = 1;
    for (unsigned long i = 0; i < 100000000UL; i++) x = x * 6364136223846793005UL + 1442695040888963407UL;
    for (int i = 0; i < 200; i++) getppid();
    _exit((int)(x & 1) | 0x10);
  }
  int st;
  waitpid(worker, &st, 0);
  printf("worker finished while another process spun: %s\n", WIFEXITED(st) && (WEXITSTATUS(st) & 0x10) ? "yes" : "no");
  /* the main process itself also ran (it is printing) */
  kill(spinner, SIGKILL);
  waitpid(spinner, &st, 0);
  printf("spinner killed: %s\n", WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL ? "yes" : "no");
  fflush(stdout);
  return 0;
}
