/* The F/D operations without a rounding mode and the FMA family:
 * fclass, fmin/fmax (-0 < +0; one NaN operand gives the other operand, two
 * give the canonical NaN; sNaN raises NV), feq (quiet: NV only for sNaN)
 * and flt/fle (signalling: NV for any NaN), fsgnj/fsgnjn/fsgnjx, NaN boxing
 * of single values in 64-bit registers, fmv/flw/fsw/fld/fsd bit
 * preservation, fcsr/frm/fflags CSR accesses, and fused multiply-add with a
 * single rounding (cases where separate mul+add would round differently,
 * and inf*0+qNaN, which raises NV on RISC-V). */
#include "fp.h"

#define NORM_S(name, insn) FP_DEF(name, IN_S2, insn " ft2,ft0,ft1", OUT_S)
#define NORM_D(name, insn) FP_DEF(name, IN_D2, insn " ft2,ft0,ft1", OUT_D)
#define CMP_S(name, insn) FP_DEF(name, IN_S2, insn " %[r],ft0,ft1", "")
#define CMP_D(name, insn) FP_DEF(name, IN_D2, insn " %[r],ft0,ft1", "")
NORM_S(fmin_s, "fmin.s") NORM_S(fmax_s, "fmax.s") NORM_S(fsgnj_s, "fsgnj.s")
NORM_S(fsgnjn_s, "fsgnjn.s") NORM_S(fsgnjx_s, "fsgnjx.s")
NORM_D(fmin_d, "fmin.d") NORM_D(fmax_d, "fmax.d") NORM_D(fsgnj_d, "fsgnj.d")
NORM_D(fsgnjn_d, "fsgnjn.d") NORM_D(fsgnjx_d, "fsgnjx.d")
CMP_S(feq_s, "feq.s") CMP_S(flt_s, "flt.s") CMP_S(fle_s, "fle.s")
CMP_D(feq_d, "feq.d") CMP_D(flt_d, "flt.d") CMP_D(fle_d, "fle.d")
FP_DEF(fclass_s, IN_S1, "fclass.s %[r],ft0", "")
FP_DEF(fclass_d, IN_D1, "fclass.d %[r],ft0", "")

FP_DEF6(fmadd_s, IN_S3, "fmadd.s ft2,ft0,ft1,ft3", OUT_S)
FP_DEF6(fmsub_s, IN_S3, "fmsub.s ft2,ft0,ft1,ft3", OUT_S)
FP_DEF6(fnmadd_s, IN_S3, "fnmadd.s ft2,ft0,ft1,ft3", OUT_S)
FP_DEF6(fnmsub_s, IN_S3, "fnmsub.s ft2,ft0,ft1,ft3", OUT_S)
FP_DEF6(fmadd_d, IN_D3, "fmadd.d ft2,ft0,ft1,ft3", OUT_D)
FP_DEF6(fmsub_d, IN_D3, "fmsub.d ft2,ft0,ft1,ft3", OUT_D)
FP_DEF6(fnmadd_d, IN_D3, "fnmadd.d ft2,ft0,ft1,ft3", OUT_D)
FP_DEF6(fnmsub_d, IN_D3, "fnmsub.d ft2,ft0,ft1,ft3", OUT_D)

struct op0 { const char *name; fpfn fn; };

static void pairs_s(const struct op0 *ops, size_t n) {
  uint64_t fl, r;
  for (size_t o = 0; o < n; o++)
    for (size_t i = 0; i < N_ELEMS(F32_PAIR_VALUES); i++)
      for (size_t j = 0; j < N_ELEMS(F32_PAIR_VALUES); j++) {
        r = ops[o].fn(F32_PAIR_VALUES[i], F32_PAIR_VALUES[j], 0, &fl);
        print_result(ops[o].name, "-", 2, F32_PAIR_VALUES[i], F32_PAIR_VALUES[j], 0, r, fl);
      }
}

static void pairs_d(const struct op0 *ops, size_t n) {
  uint64_t fl, r;
  for (size_t o = 0; o < n; o++)
    for (size_t i = 0; i < N_ELEMS(F64_PAIR_VALUES); i++)
      for (size_t j = 0; j < N_ELEMS(F64_PAIR_VALUES); j++) {
        r = ops[o].fn(F64_PAIR_VALUES[i], F64_PAIR_VALUES[j], 0, &fl);
        print_result(ops[o].name, "-", 2, F64_PAIR_VALUES[i], F64_PAIR_VALUES[j], 0, r, fl);
      }
}

static void classify(void) {
  uint64_t fl, r;
  for (size_t i = 0; i < N_ELEMS(F32_VALUES); i++) {
    r = fclass_s(F32_VALUES[i], 0, 0, &fl);
    print_result("fclass.s", "-", 1, F32_VALUES[i], 0, 0, r, fl);
  }
  for (size_t i = 0; i < N_ELEMS(F64_VALUES); i++) {
    r = fclass_d(F64_VALUES[i], 0, 0, &fl);
    print_result("fclass.d", "-", 1, F64_VALUES[i], 0, 0, r, fl);
  }
}

