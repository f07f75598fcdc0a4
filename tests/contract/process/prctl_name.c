#include "ptest.h"
#include <sys/prctl.h>
#include <pthread.h>
static void *th(void *a) {
  char *out = a;
  prctl(PR_SET_NAME, "worker-thread", 0, 0, 0);
  prctl(PR_GET_NAME, out, 0, 0, 0);
  return NULL;
}
int main(void) {
  char name[32];
  expect_ok("PR_SET_NAME short", prctl(PR_SET_NAME, "contract", 0, 0, 0));
  memset(name, 'x', sizeof name);
  expect_ok("PR_GET_NAME", prctl(PR_GET_NAME, name, 0, 0, 0));
  printf("name: [%s]\n", name);
  prctl(PR_SET_NAME, "abcdefghijklmnopqrstuvwxyz", 0, 0, 0);
  prctl(PR_GET_NAME, name, 0, 0, 0);
  printf("truncated to 15: [%s] len=%zu\n", name, strlen(name));
  char tname[32];
  pthread_t t;
  pthread_create(&t, NULL, th, tname);
  pthread_join(t, NULL);
  printf("thread's own name: [%s]\n", tname);
  prctl(PR_GET_NAME, name, 0, 0, 0);
  printf("main's name unchanged: [%s]\n", name);
  char pn[16];
  pthread_t self = pthread_self();
  pthread_setname_np(self, "viapthread");
  pthread_getname_np(self, pn, sizeof pn);
  printf("pthread_getname_np: [%s]\n", pn);
  expect_err("PR_SET_NAME bad pointer", prctl(PR_SET_NAME, BAD_PTR, 0, 0, 0), EFAULT);
  /* fork keeps the name; exec sets it to the file's basename (checked elsewhere) */
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) { char n2[32]; prctl(PR_GET_NAME, n2, 0, 0, 0); _exit(strcmp(n2, "viapthread") == 0 ? 0 : 1); }
  expect_status("child inherits the name", c, "exit 0");
  /* dumpable */
  expect_eq("PR_GET_DUMPABLE", prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 1);
  expect_ok("PR_SET_DUMPABLE 0", prctl(PR_SET_DUMPABLE, 0, 0, 0, 0));
  expect_eq("now", prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
  expect_err("PR_SET_DUMPABLE 2", prctl(PR_SET_DUMPABLE, 2, 0, 0, 0), EINVAL);
  prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
  expect_eq("restored", prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 1);
  /* pdeathsig query */
  int sig = -1;
  expect_ok("PR_GET_PDEATHSIG", prctl(PR_GET_PDEATHSIG, &sig, 0, 0, 0));
  expect_eq("pdeathsig initially", sig, 0);
  expect_err("PR_SET_PDEATHSIG 99", prctl(PR_SET_PDEATHSIG, 99, 0, 0, 0), EINVAL);
  prctl(PR_SET_PDEATHSIG, SIGUSR2, 0, 0, 0);
  prctl(PR_GET_PDEATHSIG, &sig, 0, 0, 0);
  printf("pdeathsig: %s\n", sig_name(sig));
  c = fork();
  if (c == 0) { int s2 = -1; prctl(PR_GET_PDEATHSIG, &s2, 0, 0, 0); _exit(s2); }
  expect_status("not inherited by fork", c, "exit 0");
  prctl(PR_SET_PDEATHSIG, 0, 0, 0, 0);
  expect_err("unknown option", prctl(0x7fff1234, 0, 0, 0, 0), EINVAL);
  return contract_end("prctl_name");
}
