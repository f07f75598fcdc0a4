/* Shared machinery for the F/D differential programs. Every operation runs
 * inside one asm block that moves raw bit patterns in, clears fflags,
 * executes exactly one instruction with the rounding mode written in the
 * instruction, and reads fflags back, so the compiler can neither fold nor
 * reorder anything. Each rounded operation exists in six versions: the five
 * static modes and "dyn" (which the driver runs under each of the five frm
 * values set with fsrm). */
#ifndef FP_H
#define FP_H
#include "diff.h"

typedef uint64_t (*fpfn)(uint64_t a, uint64_t b, uint64_t c, uint64_t *flags);

#define FP_CLOBBERS "ft0", "ft1", "ft2", "ft3"

/* PRE moves operands into ft0/ft1/ft3, INSN computes (into ft2 or %[r]),
 * POST moves ft2 out. */
#define FP_DEF(fn, PRE, INSN, POST)                                           \
  static uint64_t fn(uint64_t a, uint64_t b, uint64_t c, uint64_t *flags) {   \
    uint64_t r = 0, f;                                                        \
    (void)a; (void)b; (void)c;                                                \
    asm volatile(PRE "fsflags zero\n\t" INSN "\n\tfrflags %[f]\n\t" POST      \
                 : [r] "=&r"(r), [f] "=&r"(f)                                 \
                 : [a] "r"(a), [b] "r"(b), [c] "r"(c)                         \
                 : FP_CLOBBERS);                                              \
    *flags = f;                                                               \
    return r;                                                                 \
  }

