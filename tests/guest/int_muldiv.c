/* M extension edge cases: high-half products with the extremes (mulhsu
 * mixes signed and unsigned), and the defined results of division by zero
 * (quotient all ones, remainder = dividend) and of overflow INT_MIN / -1
 * (quotient INT_MIN, remainder 0), for the 64-bit and the W forms. */
#include "diff.h"

#define RR(insn)                                                        \
  static uint64_t op_##insn(uint64_t a, uint64_t b) {                   \
    uint64_t r;                                                         \
    asm volatile(#insn " %0,%1,%2" : "=r"(r) : "r"(a), "r"(b));         \
    return r;                                                           \
  }
RR(mul) RR(mulh) RR(mulhsu) RR(mulhu) RR(mulw)
RR(div) RR(divu) RR(rem) RR(remu) RR(divw) RR(divuw) RR(remw) RR(remuw)

typedef uint64_t (*rrfn)(uint64_t, uint64_t);
static const struct { const char *name; rrfn fn; } OPS[] = {
  {"mul", op_mul}, {"mulh", op_mulh}, {"mulhsu", op_mulhsu}, {"mulhu", op_mulhu},
  {"mulw", op_mulw}, {"div", op_div}, {"divu", op_divu}, {"rem", op_rem},
  {"remu", op_remu}, {"divw", op_divw}, {"divuw", op_divuw}, {"remw", op_remw},
  {"remuw", op_remuw},
};

/* Extra operands for the products: values whose high halves carry. */
static const uint64_t EXTRA[] = {
  0xfffffffffffffffeull, 0x00000000fffffffeull, 0xffffffff7fffffffull,
  0x0000000080000001ull, 3, 0xfffffffffffffffdull, 7, 0xfffffffffffffff9ull,
};

int main(void) {
  uint64_t vals[N_ELEMS(INT_VALUES) + N_ELEMS(EXTRA)];
  size_t n = 0;
  for (size_t i = 0; i < N_ELEMS(INT_VALUES); i++) vals[n++] = INT_VALUES[i];
  for (size_t i = 0; i < N_ELEMS(EXTRA); i++) vals[n++] = EXTRA[i];
  for (size_t o = 0; o < N_ELEMS(OPS); o++)
    for (size_t i = 0; i < n; i++)
      for (size_t j = 0; j < n; j++)
        hex_line(OPS[o].name, vals[i], vals[j], OPS[o].fn(vals[i], vals[j]));
  return 0;
}
