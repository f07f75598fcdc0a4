/* Stores through a NULL pointer: the process must die of SIGSEGV, which a
 * shell (and `aramid run`) reports as status 139. */
#include <stdio.h>

int main(void) {
  volatile int *p = (volatile int *)0;
  printf("before\n");
  fflush(stdout);
  *p = 42;
  printf("after\n");
  return 0;
}