#define FP_DEF6(name, PRE, INSN, POST)                                        \
  FP_DEF(name##_rne, PRE, INSN ",rne", POST)                                  \
  FP_DEF(name##_rtz, PRE, INSN ",rtz", POST)                                  \
  FP_DEF(name##_rdn, PRE, INSN ",rdn", POST)                                  \
  FP_DEF(name##_rup, PRE, INSN ",rup", POST)                                  \
  FP_DEF(name##_rmm, PRE, INSN ",rmm", POST)                                  \
  FP_DEF(name##_dyn, PRE, INSN ",dyn", POST)                                  \
  static const fpfn name[6] = {name##_rne, name##_rtz, name##_rdn,            \
                               name##_rup, name##_rmm, name##_dyn};

/* Operand movers. */
#define IN_S1 "fmv.w.x ft0,%[a]\n\t"
#define IN_S2 IN_S1 "fmv.w.x ft1,%[b]\n\t"
#define IN_S3 IN_S2 "fmv.w.x ft3,%[c]\n\t"
#define IN_D1 "fmv.d.x ft0,%[a]\n\t"
#define IN_D2 IN_D1 "fmv.d.x ft1,%[b]\n\t"
#define IN_D3 IN_D2 "fmv.d.x ft3,%[c]\n\t"
#define OUT_S "fmv.x.w %[r],ft2"
#define OUT_D "fmv.x.d %[r],ft2"

static const char *const RM_NAMES[6] = {"rne", "rtz", "rdn", "rup", "rmm", "dyn"};

static inline void set_frm(uint64_t rm) { asm volatile("fsrm %0" ::"r"(rm)); }

static inline void print_result(const char *op, const char *rm, int nargs, uint64_t a,
                                uint64_t b, uint64_t c, uint64_t r, uint64_t fl) {
  printf("%s %s", op, rm);
  if (nargs >= 1) printf(" %llx", (unsigned long long)a);
  if (nargs >= 2) printf(" %llx", (unsigned long long)b);
  if (nargs >= 3) printf(" %llx", (unsigned long long)c);
  printf(" -> %llx fl=%02llx\n", (unsigned long long)r, (unsigned long long)fl);
}

/* Runs one rounded op in all ten rounding variants (5 static, dyn x 5). */
static inline void run6(const char *op, const fpfn *tab, int nargs, uint64_t a, uint64_t b,
                        uint64_t c) {
  static const char *const DYN[5] = {"dyn=rne", "dyn=rtz", "dyn=rdn", "dyn=rup", "dyn=rmm"};
  uint64_t fl, r;
  for (int m = 0; m < 5; m++) {
    r = tab[m](a, b, c, &fl);
    print_result(op, RM_NAMES[m], nargs, a, b, c, r, fl);
  }
  for (int m = 0; m < 5; m++) {
    set_frm((uint64_t)m);
    r = tab[5](a, b, c, &fl);
    print_result(op, DYN[m], nargs, a, b, c, r, fl);
  }
  set_frm(0);
}

/* Single-precision operands: zeros, ones, halves (ties), values one ulp
 * apart, the 2^31/2^63/2^64 conversion boundaries, largest/smallest
 * normals, subnormals, infinities, quiet and signalling NaNs. */
static const uint32_t F32_VALUES[] = {
  0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x3fc00000, 0xc0200000,
  0x3f000000, 0xbf000000, 0x3eaaaaab, 0x3f800001, 0x4b7fffff, 0x4f000000,
  0xcf000000, 0x4effffff, 0x5f000000, 0xdf000000, 0x5f800000, 0x7f7fffff,
  0xff7fffff, 0x00800000, 0x00000001, 0x807fffff, 0x7f800000, 0xff800000,
  0x7fc00000, 0xffc00001, 0x7f800001, 0xff812345, 0x4f800000, 0x3f7fffff,
};
/* A smaller set for the binary operations, to keep the output readable. */
static const uint32_t F32_PAIR_VALUES[] = {
  0x00000000, 0x80000000, 0x3f800000, 0xc0200000, 0x3eaaaaab, 0x3f800001,
  0x7f7fffff, 0x00800000, 0x00000001, 0x807fffff, 0x7f800000, 0xff800000,
  0x7fc00000, 0x7f800001, 0x4b7fffff, 0x33800000,
};

static const uint64_t F64_VALUES[] = {
  0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull,
  0xbff0000000000000ull, 0x3ff8000000000000ull, 0xc004000000000000ull,
  0x3fe0000000000000ull, 0xbfe0000000000000ull, 0x3fd5555555555555ull,
  0x3ff0000000000001ull, 0x41dfffffffc00000ull, 0x41e0000000000000ull,
  0xc1e0000000000000ull, 0xc1e0000000200000ull, 0x41efffffffe00000ull,
  0x41f0000000000000ull, 0x43e0000000000000ull, 0xc3e0000000000000ull,
  0x43f0000000000000ull, 0x43dfffffffffffffull, 0x7fefffffffffffffull,
  0xffefffffffffffffull, 0x0010000000000000ull, 0x0000000000000001ull,
  0x800fffffffffffffull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
  0x7ff8000000000000ull, 0xfff8000000000001ull, 0x7ff0000000000001ull,
  0x3fefffffffffffffull, 0x36a0000000000000ull, 0x47efffffe0000000ull,
  0x380fffffe0000000ull, 0x3690000000000000ull, 0x4330000000000001ull,
};
static const uint64_t F64_PAIR_VALUES[] = {
  0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull,
  0xc004000000000000ull, 0x3fd5555555555555ull, 0x3ff0000000000001ull,
  0x7fefffffffffffffull, 0x0010000000000000ull, 0x0000000000000001ull,
  0x800fffffffffffffull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
  0x7ff8000000000000ull, 0x7ff0000000000001ull, 0x4340000000000001ull,
  0x3ca0000000000000ull,
};

/* Integer operands for int -> float conversions. */
static const uint64_t CVT_INT_VALUES[] = {
  0, 1, 0xffffffffffffffffull, 0x7fffffffull, 0x80000000ull, 0xffffffff80000000ull,
  0xffffffffull, 0x1000001ull, 0x1000003ull, 0xfffffffffefffffdull,
  0x7fffffffffffffffull, 0x8000000000000000ull, 0x20000000000001ull,
  0x20000000000003ull, 0xffdfffffffffffffull, 0x00000000fffffffeull,
  0x123456789abcdef1ull, 0xfffffffffffffff0ull,
};
#endif
