/* uname: sysname "Linux", release starts with a digit and major >= 4
 * (glibc needs 4.15 on riscv64), the other fields are non-empty
 * NUL-terminated strings (their values are host-specific), and EFAULT. */
#include <ctype.h>
#include <sys/utsname.h>
#include "contract.h"

int main(void) {
  struct utsname u;
  memset(&u, 0x55, sizeof u);
  expect_ok("uname", syscall(SYS_uname, &u));
  printf("sysname %s\n", u.sysname);
  check("sysname is Linux", strcmp(u.sysname, "Linux") == 0);
  check("release starts with a digit", isdigit((unsigned char)u.release[0]));
  check("major version >= 4", atoi(u.release) >= 4);
  check("nodename non-empty", memchr(u.nodename, 0, sizeof u.nodename) != NULL && u.nodename[0] != 0);
  check("version non-empty", memchr(u.version, 0, sizeof u.version) != NULL && u.version[0] != 0);
  check("machine non-empty", memchr(u.machine, 0, sizeof u.machine) != NULL && u.machine[0] != 0);
  check("domainname terminated", memchr(u.domainname, 0, sizeof u.domainname) != NULL);
  expect_err("bad pointer", syscall(SYS_uname, BAD_PTR), EFAULT);
  return contract_end("uname");
}
