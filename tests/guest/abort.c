/* abort() raises SIGABRT through the kernel (rt_sigprocmask + tgkill in
 * glibc): the process dies with status 134 after its first line. */
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  printf("aborting\n");
  fflush(stdout);
  abort();
}
