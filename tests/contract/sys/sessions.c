/* Process groups and sessions, consistency only (the values depend on who
 * started the program): getpgid(0) == getpgid(getpid()) == getpgrp() > 0,
 * getsid(0) == getsid(getpid()) > 0, and ESRCH for a pid that cannot
 * exist. */
#include "contract.h"

int main(void) {
  long pid = syscall(SYS_getpid);
  long pgid = syscall(SYS_getpgid, 0);
  check("getpgid(0) > 0", pgid > 0);
  check("getpgid(0) == getpgid(getpid())", syscall(SYS_getpgid, pid) == pgid);
  check("getpgrp() == getpgid(0)", getpgrp() == pgid);
  long sid = syscall(SYS_getsid, 0);
  check("getsid(0) > 0", sid > 0);
  check("getsid(0) == getsid(getpid())", syscall(SYS_getsid, pid) == sid);
  expect_err("getpgid(no such pid)", syscall(SYS_getpgid, 0x3fffffff), ESRCH);
  expect_err("getsid(no such pid)", syscall(SYS_getsid, 0x3fffffff), ESRCH);
  return contract_end("sessions");
}
