#include "../process/ptest.h"
static volatile int depth, maxdepth, calls;
static void h(int s) {
  calls++;
  depth++;
  if (depth > maxdepth) maxdepth = depth;
  if (calls == 1) raise(s); /* nested delivery only with SA_NODEFER */
  depth--;
}
int main(void) {
  set_handler(SIGUSR1, h, 0);
  raise(SIGUSR1);
  expect_eq("without SA_NODEFER: calls", calls, 2);
  expect_eq("without SA_NODEFER: max depth", maxdepth, 1);
  calls = depth = maxdepth = 0;
  set_handler(SIGUSR1, h, SA_NODEFER);
  raise(SIGUSR1);
  expect_eq("with SA_NODEFER: calls", calls, 2);
  expect_eq("with SA_NODEFER: max depth", maxdepth, 2);
  /* SA_NODEFER with sa_mask containing the signal: sa_mask still applies */
  calls = depth = maxdepth = 0;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = h;
  sa.sa_flags = SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  sigaddset(&sa.sa_mask, SIGUSR1);
  sigaction(SIGUSR1, &sa, NULL);
  raise(SIGUSR1);
  expect_eq("SA_NODEFER but in sa_mask: max depth", maxdepth, 1);
  expect_eq("SA_NODEFER but in sa_mask: calls", calls, 2);
  return contract_end("sa_nodefer");
}
