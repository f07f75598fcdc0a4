/* umask returns the previous mask and keeps only the 0777 bits. Its effect
 * on created files is in umask_create. */
#include <sys/stat.h>
#include "contract.h"

int main(void) {
  syscall(SYS_umask, 022);
  expect_eq("umask(077) returns previous", syscall(SYS_umask, 077), 022);
  expect_eq("umask(0) returns 077", syscall(SYS_umask, 0), 077);
  expect_eq("umask(01777) returns 0", syscall(SYS_umask, 01777), 0);
  expect_eq("only 0777 kept", syscall(SYS_umask, 027), 0777);
  expect_eq("glibc umask agrees", umask(022), 027);
  return contract_end("umask");
}
