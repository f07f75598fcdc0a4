// FPU oracle: runs every F/D arithmetic instruction on a fixed list of
// interesting operands plus seeded pseudo-random ones, under every rounding
// mode, on "real" RISC-V (qemu-riscv64) and prints one line per case:
//
//   mnemonic insn frm f10 f11 f12 x11 f13 x12 fflags
//
// (all hex). The instruction is encoded with rs1 = f10 (x11 for integer
// sources), rs2 = f11, rs3 = f12, rd = f13 (x12 for integer results), so
// the test can replay the same word through execFp. f13 and x12 start at a
// sentinel so an unwritten destination shows.
//
// Built with riscv64-linux-gnu-gcc -static -O1. The instruction word is
// patched into a copy of a small asm stub in an RWX page.
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define SENTINEL 0x5a5a5a5a5a5a5a5aull

// Stub state block: a0 points here.
struct state {
  uint64_t f10, f11, f12, x11, frm, f13, x12, fflags;
};

extern char stub_start[], stub_insn[], stub_end[];
__asm__(
    ".text\n.align 2\n.globl stub_start\n.globl stub_insn\n.globl stub_end\n"
    "stub_start:\n"
    " fld f10, 0(a0)\n fld f11, 8(a0)\n fld f12, 16(a0)\n ld a1, 24(a0)\n"
    " ld t0, 32(a0)\n fsrm t0\n fld f13, 40(a0)\n ld a2, 48(a0)\n fsflags zero\n"
    "stub_insn:\n .word 0x00000013\n"
    " fsd f13, 40(a0)\n sd a2, 48(a0)\n frflags t0\n sd t0, 56(a0)\n ret\n"
    "stub_end:\n");

static char *code;
static void (*stub)(struct state *);

static void patch(uint32_t insn) {
  memcpy(code + (stub_insn - stub_start), &insn, 4);
  __asm__ volatile("fence.i" ::: "memory");
}

// ---- instruction table -------------------------------------------------
enum { R_F = 0, R_X = 1 };     // register file of rd / rs1
enum { RM_FIELD = -1 };        // funct3 is the rounding mode
enum { RS2_REG = -1 };         // rs2 field is f11

struct insn {
  const char *name;
  int opcode;   // 0x53 or an FMA opcode
  int funct5;   // OP-FP funct5 (unused for FMA)
  int fmt;      // 0 = S, 1 = D
  int rs2;      // fixed rs2 field, or RS2_REG
  int f3;       // fixed funct3, or RM_FIELD
  int src;      // R_F or R_X for rs1
  int dst;      // R_F or R_X for rd
  int nops;     // float operands used (1..3); 0 for integer source
  int intsrc;   // integer source kind for operand pools (0 none)
};

#define OPFP(n, f5, fmt, rs2, f3, src, dst, nops) {n, 0x53, f5, fmt, rs2, f3, src, dst, nops, 0}
#define FMA(n, op, fmt) {n, op, 0, fmt, RS2_REG, RM_FIELD, R_F, R_F, 3, 0}
#define BOTH(mac, ...) mac(__VA_ARGS__)

