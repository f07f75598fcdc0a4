/* F extension arithmetic under every rounding mode: fadd/fsub/fmul/fdiv on
 * all pairs of interesting values, fsqrt on each value, with the resulting
 * bit pattern (NaNs must come out canonical: 0x7fc00000) and fflags. */
#include "fp.h"

FP_DEF6(fadd_s, IN_S2, "fadd.s ft2,ft0,ft1", OUT_S)
FP_DEF6(fsub_s, IN_S2, "fsub.s ft2,ft0,ft1", OUT_S)
FP_DEF6(fmul_s, IN_S2, "fmul.s ft2,ft0,ft1", OUT_S)
FP_DEF6(fdiv_s, IN_S2, "fdiv.s ft2,ft0,ft1", OUT_S)
FP_DEF6(fsqrt_s, IN_S1, "fsqrt.s ft2,ft0", OUT_S)

int main(void) {
  static const struct { const char *name; const fpfn *tab; } BIN[] = {
    {"fadd.s", fadd_s}, {"fsub.s", fsub_s}, {"fmul.s", fmul_s}, {"fdiv.s", fdiv_s},
  };
  for (size_t o = 0; o < N_ELEMS(BIN); o++)
    for (size_t i = 0; i < N_ELEMS(F32_PAIR_VALUES); i++)
      for (size_t j = 0; j < N_ELEMS(F32_PAIR_VALUES); j++)
        run6(BIN[o].name, BIN[o].tab, 2, F32_PAIR_VALUES[i], F32_PAIR_VALUES[j], 0);
  for (size_t i = 0; i < N_ELEMS(F32_VALUES); i++)
    run6("fsqrt.s", fsqrt_s, 1, F32_VALUES[i], 0, 0);
  return 0;
}
