/* The C extension: explicit compressed instructions (every RV64C integer
 * and double-precision load/store form, the sp-relative and the
 * register-limited x8..x15 forms, c.j/c.jal-free control flow with c.jr,
 * c.jalr, c.beqz, c.bnez), mixed with 32-bit instructions so that 32-bit
 * instructions start at 2-byte aligned addresses, plus ordinary compiled
 * code (gcc emits compressed forms for most of it with -march=rv64gc). */
#include <stdint.h>
#include <string.h>
#include "diff.h"

static void alu(uint64_t a, uint64_t b) {
  uint64_t r[12];
  asm volatile(
      ".option push\n\t.option rvc\n\t"
      "mv a0,%[a]\n\tmv a1,%[b]\n\t"
      "c.mv a2,a0\n\tc.addi a2,-17\n\tsd a2,0(%[r])\n\t"
      "c.mv a2,a0\n\tc.addiw a2,31\n\tsd a2,8(%[r])\n\t"
      "c.mv a2,a0\n\tc.add a2,a1\n\tsd a2,16(%[r])\n\t"
      "c.mv a2,a0\n\tc.sub a2,a1\n\tc.nop\n\tsd a2,24(%[r])\n\t"
      "c.mv a2,a0\n\tc.addw a2,a1\n\tsd a2,32(%[r])\n\t"
      "c.mv a2,a0\n\tc.subw a2,a1\n\tsd a2,40(%[r])\n\t"
      "c.mv a2,a0\n\tc.and a2,a1\n\tc.mv a3,a0\n\tc.or a3,a1\n\tc.xor a2,a3\n\tsd a2,48(%[r])\n\t"
      "c.mv a2,a0\n\tc.slli a2,63\n\tc.mv a3,a0\n\tc.srli a3,1\n\tc.or a2,a3\n\tsd a2,56(%[r])\n\t"
      "c.mv a2,a0\n\tc.srai a2,33\n\tsd a2,64(%[r])\n\t"
      "c.mv a2,a0\n\tc.andi a2,-31\n\tsd a2,72(%[r])\n\t"
      "c.li a2,-32\n\tc.lui a3,0xfffe1\n\tc.add a2,a3\n\tsd a2,80(%[r])\n\t"
      "c.li a2,31\n\tc.lui a3,1\n\tc.add a2,a3\n\tsd a2,88(%[r])\n\t"
      ".option pop"
      :
      : [a] "r"(a), [b] "r"(b), [r] "r"(r)
      : "a0", "a1", "a2", "a3", "memory");
  printf("c.alu %016llx %016llx:", (unsigned long long)a, (unsigned long long)b);
  for (int i = 0; i < 12; i++) printf(" %llx", (unsigned long long)r[i]);
  printf("\n");
}

static void mem(void) {
  uint64_t buf[4] = {0x8000000180000002ull, 0x1122334455667788ull, 0, 0};
  uint64_t r[6];
  asm volatile(
      ".option push\n\t.option rvc\n\t"
      "mv a0,%[buf]\n\t"
      "c.lw a1,0(a0)\n\tsd a1,0(%[r])\n\t"
      "c.lw a1,4(a0)\n\tsd a1,8(%[r])\n\t"
      "c.ld a1,8(a0)\n\tsd a1,16(%[r])\n\t"
      "c.sw a1,16(a0)\n\tc.sd a1,24(a0)\n\t"
      "c.fld fa0,8(a0)\n\tc.fsd fa0,16(a0)\n\t"
      "fmv.x.d a2,fa0\n\tsd a2,24(%[r])\n\t"
      ".option pop"
      :
      : [buf] "r"(buf), [r] "r"(r)
      : "a0", "a1", "a2", "fa0", "memory");
  printf("c.mem %llx %llx %llx %llx buf %016llx %016llx\n", (unsigned long long)r[0],
         (unsigned long long)r[1], (unsigned long long)r[2], (unsigned long long)r[3],
         (unsigned long long)buf[2], (unsigned long long)buf[3]);
}

/* sp-relative forms: a private 64-byte frame made with c.addi16sp. */
static void stack(uint64_t v) {
  uint64_t r[4];
  asm volatile(
      ".option push\n\t.option rvc\n\t"
      "mv a0,%[v]\n\t"
      "c.addi16sp sp,-64\n\t"
      "c.sdsp a0,8(sp)\n\tc.swsp a0,16(sp)\n\t"
      "c.ldsp a1,8(sp)\n\tc.lwsp a2,16(sp)\n\t"
      "c.fldsp fa1,8(sp)\n\tc.fsdsp fa1,24(sp)\n\tc.ldsp a3,24(sp)\n\t"
      "c.addi4spn a4,sp,32\n\tsub a4,a4,sp\n\t"
      "c.addi16sp sp,64\n\t"
      "sd a1,0(%[r])\n\tsd a2,8(%[r])\n\tsd a3,16(%[r])\n\tsd a4,24(%[r])\n\t"
      ".option pop"
      :
      : [v] "r"(v), [r] "r"(r)
      : "a0", "a1", "a2", "a3", "a4", "fa1", "memory");
  printf("c.sp %llx %llx %llx %llx\n", (unsigned long long)r[0], (unsigned long long)r[1],
         (unsigned long long)r[2], (unsigned long long)r[3]);
}

/* Control flow: c.beqz/c.bnez loops, c.j forward, c.jalr to a local
 * label and back through c.jr ra. */
static void control(uint64_t n) {
  uint64_t sum, link_ok;
  asm volatile(
      ".option push\n\t.option rvc\n\t"
      "mv a0,%[n]\n\tc.li a1,0\n\t"
      "1:\n\tc.beqz a0,2f\n\tc.add a1,a0\n\tc.addi a0,-1\n\tc.j 1b\n\t"
      "2:\n\tc.bnez a1,3f\n\tc.li a1,-1\n\t"
      "3:\n\tlla a2,4f\n\tc.jalr a2\n\tc.li a3,1\n\tc.j 5f\n\t"
      "4:\n\tc.addi a1,3\n\tc.jr ra\n\t"
      "5:\n\tmv %[sum],a1\n\tmv %[ok],a3\n\t"
      ".option pop"
      : [sum] "=r"(sum), [ok] "=r"(link_ok)
      : [n] "r"(n)
      : "a0", "a1", "a2", "a3", "ra");
  printf("c.ctl %llu -> %llu %llu\n", (unsigned long long)n, (unsigned long long)sum,
         (unsigned long long)link_ok);
}

/* Ordinary compiled code, which gcc fills with compressed instructions. */
static uint64_t crc_like(const uint8_t *p, size_t n) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < n; i++) {
    h ^= p[i];
    h *= 0x100000001b3ull;
    h = (h << 7) | (h >> 57);
  }
  return h;
}

int main(void) {
  static const uint64_t V[] = {0, 1, 0xffffffffffffffffull, 0x8000000000000000ull,
                               0x7fffffff, 0x80000000, 0x123456789abcdef0ull};
  uint8_t text[256];
  for (size_t i = 0; i < N_ELEMS(V); i++)
    for (size_t j = 0; j < N_ELEMS(V); j++) alu(V[i], V[j]);
  mem();
  for (size_t i = 0; i < N_ELEMS(V); i++) stack(V[i]);
  control(0);
  control(1);
  control(100);
  for (int i = 0; i < 256; i++) text[i] = (uint8_t)(i * 7 + 3);
  printf("compiled %016llx\n", (unsigned long long)crc_like(text, sizeof text));
  return 0;
}