static const struct insn insns[] = {
#define FMT_OPS(S, fmt)                                                    \
  OPFP("fadd." S, 0x00, fmt, RS2_REG, RM_FIELD, R_F, R_F, 2),              \
  OPFP("fsub." S, 0x01, fmt, RS2_REG, RM_FIELD, R_F, R_F, 2),              \
  OPFP("fmul." S, 0x02, fmt, RS2_REG, RM_FIELD, R_F, R_F, 2),              \
  OPFP("fdiv." S, 0x03, fmt, RS2_REG, RM_FIELD, R_F, R_F, 2),              \
  OPFP("fsqrt." S, 0x0b, fmt, 0, RM_FIELD, R_F, R_F, 1),                   \
  OPFP("fsgnj." S, 0x04, fmt, RS2_REG, 0, R_F, R_F, 2),                    \
  OPFP("fsgnjn." S, 0x04, fmt, RS2_REG, 1, R_F, R_F, 2),                   \
  OPFP("fsgnjx." S, 0x04, fmt, RS2_REG, 2, R_F, R_F, 2),                   \
  OPFP("fmin." S, 0x05, fmt, RS2_REG, 0, R_F, R_F, 2),                     \
  OPFP("fmax." S, 0x05, fmt, RS2_REG, 1, R_F, R_F, 2),                     \
  OPFP("feq." S, 0x14, fmt, RS2_REG, 2, R_F, R_X, 2),                      \
  OPFP("flt." S, 0x14, fmt, RS2_REG, 1, R_F, R_X, 2),                      \
  OPFP("fle." S, 0x14, fmt, RS2_REG, 0, R_F, R_X, 2),                      \
  OPFP("fcvt.w." S, 0x18, fmt, 0, RM_FIELD, R_F, R_X, 1),                  \
  OPFP("fcvt.wu." S, 0x18, fmt, 1, RM_FIELD, R_F, R_X, 1),                 \
  OPFP("fcvt.l." S, 0x18, fmt, 2, RM_FIELD, R_F, R_X, 1),                  \
  OPFP("fcvt.lu." S, 0x18, fmt, 3, RM_FIELD, R_F, R_X, 1),                 \
  OPFP("fcvt." S ".w", 0x1a, fmt, 0, RM_FIELD, R_X, R_F, 0),               \
  OPFP("fcvt." S ".wu", 0x1a, fmt, 1, RM_FIELD, R_X, R_F, 0),              \
  OPFP("fcvt." S ".l", 0x1a, fmt, 2, RM_FIELD, R_X, R_F, 0),               \
  OPFP("fcvt." S ".lu", 0x1a, fmt, 3, RM_FIELD, R_X, R_F, 0),              \
  OPFP("fclass." S, 0x1c, fmt, 0, 1, R_F, R_X, 1),                         \
  OPFP(S[0] == 0x73 ? "fmv.x.w" : "fmv.x.d", 0x1c, fmt, 0, 0, R_F, R_X, 1),                          \
  OPFP(S[0] == 0x73 ? "fmv.w.x" : "fmv.d.x", 0x1e, fmt, 0, 0, R_X, R_F, 0),                       \
  FMA("fmadd." S, 0x43, fmt), FMA("fmsub." S, 0x47, fmt),                  \
  FMA("fnmsub." S, 0x4b, fmt), FMA("fnmadd." S, 0x4f, fmt)
    FMT_OPS("s", 0),
    FMT_OPS("d", 1),
    OPFP("fcvt.s.d", 0x08, 0, 1, RM_FIELD, R_F, R_F, 1),
    OPFP("fcvt.d.s", 0x08, 1, 0, RM_FIELD, R_F, R_F, 1),
};
#define NINSNS (sizeof insns / sizeof insns[0])

static uint32_t encode(const struct insn *in, int rm) {
  uint32_t rd = in->dst == R_X ? 12 : 13;
  uint32_t rs1 = in->src == R_X ? 11 : 10;
  uint32_t f3 = in->f3 == RM_FIELD ? (uint32_t)rm : (uint32_t)in->f3;
  uint32_t rs2 = in->rs2 == RS2_REG ? 11 : (uint32_t)in->rs2;
  uint32_t hi = in->opcode == 0x53 ? ((uint32_t)in->funct5 << 2 | in->fmt) << 25
                                   : (12u << 27) | ((uint32_t)in->fmt << 25);
  return hi | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | (uint32_t)in->opcode;
}

// ---- operands ------------------------------------------------------------
static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t next(void) {  // xorshift64*
  rng ^= rng >> 12; rng ^= rng << 25; rng ^= rng >> 27;
  return rng * 0x2545f4914f6cdd1dull;
}

