/* getrandom: returns the requested length (up to 256 bytes always in
 * full), the bytes are not all zero and differ between calls, length 0
 * returns 0, and the errors: EINVAL (unknown flags), EFAULT. */
#include <sys/random.h>
#include "contract.h"

#ifndef GRND_INSECURE
#define GRND_INSECURE 0x4
#endif

int main(void) {
  unsigned char a[256], b[256];
  memset(a, 0, sizeof a);
  memset(b, 0, sizeof b);
  expect_eq("16 bytes", syscall(SYS_getrandom, a, 16, 0), 16);
  int nonzero = 0;
  for (int i = 0; i < 16; i++) nonzero |= a[i];
  check("not all zero", nonzero != 0);
  expect_eq("256 bytes", syscall(SYS_getrandom, a, 256, 0), 256);
  expect_eq("256 more bytes, GRND_NONBLOCK", syscall(SYS_getrandom, b, 256, GRND_NONBLOCK), 256);
  check("two calls differ", memcmp(a, b, 256) != 0);
  expect_eq("GRND_RANDOM 8 bytes", syscall(SYS_getrandom, a, 8, GRND_RANDOM), 8);
  expect_eq("length 0", syscall(SYS_getrandom, a, 0, 0), 0);
  expect_err("unknown flag 0x100", syscall(SYS_getrandom, a, 16, 0x100), EINVAL);
  expect_err("GRND_INSECURE|GRND_RANDOM", syscall(SYS_getrandom, a, 16, GRND_INSECURE | GRND_RANDOM), EINVAL);
  expect_err("bad pointer", syscall(SYS_getrandom, BAD_PTR, 16, 0), EFAULT);
  static unsigned char big[1 << 20];
  check("1 MiB request returns > 0", syscall(SYS_getrandom, big, sizeof big, 0) > 0);
  return contract_end("getrandom");
}
