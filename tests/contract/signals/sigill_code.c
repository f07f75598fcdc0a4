#include "../process/ptest.h"
#include <setjmp.h>
static sigjmp_buf jb;
static volatile int code, signo;
static void *volatile addr;
static void h(int s, siginfo_t *si, void *u) { (void)u; signo = s; code = si->si_code; addr = si->si_addr; siglongjmp(jb, 1); }
extern char bad_insn[];
static void __attribute__((noinline)) illegal(void) {
#if defined(__x86_64__)
  __asm__ volatile(".globl bad_insn\nbad_insn: ud2");
#elif defined(__riscv)
  __asm__ volatile(".globl bad_insn\nbad_insn: .4byte 0");
#endif
}
int main(void) {
  set_handler(SIGILL, h, SA_SIGINFO);
  if (sigsetjmp(jb, 1) == 0) { illegal(); printf("no fault\n"); }
  printf("signal: %s\n", sig_name(signo));
  /* x86 ud2 reports ILL_ILLOPN, riscv ILL_ILLOPC: both are "illegal opcode/operand" */
  check("si_code is ILL_ILLOPC or ILL_ILLOPN", code == ILL_ILLOPC || code == ILL_ILLOPN);
  check("si_addr is the instruction", addr == (void *)bad_insn);
  signal(SIGILL, SIG_DFL);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) { illegal(); _exit(1); }
  expect_status("default action", c, "signal SIGILL");
  /* SIGTRAP from a breakpoint instruction */
  return contract_end("sigill_code");
}