/* A single-precision value in an f register is valid only when the upper
 * 32 bits are all ones; otherwise single ops must see the canonical NaN. */
FP_DEF(unboxed_add, "fmv.d.x ft0,%[a]\n\tfmv.d.x ft1,%[b]\n\t", "fadd.s ft2,ft0,ft1", OUT_D)
FP_DEF(unboxed_sgnj, "fmv.d.x ft0,%[a]\n\tfmv.d.x ft1,%[b]\n\t", "fsgnj.s ft2,ft0,ft1", OUT_D)
FP_DEF(unboxed_class, "fmv.d.x ft0,%[a]\n\t", "fclass.s %[r],ft0", "")
FP_DEF(unboxed_mvxw, "fmv.d.x ft0,%[a]\n\t", "fmv.x.w %[r],ft0", "")
FP_DEF(unboxed_cvt, "fmv.d.x ft0,%[a]\n\t", "fcvt.d.s ft2,ft0", OUT_D)
FP_DEF(boxed_mvwx, "", "fmv.w.x ft2,%[a]", OUT_D)
FP_DEF(boxed_add, IN_S2, "fadd.s ft2,ft0,ft1", OUT_D)
FP_DEF(boxed_min, IN_S2, "fmin.s ft2,ft0,ft1", OUT_D)
FP_DEF(boxed_sgnjn, IN_S2, "fsgnjn.s ft2,ft0,ft1", OUT_D)

static void nan_boxing(void) {
  static const struct op0 OPS[] = {
    {"unboxed fadd.s", unboxed_add}, {"unboxed fsgnj.s", unboxed_sgnj},
    {"unboxed fclass.s", unboxed_class}, {"unboxed fmv.x.w", unboxed_mvxw},
    {"unboxed fcvt.d.s", unboxed_cvt}, {"boxed fmv.w.x", boxed_mvwx},
    {"boxed fadd.s", boxed_add}, {"boxed fmin.s", boxed_min},
    {"boxed fsgnjn.s", boxed_sgnjn},
  };
  static const uint64_t V[][2] = {
    {0x000000003f800000ull, 0xffffffff3f800000ull},
    {0xffffffff3f800000ull, 0x7fffffff40000000ull},
    {0xfffffffe3f800000ull, 0xffffffffbf800000ull},
    {0xffffffff7fc00000ull, 0xffffffff7f800001ull},
    {0xffffffffff800000ull, 0xffffffff00000001ull},
  };
  uint64_t fl, r;
  for (size_t o = 0; o < N_ELEMS(OPS); o++)
    for (size_t i = 0; i < N_ELEMS(V); i++) {
      r = OPS[o].fn(V[i][0], V[i][1], 0, &fl);
      print_result(OPS[o].name, "-", 2, V[i][0], V[i][1], 0, r, fl);
    }
}

static void loads_stores(void) {
  uint32_t w[2] = {0x7f800001, 0xff812345};
  uint64_t d[2] = {0x7ff0000000000001ull, 0};
  uint64_t r1, r2, r3;
  /* flw NaN-boxes; fsw/fsd store the bits unchanged (no canonicalisation). */
  asm volatile("flw ft0,0(%3)\n\tfmv.x.d %0,ft0\n\tfsw ft0,4(%3)\n\t"
               "fld ft1,0(%4)\n\tfsd ft1,8(%4)\n\tfmv.x.d %1,ft1\n\t"
               "fmv.x.w %2,ft0"
               : "=&r"(r1), "=&r"(r2), "=&r"(r3) : "r"(w), "r"(d) : "ft0", "ft1", "memory");
  printf("flw %llx fld %llx fmv.x.w %llx mem %08x %08x %016llx %016llx\n",
         (unsigned long long)r1, (unsigned long long)r2, (unsigned long long)r3, w[0], w[1],
         (unsigned long long)d[0], (unsigned long long)d[1]);
}

static void csrs(void) {
  uint64_t a, b, c, d, e, f, g;
  /* fcsr holds frm (bits 7:5) and fflags (4:0); higher bits read as zero. */
  asm volatile("fscsr %[a], %[in]\n\tfrcsr %[b]\n\tfrrm %[c]\n\tfrflags %[d]\n\t"
               "fsrmi %[e], 2\n\tfsflagsi %[f], 0x1f\n\tcsrrs %[g], fcsr, zero\n\t"
               "fscsr zero"
               : [a] "=&r"(a), [b] "=&r"(b), [c] "=&r"(c), [d] "=&r"(d), [e] "=&r"(e),
                 [f] "=&r"(f), [g] "=&r"(g)
               : [in] "r"(0xffffffffffffffffull));
  printf("fcsr old=%llx all-ones->%llx frm=%llx fflags=%llx fsrmi-old=%llx fsflagsi-old=%llx fcsr=%llx\n",
         (unsigned long long)a, (unsigned long long)b, (unsigned long long)c,
         (unsigned long long)d, (unsigned long long)e, (unsigned long long)f,
         (unsigned long long)g);
  asm volatile("csrwi fflags, 0x3\n\tcsrsi fflags, 0x10\n\tcsrci fflags, 0x1\n\t"
               "frflags %[a]\n\tcsrwi frm, 4\n\tfrcsr %[b]\n\tfscsr zero"
               : [a] "=&r"(a), [b] "=&r"(b));
  printf("csrsi/csrci fflags=%llx fcsr=%llx\n", (unsigned long long)a, (unsigned long long)b);
  /* Flags accumulate across operations until cleared. */
  asm volatile("fsflags zero\n\tfmv.w.x ft0,%[one]\n\tfmv.w.x ft1,%[zero]\n\t"
               "fdiv.s ft2,ft0,ft1\n\tfdiv.s ft2,ft1,ft1\n\tfrflags %[a]"
               : [a] "=&r"(a) : [one] "r"(0x3f800000ull), [zero] "r"(0ull) : "ft0", "ft1", "ft2");
  printf("accumulated flags=%llx\n", (unsigned long long)a);
}

