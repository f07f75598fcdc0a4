/* CPU-bound benchmark for Aramid: integer hashing, a sieve, bit manipulation,
 * qsort, memcpy/memset and a little double-precision floating point.
 *
 * Usage: cpu [scale]   (scale is a positive integer, default 1; work grows
 * linearly with it). Prints one line per part and a final
 *   checksum=<16 hex digits>
 * line; the native, qemu and Aramid runs must print the same checksum.
 * With CPU_BENCH_TIMES set in the environment, each part's wall time is
 * printed to stderr as "<part> <ms> ms" (CLOCK_MONOTONIC; stdout unchanged).
 * At scale 1 the host build takes ~0.1 s and the riscv64 build retires about
 * 1.1e9 instructions.
 *
 * Build with -ffp-contract=off so that riscv64 gcc does not fuse a*b+c into
 * fmadd (x86-64 without -mfma never does), keeping the FP results bit-identical.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}

/* splitmix64 */
static uint64_t rng_state = 0x1234567887654321ULL;
static uint64_t rng(void) {
  uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/* 1. Integer hashing: FNV-1a over bytes plus 32-bit multiply/divide. */
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

/* 2. Sieve of Eratosthenes over a byte array. */
static uint64_t part_sieve(long n) {
  unsigned char *s = malloc((size_t)n + 1);
  if (!s) { perror("malloc"); exit(2); }
  memset(s, 1, (size_t)n + 1);
  s[0] = s[1] = 0;
  for (long i = 2; i * i <= n; i++)
    if (s[i])
      for (long j = i * i; j <= n; j += i) s[j] = 0;
  uint64_t count = 0, sum = 0;
  for (long i = 0; i <= n; i++)
    if (s[i]) { count++; sum += (uint64_t)i; }
  free(s);
  return mix(count, sum);
}

/* 3. Bit manipulation: popcount, clz/ctz, rotates, bit reversal. */
static uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> ((64 - r) & 63)); }
static uint64_t bitrev(uint64_t x) {
  x = ((x >> 1) & 0x5555555555555555ULL) | ((x & 0x5555555555555555ULL) << 1);
  x = ((x >> 2) & 0x3333333333333333ULL) | ((x & 0x3333333333333333ULL) << 2);
  x = ((x >> 4) & 0x0f0f0f0f0f0f0f0fULL) | ((x & 0x0f0f0f0f0f0f0f0fULL) << 4);
  x = ((x >> 8) & 0x00ff00ff00ff00ffULL) | ((x & 0x00ff00ff00ff00ffULL) << 8);
  x = ((x >> 16) & 0x0000ffff0000ffffULL) | ((x & 0x0000ffff0000ffffULL) << 16);
  return (x >> 32) | (x << 32);
}
static uint64_t part_bits(long iters) {
  uint64_t acc = 0;
  for (long i = 0; i < iters; i++) {
    uint64_t x = rng() | 1;
    acc += (uint64_t)__builtin_popcountll(x);
    acc += (uint64_t)__builtin_clzll(x >> (i & 31)) * 3;
    acc += (uint64_t)__builtin_ctzll((x & ~1ULL) | (1ULL << 63));
    acc ^= rotl(bitrev(x), (int)(i & 63));
    acc = rotl(acc, 7) + (uint64_t)((int64_t)x >> 17);
  }
  return acc;
}

/* 4. qsort of random ints. */
static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}
static uint64_t part_sort(long n) {
  int *v = malloc((size_t)n * sizeof *v);
  if (!v) { perror("malloc"); exit(2); }
  for (long i = 0; i < n; i++) v[i] = (int)(uint32_t)rng();
  qsort(v, (size_t)n, sizeof *v, cmp_int);
  uint64_t h = 0;
  for (long i = 1; i < n; i++)
    if (v[i - 1] > v[i]) { fprintf(stderr, "cpu: qsort result not sorted\n"); exit(3); }
  for (long i = 0; i < n; i += 97) h = mix(h, (uint64_t)(uint32_t)v[i]);
  free(v);
  return h;
}

/* 5. memcpy/memset/memcmp over buffers of a few sizes. */
static uint64_t part_mem(long rounds) {
  const size_t big = 1 << 20;
  unsigned char *a = malloc(big), *b = malloc(big);
  if (!a || !b) { perror("malloc"); exit(2); }
  for (size_t i = 0; i < big; i++) a[i] = (unsigned char)(i * 131 + (i >> 9));
  uint64_t h = 0;
  for (long r = 0; r < rounds; r++) {
    memcpy(b, a, big);
    size_t off = (size_t)(r * 4099) % (big / 2);
    memset(b + off, (int)(r & 0xff), 65536 + (size_t)(r & 4095));
    memmove(b + 1, b + off / 2 + 3, 200000);
    for (size_t k = 0; k < 64; k++) {          /* many small, unaligned copies */
      size_t s = (k * 7919 + (size_t)r * 31) % (big - 512);
      memcpy(a + ((s + 256) % (big - 512)), b + s, 1 + (k * 13) % 300);
    }
    h = mix(h, (uint64_t)memcmp(a, b, big) + b[off] + b[big - 1 - (size_t)r]);
    for (size_t i = 0; i < big; i += 4096) h = mix(h, b[i] ^ a[i + (size_t)(r & 63)]);
  }
  free(a);
  free(b);
  return h;
}

