/* Executes an illegal instruction (the all-zero 16-bit parcel, defined as
 * illegal, and then `unimp`): the process must die of SIGILL, status 132. */
#include <stdio.h>

int main(void) {
  printf("before\n");
  fflush(stdout);
  asm volatile(".2byte 0x0000");
  asm volatile("unimp");
  printf("after\n");
  return 0;
}
