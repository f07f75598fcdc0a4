/* Control flow: every conditional branch (signed and unsigned compares on
 * the interesting values, taken and not taken), jal/jalr link values
 * relative to the branch site, jalr clearing bit 0 of the target, and
 * slt/sltu-based branchless selects. */
#include "diff.h"

#define BR(insn)                                                              \
  static int br_##insn(uint64_t a, uint64_t b) {                              \
    int taken;                                                                \
    asm volatile(#insn " %1,%2,1f\n\tli %0,0\n\tj 2f\n1:\tli %0,1\n2:"        \
                 : "=r"(taken) : "r"(a), "r"(b));                             \
    return taken;                                                             \
  }
BR(beq) BR(bne) BR(blt) BR(bge) BR(bltu) BR(bgeu)

typedef int (*brfn)(uint64_t, uint64_t);
static const struct { const char *name; brfn fn; } BRANCHES[] = {
  {"beq", br_beq}, {"bne", br_bne}, {"blt", br_blt},
  {"bge", br_bge}, {"bltu", br_bltu}, {"bgeu", br_bgeu},
};

/* jal/jalr write pc+4 (or pc+2 for c.jalr) into rd; print link - site. */
static void links(void) {
  uint64_t d1, d2, d3;
  asm volatile(
      "1:\tjal t0,2f\n\tnop\n2:\tlla t1,1b\n\tsub %0,t0,t1\n\t"
      "lla t2,3f\n\taddi t2,t2,1\n\t" /* odd target: jalr clears bit 0 */
      "4:\tjalr t0,0(t2)\n\tnop\n3:\tlla t1,4b\n\tsub %1,t0,t1\n\t"
      "lla t2,5f\n\t.option push\n\t.option rvc\n6:\tc.jalr t2\n\t.option pop\n\tnop\n"
      "5:\tlla t1,6b\n\tsub %2,ra,t1"
      : "=r"(d1), "=r"(d2), "=r"(d3) : : "t0", "t1", "t2", "ra");
  printf("jal link %llu jalr(odd target) link %llu c.jalr link %llu\n", (unsigned long long)d1,
         (unsigned long long)d2, (unsigned long long)d3);
}

/* A loop with a data-dependent trip count and nested conditionals. */
static uint64_t collatz_steps(uint64_t n) {
  uint64_t steps = 0;
  while (n != 1 && steps < 10000) {
    n = (n & 1) ? 3 * n + 1 : n >> 1;
    steps++;
  }
  return steps;
}

int main(void) {
  for (size_t o = 0; o < N_ELEMS(BRANCHES); o++)
    for (size_t i = 0; i < N_ELEMS(INT_VALUES); i++) {
      printf("%s %016llx:", BRANCHES[o].name, (unsigned long long)INT_VALUES[i]);
      for (size_t j = 0; j < N_ELEMS(INT_VALUES); j++)
        printf(" %d", BRANCHES[o].fn(INT_VALUES[i], INT_VALUES[j]));
      printf("\n");
    }
  links();
  uint64_t total = 0;
  for (uint64_t n = 1; n < 3000; n++) total += collatz_steps(n);
  printf("collatz total %llu\n", (unsigned long long)total);
  return 0;
}