/* 6. Floating point: dense matrix multiply plus a small n-body simulation. */
static uint64_t dbits(double d) { uint64_t u; memcpy(&u, &d, sizeof u); return u; }

static uint64_t part_matmul(int n, int reps) {
  double *A = malloc(sizeof(double) * (size_t)(n * n));
  double *B = malloc(sizeof(double) * (size_t)(n * n));
  double *C = malloc(sizeof(double) * (size_t)(n * n));
  if (!A || !B || !C) { perror("malloc"); exit(2); }
  for (int i = 0; i < n * n; i++) {
    A[i] = (double)(int)(rng() % 2001 - 1000) / 337.0;
    B[i] = (double)(int)(rng() % 2001 - 1000) / 113.0;
  }
  double tr = 0.0;
  for (int r = 0; r < reps; r++) {
    for (int i = 0; i < n; i++)
      for (int j = 0; j < n; j++) C[i * n + j] = 0.0;
    for (int i = 0; i < n; i++)
      for (int k = 0; k < n; k++) {
        double aik = A[i * n + k];
        for (int j = 0; j < n; j++) C[i * n + j] += aik * B[k * n + j];
      }
    for (int i = 0; i < n; i++) tr += C[i * n + i];
    A[r % (n * n)] += 0.5;
  }
  uint64_t h = dbits(tr);
  for (int i = 0; i < n * n; i += 17) h = mix(h, dbits(C[i]));
  free(A);
  free(B);
  free(C);
  return h;
}

#define NB 5
static uint64_t part_nbody(long steps) {
  double x[NB], y[NB], z[NB], vx[NB], vy[NB], vz[NB], m[NB];
  for (int i = 0; i < NB; i++) {
    x[i] = (double)(int)(rng() % 2001 - 1000) / 100.0;
    y[i] = (double)(int)(rng() % 2001 - 1000) / 100.0;
    z[i] = (double)(int)(rng() % 2001 - 1000) / 100.0;
    vx[i] = vy[i] = vz[i] = 0.0;
    m[i] = 1.0 + (double)(rng() % 100) / 10.0;
  }
  const double dt = 0.001;
  for (long s = 0; s < steps; s++) {
    for (int i = 0; i < NB; i++)
      for (int j = i + 1; j < NB; j++) {
        double dx = x[i] - x[j], dy = y[i] - y[j], dz = z[i] - z[j];
        double d2 = dx * dx + dy * dy + dz * dz + 0.01;
        double mag = dt / (d2 * sqrt(d2));
        vx[i] -= dx * m[j] * mag; vy[i] -= dy * m[j] * mag; vz[i] -= dz * m[j] * mag;
        vx[j] += dx * m[i] * mag; vy[j] += dy * m[i] * mag; vz[j] += dz * m[i] * mag;
      }
    for (int i = 0; i < NB; i++) { x[i] += dt * vx[i]; y[i] += dt * vy[i]; z[i] += dt * vz[i]; }
  }
  double e = 0.0;
  for (int i = 0; i < NB; i++) e += 0.5 * m[i] * (vx[i] * vx[i] + vy[i] * vy[i] + vz[i] * vz[i]);
  uint64_t h = dbits(e);
  for (int i = 0; i < NB; i++) h = mix(h, dbits(x[i]) ^ dbits(vy[i]));
  return h;
}

static int timing;
static double now(void) {
  if (!timing) return 0.0;
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  long scale = 1;
  if (argc > 1) {
    char *end;
    scale = strtol(argv[1], &end, 10);
    if (*end || scale < 1 || scale > 100000) {
      fprintf(stderr, "usage: %s [scale]   (scale: positive integer, default 1)\n", argv[0]);
      return 2;
    }
  }
  timing = getenv("CPU_BENCH_TIMES") != NULL;
  static const char *names[7] = {"hash", "sieve", "bits", "sort", "mem", "matmul", "nbody"};
  uint64_t r[7];
  double t[8];
  t[0] = now();
  r[0] = part_hash(4000000 * scale);          t[1] = now();
  r[1] = part_sieve(4000000 * scale);         t[2] = now();
  r[2] = part_bits(1000000 * scale);          t[3] = now();
  r[3] = part_sort(300000 * scale);           t[4] = now();
  r[4] = part_mem(400 * scale);               t[5] = now();
  r[5] = part_matmul(96, (int)(20 * scale));  t[6] = now();
  r[6] = part_nbody(40000 * scale);           t[7] = now();
  uint64_t all = 0;
  for (int i = 0; i < 7; i++) {
    /* per-part times go to stderr so stdout stays identical across runners */
    if (timing) fprintf(stderr, "%-6s %8.3f ms\n", names[i], (t[i + 1] - t[i]) * 1e3);
    printf("%-6s %016llx\n", names[i], (unsigned long long)r[i]);
    all = mix(all, r[i]);
  }
  printf("checksum=%016llx\n", (unsigned long long)all);
  return 0;
}
