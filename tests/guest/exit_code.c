/* NOT-DIFFERENTIAL: exits with the status given as argv[1] through
 * exit_group, so the loader test can check that only the low 8 bits
 * arrive (256 -> 0, 257 -> 1). */
#include <stdlib.h>
#include <unistd.h>
#include <sys/syscall.h>

int main(int argc, char **argv) {
  syscall(SYS_exit_group, argc > 1 ? atoi(argv[1]) : 0);
  return 99;
}
