/* D extension arithmetic under every rounding mode: fadd/fsub/fmul/fdiv on
 * all pairs of interesting values, fsqrt on each value, with the resulting
 * bit pattern (NaNs must come out canonical: 0x7ff8000000000000) and fflags. */
#include "fp.h"

FP_DEF6(fadd_d, IN_D2, "fadd.d ft2,ft0,ft1", OUT_D)
FP_DEF6(fsub_d, IN_D2, "fsub.d ft2,ft0,ft1", OUT_D)
FP_DEF6(fmul_d, IN_D2, "fmul.d ft2,ft0,ft1", OUT_D)
FP_DEF6(fdiv_d, IN_D2, "fdiv.d ft2,ft0,ft1", OUT_D)
FP_DEF6(fsqrt_d, IN_D1, "fsqrt.d ft2,ft0", OUT_D)

int main(void) {
  static const struct { const char *name; const fpfn *tab; } BIN[] = {
    {"fadd.d", fadd_d}, {"fsub.d", fsub_d}, {"fmul.d", fmul_d}, {"fdiv.d", fdiv_d},
  };
  for (size_t o = 0; o < N_ELEMS(BIN); o++)
    for (size_t i = 0; i < N_ELEMS(F64_PAIR_VALUES); i++)
      for (size_t j = 0; j < N_ELEMS(F64_PAIR_VALUES); j++)
        run6(BIN[o].name, BIN[o].tab, 2, F64_PAIR_VALUES[i], F64_PAIR_VALUES[j], 0);
  for (size_t i = 0; i < N_ELEMS(F64_VALUES); i++)
    run6("fsqrt.d", fsqrt_d, 1, F64_VALUES[i], 0, 0);
  return 0;
}