#define BOX 0xffffffff00000000ull
static const uint64_t special_d[] = {
  0, 0x8000000000000000, 1, 0x8000000000000001, 0x000fffffffffffff,
  0x0008000000000001, 0x0010000000000000, 0x8010000000000000, 0x001fffffffffffff,
  0x3ff0000000000000, 0xbff0000000000000, 0x3ff8000000000000, 0x4000000000000000,
  0x3fe0000000000000, 0xbfe0000000000000, 0x4004000000000000, 0xc004000000000000,
  0x3ff0000000000001, 0x3fefffffffffffff, 0x7fefffffffffffff, 0xffefffffffffffff,
  0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000, 0xfff8000000000123,
  0x7ff0000000000001, 0xfff4000000000000, 0x41dfffffffe00000, 0x41dfffffffc00000,
  0x41e0000000000000, 0xc1e0000000000000, 0xc1e0000000100000, 0xc1e0000000200000,
  0x41efffffffe00000, 0x41efffffffd00000, 0x41f0000000000000, 0x43e0000000000000,
  0xc3e0000000000000, 0x43dfffffffffffff, 0x43f0000000000000, 0x43efffffffffffff,
  0x400921fb54442d18, 0x3fd5555555555555, 0x47efffffe0000000, 0x47efffffefffffff,
  0x47effffff0000000, 0x3810000000000000, 0x380fffffffffffff, 0x36a0000000000000,
  0x3690000000000000, 0x3690000000000001, 0x380ffffff0000000, 0x0000000000000003,
};
static const uint64_t special_s[] = {
  0, 0x80000000, 1, 0x80000001, 0x007fffff, 0x00400001, 0x00800000, 0x80800000,
  0x00ffffff, 0x3f800000, 0xbf800000, 0x3fc00000, 0x40000000, 0x3f000000, 0xbf000000,
  0x40200000, 0xc0200000, 0x3f800001, 0x3f7fffff, 0x7f7fffff, 0xff7fffff, 0x7f800000,
  0xff800000, 0x7fc00000, 0xffc00123, 0x7f800001, 0xffa00000, 0x4effffff, 0x4f000000,
  0xcf000000, 0xcf000001, 0x4f7fffff, 0x4f800000, 0x5f000000, 0xdf000000, 0x5effffff,
  0x5f800000, 0x40490fdb, 0x3eaaaaab, 0x00000003, 0x4b000001, 0x4b7fffff,
};
// Singles whose register is not properly NaN-boxed (read as canonical NaN).
static const uint64_t unboxed_s[] = {0x000000003f800000, 0x7ff8000000000000, 0xfffffffe3f800000};
static const uint64_t special_x[] = {
  0, 1, ~0ull, 0x7fffffff, 0x80000000, 0xffffffff80000000, 0xffffffff, 0x100000000,
  0x0020000000000001, 0x7fffffffffffffff, 0x8000000000000000, 0x1000001, 0xfffffffffeffffff,
  0x7fffffbf, 0x00000000ffffff7f, 0x8000008000000001, 0xfffffffff0000001,
};
#define N(a) (sizeof a / sizeof a[0])

// A random value of the format, biased toward interesting exponents and
// significands with long runs (halfway and carry cases).
static uint64_t rand_fp(int fmt) {
  int fb = fmt ? 52 : 23, ebits = fmt ? 11 : 8, bias = fmt ? 1023 : 127;
  uint64_t r = next(), frac = next() & ((1ull << fb) - 1);
  int64_t e;
  // Exponents where results change character: the integer conversion
  // limits (2^31, 2^32, 2^63, 2^64) and, for doubles, the single range.
  static const int edges[] = {31, 32, 63, 64, -126, 127, -149, 0};
  switch (r & 15) {
    case 0: case 1: e = (int64_t)(next() % (2 * bias + 2)); break;  // anything
    case 2: case 3: e = (int64_t)(next() % 4); break;                // subnormal edge
    case 4: e = 2 * bias - (int64_t)(next() % 3); break;             // overflow edge
    case 5: case 6: e = bias + edges[next() % 8] - 2 + (int64_t)(next() % 4); break;
    default: e = bias - 8 + (int64_t)(next() % 17); break;           // near 1
  }
  if (e > 2 * bias + 1) e = 2 * bias + 1;
  if (e < 0) e = 0;
  switch ((r >> 3) & 3) {
    case 0: frac &= ~((1ull << (next() % fb)) - 1); break;   // trailing zeros
    case 1: frac |= (1ull << (next() % fb)) - 1; break;      // trailing ones
    default: break;
  }
  uint64_t v = ((uint64_t)e << fb) | frac | ((r >> 5 & 1) << (fb + ebits));
  return v;
}

static uint64_t box(uint64_t v, int fmt) { return fmt ? v : (v | BOX); }

