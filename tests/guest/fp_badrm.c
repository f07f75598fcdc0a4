/* A floating-point instruction whose dynamic rounding mode is frm = 5
 * (reserved) is an illegal instruction: the program must die of SIGILL
 * (status 132) after printing its first line. */
#include <stdio.h>
#include <stdint.h>

int main(void) {
  uint64_t r;
  printf("before\n");
  fflush(stdout);
  asm volatile("fsrmi 5\n\tfmv.w.x ft0,zero\n\tfadd.s ft1,ft0,ft0,dyn\n\tfmv.x.w %0,ft1"
               : "=r"(r) : : "ft0", "ft1");
  printf("after %llx\n", (unsigned long long)r);
  return 0;
}
