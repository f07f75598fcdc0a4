#include "../process/ptest.h"
#include <setjmp.h>
#include <sys/mman.h>
static sigjmp_buf jb;
static volatile int code, signo;
static void *volatile addr;
static void h(int s, siginfo_t *si, void *u) { (void)u; signo = s; code = si->si_code; addr = si->si_addr; siglongjmp(jb, 1); }
int main(void) {
  long ps = sysconf(_SC_PAGESIZE);
  int fd = open("hello.txt", O_RDONLY); /* 25 bytes */
  char *p = mmap(NULL, 3 * ps, PROT_READ, MAP_PRIVATE, fd, 0);
  check("mmap 3 pages of a 25-byte file", p != MAP_FAILED);
  set_handler(SIGBUS, h, SA_SIGINFO);
  set_handler(SIGSEGV, h, SA_SIGINFO);
  volatile char c = p[0];
  check("first byte readable", c == 'h');
  check("tail of the first page reads as zero", p[ps - 1] == 0 && p[25] == 0);
  if (sigsetjmp(jb, 1) == 0) { c = p[ps + 3]; printf("no fault\n"); }
  printf("read past EOF page: %s %s addr_ok=%s\n", sig_name(signo), code == BUS_ADRERR ? "BUS_ADRERR" : "other",
         addr == (void *)(p + ps + 3) ? "yes" : "no");
  signo = 0;
  if (sigsetjmp(jb, 1) == 0) { c = p[2 * ps]; printf("no fault\n"); }
  printf("read third page: %s\n", sig_name(signo));
  return contract_end("sigbus_mmap");
}
