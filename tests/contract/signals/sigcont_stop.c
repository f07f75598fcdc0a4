#include "../process/ptest.h"
static volatile int conts;
static void hc(int s) { (void)s; conts++; }
int main(void) {
  int toc[2], top[2];
  pipe(toc);
  pipe(top);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    setpgid(0, 0);
    set_handler(SIGCONT, hc, SA_RESTART);
    write(top[1], "r", 1);
    char ch;
    while (read(toc[0], &ch, 1) == 1) {
      if (ch == 'q') _exit(conts);
      write(top[1], (char[]){(char)('0' + conts)}, 1);
    }
    _exit(99);
  }
  setpgid(c, c);
  wait_byte(top[0]);
  int st;
  kill(c, SIGSTOP);
  waitpid(c, &st, WUNTRACED);
  printf("after SIGSTOP: %s\n", status_str(st));
  kill(c, SIGCONT);
  waitpid(c, &st, WCONTINUED);
  printf("after SIGCONT: %s\n", status_str(st));
  write(toc[1], "?", 1);
  printf("SIGCONT handler calls: %c\n", wait_byte(top[0]));
  /* SIGCONT to a running process still runs the handler */
  kill(c, SIGCONT);
  write(toc[1], "?", 1);
  printf("after SIGCONT while running: %c\n", wait_byte(top[0]));
  /* a stop signal while stopped, then SIGKILL ends it */
  kill(c, SIGTSTP);
  waitpid(c, &st, WUNTRACED);
  printf("after SIGTSTP: %s\n", status_str(st));
  /* SIGCONT while a stop is pending discards the stop */
  kill(c, SIGCONT);
  waitpid(c, &st, WCONTINUED);
  write(toc[1], "q", 1);
  waitpid(c, &st, 0);
  printf("final: %s\n", status_str(st));
  /* a SIGTSTP handler replaces the default stop */
  fflush(stdout);
  c = fork();
  if (c == 0) { setpgid(0, 0); set_handler(SIGTSTP, hc, 0); raise(SIGTSTP); _exit(conts == 1 ? 0 : 1); }
  setpgid(c, c);
  expect_status("SIGTSTP with a handler", c, "exit 0");
  /* SIGSTOP cannot be caught or ignored */
  c = fork();
  if (c == 0) { setpgid(0, 0); signal(SIGTSTP, SIG_IGN); raise(SIGTSTP); raise(SIGSTOP); _exit(4); }
  setpgid(c, c);
  waitpid(c, &st, WUNTRACED);
  printf("ignored SIGTSTP, then SIGSTOP: %s\n", status_str(st));
  kill(c, SIGCONT);
  expect_status("then continued", c, "exit 4");
  return contract_end("sigcont_stop");
}