static const uint32_t FMA_S[][3] = {
  {0x3f800001, 0x3f800001, 0xbf800002}, /* (1+u)^2 - (1+2u) = u^2 exactly */
  {0x3eaaaaab, 0x40400000, 0xbf800000}, /* 3*round(1/3) - 1 */
  {0x7f800000, 0x00000000, 0x7fc00000}, /* inf*0 + qNaN: NV */
  {0x7f800000, 0x00000000, 0x3f800000}, /* inf*0 + 1: NV */
  {0x7f800000, 0x3f800000, 0xff800000}, /* inf - inf: NV */
  {0x00000000, 0x3f800000, 0x80000000}, /* 0*1 + -0 */
  {0x80000000, 0x3f800000, 0x00000000}, /* -0*1 + 0: sign depends on rm */
  {0x3f800000, 0x3f800000, 0xbf800000}, /* exact zero: -0 under rdn */
  {0x7f7fffff, 0x40000000, 0xff7fffff}, /* overflow in product only */
  {0x00800000, 0x3f000000, 0x00000001}, /* subnormal result */
  {0x7f800001, 0x3f800000, 0x3f800000}, /* sNaN */
  {0x4b800001, 0x4b800001, 0x00000000}, /* inexact product */
};
static const uint64_t FMA_D[][3] = {
  {0x3ff0000000000001ull, 0x3ff0000000000001ull, 0xbff0000000000002ull},
  {0x3fd5555555555555ull, 0x4008000000000000ull, 0xbff0000000000000ull},
  {0x7ff0000000000000ull, 0x0000000000000000ull, 0x7ff8000000000000ull},
  {0x7ff0000000000000ull, 0x3ff0000000000000ull, 0xfff0000000000000ull},
  {0x8000000000000000ull, 0x3ff0000000000000ull, 0x0000000000000000ull},
  {0x3ff0000000000000ull, 0x3ff0000000000000ull, 0xbff0000000000000ull},
  {0x7fefffffffffffffull, 0x4000000000000000ull, 0xffefffffffffffffull},
  {0x0010000000000000ull, 0x3fe0000000000000ull, 0x0000000000000001ull},
  {0x7ff0000000000001ull, 0x3ff0000000000000ull, 0x3ff0000000000000ull},
  {0x4340000000000001ull, 0x4340000000000001ull, 0x0000000000000000ull},
};

static void fma_cases(void) {
  static const struct { const char *name; const fpfn *s; const fpfn *d; } OPS[] = {
    {"fmadd", fmadd_s, fmadd_d}, {"fmsub", fmsub_s, fmsub_d},
    {"fnmadd", fnmadd_s, fnmadd_d}, {"fnmsub", fnmsub_s, fnmsub_d},
  };
  for (size_t o = 0; o < N_ELEMS(OPS); o++) {
    for (size_t i = 0; i < N_ELEMS(FMA_S); i++)
      run6(OPS[o].name, OPS[o].s, 3, FMA_S[i][0], FMA_S[i][1], FMA_S[i][2]);
    for (size_t i = 0; i < N_ELEMS(FMA_D); i++)
      run6(OPS[o].name, OPS[o].d, 3, FMA_D[i][0], FMA_D[i][1], FMA_D[i][2]);
  }
}

int main(void) {
  static const struct op0 PAIRS_S[] = {
    {"fmin.s", fmin_s}, {"fmax.s", fmax_s}, {"fsgnj.s", fsgnj_s}, {"fsgnjn.s", fsgnjn_s},
    {"fsgnjx.s", fsgnjx_s}, {"feq.s", feq_s}, {"flt.s", flt_s}, {"fle.s", fle_s},
  };
  static const struct op0 PAIRS_D[] = {
    {"fmin.d", fmin_d}, {"fmax.d", fmax_d}, {"fsgnj.d", fsgnj_d}, {"fsgnjn.d", fsgnjn_d},
    {"fsgnjx.d", fsgnjx_d}, {"feq.d", feq_d}, {"flt.d", flt_d}, {"fle.d", fle_d},
  };
  pairs_s(PAIRS_S, N_ELEMS(PAIRS_S));
  pairs_d(PAIRS_D, N_ELEMS(PAIRS_D));
  classify();
  nan_boxing();
  loads_stores();
  csrs();
  fma_cases();
  return 0;
}
