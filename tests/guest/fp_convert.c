/* Conversions under every rounding mode, with fflags: float/double -> w, wu,
 * l, lu (saturation on overflow and NaN raises NV; -0 and values in (-1,0)
 * to unsigned; 2^31, 2^63, 2^64 boundaries), integer -> float/double
 * (inexact when the integer has more bits than the mantissa; W forms read
 * only the low 32 bits), and float <-> double (NaN canonicalisation,
 * overflow, underflow to subnormals). */
#include "fp.h"

#define CVT_TO_INT(name, insn, IN) FP_DEF6(name, IN, insn " %[r],ft0", "")
CVT_TO_INT(cvt_w_s, "fcvt.w.s", IN_S1)
CVT_TO_INT(cvt_wu_s, "fcvt.wu.s", IN_S1)
CVT_TO_INT(cvt_l_s, "fcvt.l.s", IN_S1)
CVT_TO_INT(cvt_lu_s, "fcvt.lu.s", IN_S1)
CVT_TO_INT(cvt_w_d, "fcvt.w.d", IN_D1)
CVT_TO_INT(cvt_wu_d, "fcvt.wu.d", IN_D1)
CVT_TO_INT(cvt_l_d, "fcvt.l.d", IN_D1)
CVT_TO_INT(cvt_lu_d, "fcvt.lu.d", IN_D1)

#define CVT_FROM_INT(name, insn, OUT) FP_DEF6(name, "", insn " ft2,%[a]", OUT)
CVT_FROM_INT(cvt_s_w, "fcvt.s.w", OUT_S)
CVT_FROM_INT(cvt_s_wu, "fcvt.s.wu", OUT_S)
CVT_FROM_INT(cvt_s_l, "fcvt.s.l", OUT_S)
CVT_FROM_INT(cvt_s_lu, "fcvt.s.lu", OUT_S)
/* Exact conversions: the assembler accepts no rounding mode for them. */
FP_DEF(cvt_d_w, "", "fcvt.d.w ft2,%[a]", OUT_D)
FP_DEF(cvt_d_wu, "", "fcvt.d.wu ft2,%[a]", OUT_D)
FP_DEF(cvt_d_s, IN_S1, "fcvt.d.s ft2,ft0", OUT_D)
CVT_FROM_INT(cvt_d_l, "fcvt.d.l", OUT_D)
CVT_FROM_INT(cvt_d_lu, "fcvt.d.lu", OUT_D)

FP_DEF6(cvt_s_d, IN_D1, "fcvt.s.d ft2,ft0", OUT_S)

struct op { const char *name; const fpfn *tab; };

static void exact(void) {
  uint64_t fl, r;
  for (size_t i = 0; i < N_ELEMS(CVT_INT_VALUES); i++) {
    r = cvt_d_w(CVT_INT_VALUES[i], 0, 0, &fl);
    print_result("fcvt.d.w", "-", 1, CVT_INT_VALUES[i], 0, 0, r, fl);
    r = cvt_d_wu(CVT_INT_VALUES[i], 0, 0, &fl);
    print_result("fcvt.d.wu", "-", 1, CVT_INT_VALUES[i], 0, 0, r, fl);
  }
  for (size_t i = 0; i < N_ELEMS(F32_VALUES); i++) {
    r = cvt_d_s(F32_VALUES[i], 0, 0, &fl);
    print_result("fcvt.d.s", "-", 1, F32_VALUES[i], 0, 0, r, fl);
  }
}

static void over_f32(const struct op *ops, size_t n) {
  for (size_t o = 0; o < n; o++)
    for (size_t i = 0; i < N_ELEMS(F32_VALUES); i++)
      run6(ops[o].name, ops[o].tab, 1, F32_VALUES[i], 0, 0);
}

static void over_f64(const struct op *ops, size_t n) {
  for (size_t o = 0; o < n; o++)
    for (size_t i = 0; i < N_ELEMS(F64_VALUES); i++)
      run6(ops[o].name, ops[o].tab, 1, F64_VALUES[i], 0, 0);
}

static void over_int(const struct op *ops, size_t n) {
  for (size_t o = 0; o < n; o++)
    for (size_t i = 0; i < N_ELEMS(CVT_INT_VALUES); i++)
      run6(ops[o].name, ops[o].tab, 1, CVT_INT_VALUES[i], 0, 0);
}

int main(void) {
  static const struct op FROM_S[] = {
    {"fcvt.w.s", cvt_w_s}, {"fcvt.wu.s", cvt_wu_s}, {"fcvt.l.s", cvt_l_s},
    {"fcvt.lu.s", cvt_lu_s},
  };
  static const struct op FROM_D[] = {
    {"fcvt.w.d", cvt_w_d}, {"fcvt.wu.d", cvt_wu_d}, {"fcvt.l.d", cvt_l_d},
    {"fcvt.lu.d", cvt_lu_d}, {"fcvt.s.d", cvt_s_d},
  };
  static const struct op FROM_INT[] = {
    {"fcvt.s.w", cvt_s_w}, {"fcvt.s.wu", cvt_s_wu}, {"fcvt.s.l", cvt_s_l},
    {"fcvt.s.lu", cvt_s_lu}, {"fcvt.d.l", cvt_d_l}, {"fcvt.d.lu", cvt_d_lu},
  };
  over_f32(FROM_S, N_ELEMS(FROM_S));
  over_f64(FROM_D, N_ELEMS(FROM_D));
  over_int(FROM_INT, N_ELEMS(FROM_INT));
  exact();
  return 0;
}
