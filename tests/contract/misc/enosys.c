/* Unknown syscall numbers return ENOSYS (and the process keeps running). */
#include "contract.h"

int main(void) {
  expect_err("syscall 999", syscall(999), ENOSYS);
  expect_err("syscall 4095", syscall(4095), ENOSYS);
  expect_err("syscall 999 with arguments", syscall(999, 1, 2, 3, 4, 5, 6), ENOSYS);
  check("still running", syscall(SYS_getpid) > 0);
  return contract_end("enosys");
}
