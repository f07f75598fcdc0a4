/* Integer ALU edge cases: wrapping add/sub (incl. W forms, whose results
 * are sign-extended from bit 31), comparisons, logic, register shifts with
 * amounts beyond the width (only the low 6 or 5 bits count), immediate
 * shifts at 0/31/32/63, lui sign extension and load sign/zero extension. */
#include "diff.h"

#define RR(insn)                                                        \
  static uint64_t op_##insn(uint64_t a, uint64_t b) {                   \
    uint64_t r;                                                         \
    asm volatile(#insn " %0,%1,%2" : "=r"(r) : "r"(a), "r"(b));         \
    return r;                                                           \
  }
RR(add) RR(sub) RR(addw) RR(subw) RR(slt) RR(sltu) RR(and) RR(or) RR(xor)
RR(sll) RR(srl) RR(sra) RR(sllw) RR(srlw) RR(sraw)

typedef uint64_t (*rrfn)(uint64_t, uint64_t);
static const struct { const char *name; rrfn fn; } RR_OPS[] = {
  {"add", op_add}, {"sub", op_sub}, {"addw", op_addw}, {"subw", op_subw},
  {"slt", op_slt}, {"sltu", op_sltu}, {"and", op_and}, {"or", op_or},
  {"xor", op_xor}, {"sll", op_sll}, {"srl", op_srl}, {"sra", op_sra},
  {"sllw", op_sllw}, {"srlw", op_srlw}, {"sraw", op_sraw},
};

/* Immediate forms: one line per value with every interesting immediate. */
#define IMM(insn, imm)                                                  \
  ({ uint64_t r_; asm volatile(#insn " %0,%1," #imm : "=r"(r_) : "r"(a)); r_; })

static void imm_shifts(uint64_t a) {
  printf("slli %016llx: %016llx %016llx %016llx %016llx\n", (unsigned long long)a,
         (unsigned long long)IMM(slli, 0), (unsigned long long)IMM(slli, 31),
         (unsigned long long)IMM(slli, 32), (unsigned long long)IMM(slli, 63));
  printf("srli %016llx: %016llx %016llx %016llx %016llx\n", (unsigned long long)a,
         (unsigned long long)IMM(srli, 0), (unsigned long long)IMM(srli, 31),
         (unsigned long long)IMM(srli, 32), (unsigned long long)IMM(srli, 63));
  printf("srai %016llx: %016llx %016llx %016llx %016llx\n", (unsigned long long)a,
         (unsigned long long)IMM(srai, 0), (unsigned long long)IMM(srai, 31),
         (unsigned long long)IMM(srai, 32), (unsigned long long)IMM(srai, 63));
  printf("slliw %016llx: %016llx %016llx %016llx\n", (unsigned long long)a,
         (unsigned long long)IMM(slliw, 0), (unsigned long long)IMM(slliw, 1),
         (unsigned long long)IMM(slliw, 31));
  printf("srliw %016llx: %016llx %016llx %016llx\n", (unsigned long long)a,
         (unsigned long long)IMM(srliw, 0), (unsigned long long)IMM(srliw, 1),
         (unsigned long long)IMM(srliw, 31));
  printf("sraiw %016llx: %016llx %016llx %016llx\n", (unsigned long long)a,
         (unsigned long long)IMM(sraiw, 0), (unsigned long long)IMM(sraiw, 1),
         (unsigned long long)IMM(sraiw, 31));
}

static void imm_arith(uint64_t a) {
  printf("addi %016llx: %016llx %016llx %016llx\n", (unsigned long long)a,
         (unsigned long long)IMM(addi, -2048), (unsigned long long)IMM(addi, 2047),
         (unsigned long long)IMM(addi, -1));
  printf("addiw %016llx: %016llx %016llx %016llx\n", (unsigned long long)a,
         (unsigned long long)IMM(addiw, 0), (unsigned long long)IMM(addiw, 2047),
         (unsigned long long)IMM(addiw, -2048));
  printf("slti/sltiu %016llx: %llx %llx %llx %llx\n", (unsigned long long)a,
         (unsigned long long)IMM(slti, -1), (unsigned long long)IMM(slti, 0),
         (unsigned long long)IMM(sltiu, -1), (unsigned long long)IMM(sltiu, 1));
  printf("andi/ori/xori %016llx: %016llx %016llx %016llx\n", (unsigned long long)a,
         (unsigned long long)IMM(andi, -2048), (unsigned long long)IMM(ori, 0x7ff),
         (unsigned long long)IMM(xori, -1));
}

static void lui_values(void) {
  uint64_t r1, r2, r3;
  asm volatile("lui %0,0x80000" : "=r"(r1));
  asm volatile("lui %0,0xfffff" : "=r"(r2));
  asm volatile("lui %0,0x7ffff" : "=r"(r3));
  printf("lui %016llx %016llx %016llx\n", (unsigned long long)r1,
         (unsigned long long)r2, (unsigned long long)r3);
}

static void loads(void) {
  static volatile uint8_t buf[16] = {0x80, 0xff, 0x7f, 0x01, 0xfe, 0xdc, 0xba, 0x98,
                                     0x80, 0x00, 0x00, 0x80, 0x11, 0x22, 0x33, 0x44};
  for (int off = 0; off < 8; off++) {
    volatile uint8_t *p = buf + off;
    uint64_t lb, lbu, lh, lhu, lw, lwu, ld;
    /* Misaligned halfword/word/doubleword loads are legal in user mode on
     * Linux (emulated by the kernel on hardware that traps). */
    asm volatile("lb %0,0(%1)" : "=r"(lb) : "r"(p));
    asm volatile("lbu %0,0(%1)" : "=r"(lbu) : "r"(p));
    asm volatile("lh %0,0(%1)" : "=r"(lh) : "r"(p));
    asm volatile("lhu %0,0(%1)" : "=r"(lhu) : "r"(p));
    asm volatile("lw %0,0(%1)" : "=r"(lw) : "r"(p));
    asm volatile("lwu %0,0(%1)" : "=r"(lwu) : "r"(p));
    asm volatile("ld %0,0(%1)" : "=r"(ld) : "r"(p));
    printf("load+%d %016llx %016llx %016llx %016llx %016llx %016llx %016llx\n", off,
           (unsigned long long)lb, (unsigned long long)lbu, (unsigned long long)lh,
           (unsigned long long)lhu, (unsigned long long)lw, (unsigned long long)lwu,
           (unsigned long long)ld);
  }
}

static void stores(void) {
  uint64_t buf[2] = {0, 0};
  uint64_t v = 0x1122334455667788ull;
  asm volatile("sb %1,0(%0)\n\tsh %1,3(%0)\n\tsw %1,6(%0)\n\tsd %1,10(%0)"
               :: "r"(buf), "r"(v) : "memory");
  printf("stores %016llx %016llx\n", (unsigned long long)buf[0], (unsigned long long)buf[1]);
}

int main(void) {
  for (size_t o = 0; o < N_ELEMS(RR_OPS); o++)
    for (size_t i = 0; i < N_ELEMS(INT_VALUES); i++)
      for (size_t j = 0; j < N_ELEMS(INT_VALUES); j++)
        hex_line(RR_OPS[o].name, INT_VALUES[i], INT_VALUES[j],
                 RR_OPS[o].fn(INT_VALUES[i], INT_VALUES[j]));
  for (size_t i = 0; i < N_ELEMS(INT_VALUES); i++) {
    imm_shifts(INT_VALUES[i]);
    imm_arith(INT_VALUES[i]);
  }
  lui_values();
  loads();
  stores();
  return 0;
}
