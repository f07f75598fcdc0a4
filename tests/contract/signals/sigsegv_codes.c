#include "../process/ptest.h"
#include <setjmp.h>
#include <sys/mman.h>
static sigjmp_buf jb;
static volatile int code, signo;
static void *volatile addr;
static void h(int s, siginfo_t *si, void *u) { (void)u; signo = s; code = si->si_code; addr = si->si_addr; siglongjmp(jb, 1); }
static const char *segv(int c) { return c == SEGV_MAPERR ? "SEGV_MAPERR" : c == SEGV_ACCERR ? "SEGV_ACCERR" : "other"; }
static void try_read(const char *what, volatile char *p) {
  signo = 0;
  if (sigsetjmp(jb, 1) == 0) { (void)*p; printf("%s: no fault\n", what); return; }
  printf("%s: %s %s addr_ok=%s\n", what, sig_name(signo), segv(code), addr == (void *)p ? "yes" : "no");
}
static void try_write(const char *what, volatile char *p) {
  signo = 0;
  if (sigsetjmp(jb, 1) == 0) { *p = 1; printf("%s: no fault\n", what); return; }
  printf("%s: %s %s addr_ok=%s\n", what, sig_name(signo), segv(code), addr == (void *)p ? "yes" : "no");
}
int main(void) {
  set_handler(SIGSEGV, h, SA_SIGINFO | SA_NODEFER);
  char *pg = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  munmap(pg + 4096, 4096);
  mprotect(pg + 8192, 4096, PROT_READ);
  try_read("read unmapped page", pg + 4096 + 16);
  try_write("write unmapped page", pg + 4096 + 100);
  try_read("read NULL+64", (char *)64);
  try_write("write read-only page", pg + 8192 + 8);
  try_read("read read-only page", pg + 8192 + 8);
  mprotect(pg, 4096, PROT_NONE);
  try_read("read PROT_NONE page", pg + 5);
  try_write("write text (r-x)", (char *)&main);
  /* the handler's mask is restored by siglongjmp(…, 1): a second fault still works */
  try_read("again after longjmp", pg + 4096);
  /* default action: killed by SIGSEGV */
  signal(SIGSEGV, SIG_DFL);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) { *(volatile char *)(pg + 4096) = 1; _exit(1); }
  expect_status("child faulting with default action", c, "signal SIGSEGV");
  /* blocked SIGSEGV from a real fault still kills */
  c = fork();
  if (c == 0) { set_handler(SIGSEGV, h, SA_SIGINFO); block_sig(SIGSEGV); *(volatile char *)(pg + 4096) = 1; _exit(1); }
  expect_status("child faulting with SIGSEGV blocked", c, "signal SIGSEGV");
  c = fork();
  if (c == 0) { signal(SIGSEGV, SIG_IGN); *(volatile char *)(pg + 4096) = 1; _exit(1); }
  expect_status("child faulting with SIGSEGV ignored", c, "signal SIGSEGV");
  return contract_end("sigsegv_codes");
}
