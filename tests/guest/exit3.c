/* Exits with status 3 after printing a line (the status must come back
 * through `aramid run` unchanged). */
#include <stdio.h>

int main(void) {
  puts("exiting with 3");
  return 3;
}
