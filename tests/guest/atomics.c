/* A extension: every AMO in .w and .d form (the returned old value and the
 * value left in memory; .w results are sign-extended and amomin/amomax
 * compare signed while amominu/amomaxu compare unsigned), the .aq/.rl
 * variants, LR/SC success and the required failures (no reservation, after
 * a successful SC, different address), and the __atomic builtins gcc lowers
 * to AMOs and LR/SC loops (8- and 16-bit ones become masked LR/SC loops). */
#include <stdint.h>
#include "diff.h"

#define AMO(fname, insn)                                                    \
  static uint64_t fname(void *mem, uint64_t v) {                            \
    uint64_t old;                                                           \
    asm volatile(insn " %0,%2,(%1)" : "=r"(old) : "r"(mem), "r"(v) : "memory"); \
    return old;                                                             \
  }
#define AMO_PAIR(name)                                                      \
  AMO(name##_w, #name ".w") AMO(name##_d, #name ".d")
AMO_PAIR(amoswap) AMO_PAIR(amoadd) AMO_PAIR(amoxor) AMO_PAIR(amoand)
AMO_PAIR(amoor) AMO_PAIR(amomin) AMO_PAIR(amomax) AMO_PAIR(amominu)
AMO_PAIR(amomaxu)
AMO(amoadd_w_aqrl, "amoadd.w.aqrl") AMO(amoswap_d_aq, "amoswap.d.aq")
AMO(amoor_d_rl, "amoor.d.rl")

typedef uint64_t (*amofn)(void *, uint64_t);
static const struct { const char *name; amofn fn; int wide; } OPS[] = {
  {"amoswap.w", amoswap_w, 0}, {"amoswap.d", amoswap_d, 1},
  {"amoadd.w", amoadd_w, 0},   {"amoadd.d", amoadd_d, 1},
  {"amoxor.w", amoxor_w, 0},   {"amoxor.d", amoxor_d, 1},
  {"amoand.w", amoand_w, 0},   {"amoand.d", amoand_d, 1},
  {"amoor.w", amoor_w, 0},     {"amoor.d", amoor_d, 1},
  {"amomin.w", amomin_w, 0},   {"amomin.d", amomin_d, 1},
  {"amomax.w", amomax_w, 0},   {"amomax.d", amomax_d, 1},
  {"amominu.w", amominu_w, 0}, {"amominu.d", amominu_d, 1},
  {"amomaxu.w", amomaxu_w, 0}, {"amomaxu.d", amomaxu_d, 1},
  {"amoadd.w.aqrl", amoadd_w_aqrl, 0}, {"amoswap.d.aq", amoswap_d_aq, 1},
  {"amoor.d.rl", amoor_d_rl, 1},
};

static const uint64_t AMO_VALUES[] = {
  0, 1, 0xffffffffffffffffull, 0x8000000000000000ull, 0x7fffffffffffffffull,
  0x80000000ull, 0x7fffffffull, 0xffffffff00000001ull, 0x00000001ffffffffull,
};

/* Each AMO runs on a word surrounded by guard words that must not change. */
static void run_amo(size_t o, uint64_t init, uint64_t v) {
  uint64_t buf[3] = {0x5555555555555555ull, 0, 0xaaaaaaaaaaaaaaaaull};
  uint64_t old;
  if (OPS[o].wide) {
    buf[1] = init;
  } else {
    buf[1] = 0x3333333300000000ull | (uint32_t)init; /* high half is a guard */
  }
  old = OPS[o].fn(&buf[1], v);
  printf("%s %016llx %016llx -> old %016llx mem %016llx %016llx %016llx\n", OPS[o].name,
         (unsigned long long)init, (unsigned long long)v, (unsigned long long)old,
         (unsigned long long)buf[0], (unsigned long long)buf[1], (unsigned long long)buf[2]);
}

static void lr_sc(void) {
  uint64_t d = 0x8000000000000001ull, d2 = 7;
  uint32_t w = 0x80000001u;
  uint64_t v, ok1, ok2, ok3;
  /* Success, then an SC with no reservation left must fail (1). */
  asm volatile("lr.d %0,(%3)\n\tsc.d %1,%4,(%3)\n\tsc.d %2,%5,(%3)"
               : "=&r"(v), "=&r"(ok1), "=&r"(ok2)
               : "r"(&d), "r"(0x1234ull), "r"(0x5678ull) : "memory");
  printf("lr.d %016llx sc %llx then %llx mem %016llx\n", (unsigned long long)v,
         (unsigned long long)ok1, (unsigned long long)ok2, (unsigned long long)d);
  asm volatile("lr.w %0,(%2)\n\tsc.w %1,%3,(%2)"
               : "=&r"(v), "=&r"(ok1) : "r"(&w), "r"(0xfedcba98ull) : "memory");
  printf("lr.w %016llx sc %llx mem %08x\n", (unsigned long long)v,
         (unsigned long long)ok1, w);
  /* SC to an address other than the reserved one must fail. */
  asm volatile("lr.d.aq %0,(%2)\n\tsc.d.rl %1,%4,(%3)"
               : "=&r"(v), "=&r"(ok3) : "r"(&d), "r"(&d2), "r"(9ull) : "memory");
  printf("sc other address %llx mem %016llx\n", (unsigned long long)ok3, (unsigned long long)d2);
  asm volatile("sc.d %0,%2,(%1)" : "=&r"(ok3) : "r"(&d2), "r"(11ull) : "memory");
  printf("sc without lr %llx mem %016llx\n", (unsigned long long)ok3, (unsigned long long)d2);
}

#define U(v) ((unsigned long long)(v))
#define BUILTINS(T, w, a, b)                                                  \
  do {                                                                          \
    T x = (T)(a), e = (T)(b), r1, r2, r3, r4, r5;                               \
    int s1, s2;                                                                 \
    r1 = __atomic_fetch_add(&x, (T)(b), __ATOMIC_SEQ_CST);                     \
    r2 = __atomic_fetch_sub(&x, (T)1, __ATOMIC_ACQ_REL);                       \
    r3 = __atomic_fetch_and(&x, (T)(a), __ATOMIC_RELAXED);                     \
    r4 = __atomic_fetch_or(&x, (T)(b), __ATOMIC_ACQUIRE);                      \
    r5 = __atomic_exchange_n(&x, (T)(a), __ATOMIC_RELEASE);                    \
    s1 = __atomic_compare_exchange_n(&x, &e, (T)(b), 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); \
    s2 = __atomic_compare_exchange_n(&x, &e, (T)(b), 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); \
    printf(#T " %0" #w "llx %0" #w "llx %0" #w "llx %0" #w "llx %0" #w "llx %d %d %0" #w \
           "llx %0" #w "llx\n", U(r1), U(r2), U(r3), U(r4), U(r5), s1, s2, U(e), U(x)); \
  } while (0)

static void builtins(void) {
  BUILTINS(uint8_t, 2, 0xf0, 0x31);
  BUILTINS(uint16_t, 4, 0x8001, 0x7fff);
  BUILTINS(uint32_t, 8, 0xfffffffeu, 5);
  BUILTINS(uint64_t, 16, 0x7fffffffffffffffull, 0x8000000000000001ull);
  {
    /* Neighbouring bytes in one word must survive the masked LR/SC loops. */
    uint8_t b[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    __atomic_fetch_add(&b[3], 0xff, __ATOMIC_SEQ_CST);
    __atomic_exchange_n(&b[5], 0xaa, __ATOMIC_SEQ_CST);
    uint16_t *h = (uint16_t *)&b[6];
    __atomic_fetch_xor(h, 0xffff, __ATOMIC_SEQ_CST);
    printf("bytes %02x %02x %02x %02x %02x %02x %02x %02x\n", b[0], b[1], b[2], b[3],
           b[4], b[5], b[6], b[7]);
  }
}

int main(void) {
  for (size_t o = 0; o < N_ELEMS(OPS); o++)
    for (size_t i = 0; i < N_ELEMS(AMO_VALUES); i++)
      for (size_t j = 0; j < N_ELEMS(AMO_VALUES); j++)
        run_amo(o, AMO_VALUES[i], AMO_VALUES[j]);
  lr_sc();
  builtins();
  return 0;
}
