/* Helpers for the differential CPU programs (tests/cpu-diff.test.ts): every
 * program prints deterministic hex lines so that qemu-riscv64 and Aramid can
 * be compared byte for byte. Nothing printed may depend on addresses, time
 * or the environment. */
#ifndef DIFF_H
#define DIFF_H
#include <stdint.h>
#include <stdio.h>

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* Interesting 64-bit integers: signs, the 32-bit boundaries (both
 * sign- and zero-extended), shift amounts and an irregular pattern. */
static const uint64_t INT_VALUES[] = {
  0, 1, 2, 0xffffffffffffffffull, 0x8000000000000000ull,
  0x7fffffffffffffffull, 0xffffffff80000000ull, 0x80000000ull,
  0x7fffffffull, 0xffffffffull, 0x100000000ull, 31, 32, 63, 64,
  0x123456789abcdef0ull, 0xfedcba9876543210ull, 0xffffffffffff8000ull,
};

static inline void hex_line(const char *op, uint64_t a, uint64_t b, uint64_t r) {
  printf("%s %016llx %016llx -> %016llx\n", op, (unsigned long long)a,
         (unsigned long long)b, (unsigned long long)r);
}
#endif