// Operand pool for a format: the specials (boxed), unboxed singles, randoms.
static uint64_t pool_s[1024], pool_d[1024];
static int npool_s, npool_d;
static void make_pools(int nrand) {
  for (size_t i = 0; i < N(special_s); i++) pool_s[npool_s++] = special_s[i] | BOX;
  for (size_t i = 0; i < N(unboxed_s); i++) pool_s[npool_s++] = unboxed_s[i];
  for (int i = 0; i < nrand; i++) pool_s[npool_s++] = rand_fp(0) | BOX;
  for (size_t i = 0; i < N(special_d); i++) pool_d[npool_d++] = special_d[i];
  for (int i = 0; i < nrand; i++) pool_d[npool_d++] = rand_fp(1);
}

// Operand tuples collected for the current instruction.
#define MAX_CASES (1 << 18)
static uint64_t ca[MAX_CASES], cb[MAX_CASES], cc[MAX_CASES], cx[MAX_CASES];
static int ncases;
static void add_case(uint64_t a, uint64_t b, uint64_t c, uint64_t x) {
  if (ncases < MAX_CASES) { ca[ncases] = a; cb[ncases] = b; cc[ncases] = c; cx[ncases] = x; ncases++; }
}

// Runs the collected cases under every rounding mode the instruction
// takes, patching the stub once per mode (self-modifying code is slow).
static void run_cases(const struct insn *in) {
  int nrm = in->f3 == RM_FIELD ? 6 : 1;
  for (int k = 0; k < nrm; k++) {
    int rm = k < 5 ? k : 7;
    uint32_t word = encode(in, rm);
    patch(word);
    for (int i = 0; i < ncases; i++) {
      // Static modes run with a different frm to show it is ignored; DYN
      // (and the instructions without rm) cycle frm through the modes.
      int frm = (k < 5 && nrm > 1) ? (k + 1) % 5 : i % 5;
      struct state st = {ca[i], cb[i], cc[i], cx[i], (uint64_t)frm, SENTINEL, SENTINEL, 0};
      stub(&st);
      printf("%s %08x %d %016llx %016llx %016llx %016llx %016llx %016llx %02llx\n", in->name,
             word, frm, (unsigned long long)ca[i], (unsigned long long)cb[i],
             (unsigned long long)cc[i], (unsigned long long)cx[i], (unsigned long long)st.f13,
             (unsigned long long)st.x12, (unsigned long long)st.fflags);
    }
  }
  ncases = 0;
}

// The exact-ish negated product of two doubles or singles, nudged by a few
// ulps: addends that make the fused multiply-add cancel heavily.
static uint64_t near_neg_product(uint64_t a, uint64_t b, int fmt) {
  uint64_t v;
  if (fmt) {
    double x, y, p; memcpy(&x, &a, 8); memcpy(&y, &b, 8); p = -(x * y); memcpy(&v, &p, 8);
  } else {
    float x, y, p; uint32_t w, aw = (uint32_t)a, bw = (uint32_t)b;
    memcpy(&x, &aw, 4); memcpy(&y, &bw, 4); p = -(x * y); memcpy(&w, &p, 4); v = w;
  }
  return v + (next() % 5) - 2;
}

static uint64_t bits_of(double d) { uint64_t v; memcpy(&v, &d, 8); return v; }
static uint64_t bits_of_f(float f) { uint32_t v; memcpy(&v, &f, 4); return v; }
static double rand_unit(void) { return (double)(next() >> 11) * 0x1p-53; }

// Products that land next to the smallest normal (tininess after rounding,
// UF only when inexact): a near 1 with few significant bits, b = t / a.
static void add_tiny_products(int fmt, int n) {
  double minnorm = fmt ? 0x1p-1022 : 0x1p-126;
  for (int i = 0; i < n; i++) {
    double a = 1.0 + (double)(next() % 64) * (fmt ? 0x1p-52 : 0x1p-23);
    double t = minnorm * (1.0 - rand_unit() * (i & 1 ? 0x1p-20 : 0x1p-50));
    double b = t / a;
    if (next() & 1) b = -b;
    if (fmt) add_case(bits_of(a), bits_of(b), 0, 0);
    else add_case(bits_of_f((float)a) | BOX, bits_of_f((float)b) | BOX, 0, 0);
  }
}

