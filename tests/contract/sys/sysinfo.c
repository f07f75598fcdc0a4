/* sysinfo: sane values (uptime > 0, 0 < freeram <= totalram, mem_unit >=
 * 1, procs >= 1, load averages non-negative) and EFAULT. */
#include <sys/sysinfo.h>
#include "contract.h"

int main(void) {
  struct sysinfo si;
  memset(&si, 0, sizeof si);
  expect_ok("sysinfo", syscall(SYS_sysinfo, &si));
  check("uptime > 0", si.uptime > 0);
  check("totalram > 0", si.totalram > 0);
  check("0 < freeram <= totalram", si.freeram > 0 && si.freeram <= si.totalram);
  check("freeswap <= totalswap", si.freeswap <= si.totalswap);
  check("mem_unit >= 1", si.mem_unit >= 1);
  check("procs >= 1", si.procs >= 1);
  check("totalram >= 16 MiB", (unsigned long long)si.totalram * si.mem_unit >= (16ULL << 20));
  long pages = sysconf(_SC_PHYS_PAGES);
  check("_SC_PHYS_PAGES > 0", pages > 0);
  check("page size 4096", sysconf(_SC_PAGESIZE) == 4096);
  expect_err("bad pointer", syscall(SYS_sysinfo, BAD_PTR), EFAULT);
  return contract_end("sysinfo");
}
