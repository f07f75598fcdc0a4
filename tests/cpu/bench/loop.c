/* Freestanding CPU-bound program for the interpreter benchmark
 * (tests/cpu/bench.ts): no libc, only the write and exit_group syscalls, so
 * the bare CPU can run it without the kernel and compare with qemu-riscv64.
 * Integer only (the FPU is benchmarked elsewhere).
 * Build: riscv64-linux-gnu-gcc -O2 -static -nostdlib -ffreestanding
 *        -fno-tree-loop-distribute-patterns -o loop loop.c
 */
#include <stdint.h>

#define SIEVE_N 2000000
#define SORT_N 10000

static uint64_t rng_state = 0x1234567887654321ULL;
static uint64_t rng(void) { /* splitmix64 */
  uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static uint64_t mix(uint64_t h, uint64_t v) {
  return h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
}

static uint64_t part_hash(long iters) {
  uint64_t h = 0xcbf29ce484222325ULL;
  uint32_t a = 12345, d = 0;
  for (long i = 0; i < iters; i++) {
    uint64_t x = rng();
    for (int b = 0; b < 8; b++) {
      h ^= (x >> (b * 8)) & 0xff;
      h *= 0x100000001b3ULL;
    }
    a = a * 1103515245u + 12345u;
    d += a / ((uint32_t)(i & 0xffff) + 3u) + (uint32_t)(x % 1000003u);
  }
  return mix(h, d);
}

static unsigned char sieve[SIEVE_N + 1];
static uint64_t part_sieve(void) {
  for (long i = 0; i <= SIEVE_N; i++) sieve[i] = 1;
  sieve[0] = sieve[1] = 0;
  for (long i = 2; i * i <= SIEVE_N; i++)
    if (sieve[i])
      for (long j = i * i; j <= SIEVE_N; j += i) sieve[j] = 0;
  uint64_t count = 0, sum = 0;
  for (long i = 0; i <= SIEVE_N; i++)
    if (sieve[i]) { count++; sum += (uint64_t)i; }
  return mix(count, sum);
}

static uint64_t part_bits(long iters) {
  uint64_t acc = 0;
  for (long i = 0; i < iters; i++) {
    uint64_t x = rng();
    int pop = 0;
    for (uint64_t y = x; y; y &= y - 1) pop++;
    int lz = 0;
    for (uint64_t y = x; !(y >> 63) && lz < 64; y <<= 1) lz++;
    acc = mix(acc, (x >> (pop & 63)) ^ ((uint64_t)lz << 32) ^ (uint64_t)pop);
  }
  return acc;
}

static uint32_t arr[SORT_N];
static uint64_t part_sort(void) {
  for (int i = 0; i < SORT_N; i++) arr[i] = (uint32_t)rng();
  for (int i = 1; i < SORT_N; i++) { /* insertion sort: loads, stores, branches */
    uint32_t v = arr[i];
    int j = i - 1;
    while (j >= 0 && arr[j] > v) { arr[j + 1] = arr[j]; j--; }
    arr[j + 1] = v;
  }
  uint64_t h = 0;
  for (int i = 0; i < SORT_N; i += 97) h = mix(h, arr[i]);
  return h;
}

static long syscall3(long n, long a, long b, long c) {
  register long a0 __asm__("a0") = a;
  register long a1 __asm__("a1") = b;
  register long a2 __asm__("a2") = c;
  register long a7 __asm__("a7") = n;
  __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
  return a0;
}

void _start(void) {
  uint64_t h = 0;
  h = mix(h, part_hash(4000000));
  h = mix(h, part_sieve());
  h = mix(h, part_bits(2000000));
  h = mix(h, part_sort());
  char buf[26] = "checksum=";
  for (int i = 0; i < 16; i++) buf[9 + i] = "0123456789abcdef"[(h >> (60 - 4 * i)) & 15];
  buf[25] = '\n';
  syscall3(64, 1, (long)buf, 26);
  syscall3(94, 0, 0, 0);
  for (;;) {}
}