// Fused multiply-adds with c next to the smallest normal and a*b a tiny
// power of two of either sign: sums just across the subnormal boundary.
static void add_tiny_fmas(int fmt) {
  int p = fmt ? 53 : 24, emin = fmt ? -1022 : -126;
  for (int j = p - 3; j <= p + 3; j++)
    for (int k = 0; k < 4; k++) {
      double c = ldexp(1.0, emin) - (k == 1 ? ldexp(1.0, emin - p) : 0) + (k == 2 ? ldexp(1.0, emin - p + 1) : 0);
      if (k == 3) c = ldexp(1.0, emin) - ldexp(1.0, emin - p + 1);  // largest subnormal
      double a = ldexp(1.0, (emin - j) / 2), b = ldexp(1.0, emin - j - (emin - j) / 2);
      for (int s = 0; s < 4; s++) {
        double bb = s & 1 ? -b : b, cc2 = s & 2 ? -c : c;
        if (fmt) add_case(bits_of(a), bits_of(bb), bits_of(cc2), 0);
        else add_case(bits_of_f((float)a) | BOX, bits_of_f((float)bb) | BOX, bits_of_f((float)cc2) | BOX, 0);
      }
    }
}

// Perfect squares (exact square roots) and their neighbours.
static void add_squares(int fmt, int n) {
  for (int i = 0; i < n; i++) {
    double r = (double)(next() % (fmt ? (1ull << 26) : (1ull << 12)) + 1) * ldexp(1.0, (int)(next() % 64) - 32);
    double sq = r * r;
    if (fmt) add_case(bits_of(sq) + (i % 3) - 1, 0, 0, 0);
    else add_case((bits_of_f((float)sq) + (i % 3) - 1) | BOX, 0, 0, 0);
  }
}

// Usage: oracle [NRAND [NPAIRS [NFMA [SEED]]]] (sizes of the random parts).
int main(int argc, char **argv) {
  int nrand = argc > 1 ? atoi(argv[1]) : 12;
  int npairs = argc > 2 ? atoi(argv[2]) : 800;
  int nfma = argc > 3 ? atoi(argv[3]) : 1000;
  if (argc > 4) rng ^= strtoull(argv[4], 0, 0) * 0x9e3779b97f4a7c15ull;
  code = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (code == MAP_FAILED) return 1;
  memcpy(code, stub_start, (size_t)(stub_end - stub_start));
  stub = (void (*)(struct state *))code;
  make_pools(nrand);
  for (size_t i = 0; i < NINSNS; i++) {
    const struct insn *in = &insns[i];
    // fcvt.s.d reads a double; fcvt.d.s a single.
    int sfmt = in->funct5 == 0x08 && in->opcode == 0x53 ? !in->fmt : in->fmt;
    uint64_t *pool = sfmt ? pool_d : pool_s;
    int np = sfmt ? npool_d : npool_s;
    if (in->nops == 0) {
      for (size_t j = 0; j < N(special_x); j++) add_case(0, 0, 0, special_x[j]);
      for (int j = 0; j < 20 * nrand; j++) {
        uint64_t x = next() >> (next() % 64);
        add_case(0, 0, 0, (next() & 1) ? x : -x);
      }
    } else if (in->nops == 1) {
      for (int j = 0; j < np; j++) add_case(pool[j], 0, 0, 0);
      for (int j = 0; j < 40 * nrand; j++) add_case(box(rand_fp(sfmt), sfmt), 0, 0, 0);
      if (in->funct5 == 0x0b) add_squares(sfmt, 20 * nrand);
    } else if (in->nops == 2) {
      // Every pair of the pool, then random pairs.
      for (int j = 0; j < np; j++)
        for (int k = 0; k < np; k++) add_case(pool[j], pool[k], 0, 0);
      for (int j = 0; j < npairs; j++)
        add_case(box(rand_fp(sfmt), sfmt), box(rand_fp(sfmt), sfmt), 0, 0);
      if (in->funct5 == 0x02) add_tiny_products(sfmt, npairs / 4);
    } else {
      for (int j = 0; j < nfma; j++) {
        uint64_t a = (j & 4) ? pool[next() % np] : box(rand_fp(sfmt), sfmt);
        uint64_t b = (j & 8) ? pool[next() % np] : box(rand_fp(sfmt), sfmt);
        uint64_t c;
        switch (j % 3) {
          case 0: c = pool[next() % np]; break;
          case 1: c = box(near_neg_product(a, b, sfmt), sfmt); break;
          default: c = box(rand_fp(sfmt), sfmt); break;
        }
        add_case(a, b, c, 0);
      }
      add_tiny_fmas(sfmt);
    }
    run_cases(in);
  }
  return 0;
}
