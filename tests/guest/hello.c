/* The smallest static glibc program: prints a line and exits 0. */
#include <stdio.h>

int main(void) {
  puts("hello, world");
  return 0;
}
