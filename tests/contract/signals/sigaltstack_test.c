#include "../process/ptest.h"
#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31)
#endif
static char *alt;
static size_t altsz;
static volatile int on_alt, flags_inside, eperm_inside, disable_inside;
static void h(int s) {
  (void)s;
  char local;
  on_alt = &local >= alt && &local < alt + altsz;
  stack_t cur;
  sigaltstack(NULL, &cur);
  flags_inside = cur.ss_flags;
  stack_t ns = {.ss_sp = alt, .ss_size = altsz, .ss_flags = 0};
  eperm_inside = sigaltstack(&ns, NULL) < 0 ? errno : 0;
  stack_t ds = {.ss_flags = SS_DISABLE};
  disable_inside = sigaltstack(&ds, NULL) < 0 ? errno : 0;
}
static volatile int plain_on_alt;
static void h2(int s) { (void)s; char local; plain_on_alt = &local >= alt && &local < alt + altsz; }
int main(void) {
  stack_t cur;
  expect_ok("query", sigaltstack(NULL, &cur));
  check("initially disabled", cur.ss_flags == SS_DISABLE);
  altsz = 65536;
  alt = malloc(altsz);
  stack_t ss = {.ss_sp = alt, .ss_size = 1024, .ss_flags = 0};
  expect_err("too small (1024 < MINSIGSTKSZ)", sigaltstack(&ss, NULL), ENOMEM);
  ss.ss_size = altsz;
  ss.ss_flags = 12345;
  expect_err("bad flags", sigaltstack(&ss, NULL), EINVAL);
  ss.ss_flags = 0;
  expect_ok("install", sigaltstack(&ss, NULL));
  sigaltstack(NULL, &cur);
  check("query returns it", cur.ss_sp == alt && cur.ss_size == altsz && cur.ss_flags == 0);
  set_handler(SIGUSR1, h, SA_ONSTACK);
  raise(SIGUSR1);
  check("SA_ONSTACK handler ran on the alternate stack", on_alt);
  printf("ss_flags inside: %s\n", flags_inside == SS_ONSTACK ? "SS_ONSTACK" : flags_inside == 0 ? "0" : "other");
  printf("changing it while on it: %s\n", errno_name(eperm_inside));
  printf("disabling it while on it: %s\n", errno_name(disable_inside));
  sigaltstack(NULL, &cur);
  check("after return: not on it", cur.ss_flags == 0);
  set_handler(SIGUSR2, h2, 0);
  raise(SIGUSR2);
  check("handler without SA_ONSTACK uses the normal stack", !plain_on_alt);
  /* SS_AUTODISARM: cleared while inside, restored after */
  ss.ss_flags = SS_AUTODISARM;
  expect_ok("install with SS_AUTODISARM", sigaltstack(&ss, NULL));
  raise(SIGUSR1);
  printf("inside with SS_AUTODISARM: %s, change: %s\n", flags_inside == SS_DISABLE ? "SS_DISABLE" : flags_inside == SS_ONSTACK ? "SS_ONSTACK" : "other",
         errno_name(eperm_inside));
  sigaltstack(NULL, &cur);
  check("restored after return", cur.ss_sp == alt && !(cur.ss_flags & SS_DISABLE));
  stack_t ds = {.ss_flags = SS_DISABLE};
  expect_ok("disable", sigaltstack(&ds, NULL));
  sigaltstack(NULL, &cur);
  check("disabled", cur.ss_flags == SS_DISABLE);
  expect_err("bad pointer", syscall(SYS_sigaltstack, BAD_PTR, NULL), EFAULT);
  /* stack overflow caught on the alternate stack */
  return contract_end("sigaltstack_test");
}
