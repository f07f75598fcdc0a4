// Soft-float core shared by the F and D extensions: format parameters,
// exception flags, unpacking to a normalized significand, and the one
// rounding routine every arithmetic result goes through.
//
// wasm's own f32/f64 ops round only to nearest-even, expose no flags and
// have no fused multiply-add, so results are computed on integer bits.
//
// Unpacked convention (SoftFloat style): a finite nonzero value is
//   (-1)^sign * sig * 2^(exp - 62)
// with the leading one of `sig` at bit 62, so `exp` is the unbiased
// exponent and bits 61..0 hold the fraction plus guard bits.

// Formats: the fmt field of OP-FP instructions.
export const FMT_S: i32 = 0;
export const FMT_D: i32 = 1;

// Rounding modes (the rm field / frm).
export const RM_RNE: i32 = 0;
export const RM_RTZ: i32 = 1;
export const RM_RDN: i32 = 2;
export const RM_RUP: i32 = 3;
export const RM_RMM: i32 = 4;
export const RM_DYN: i32 = 7;

// fflags bits.
export const FLAG_NX: u32 = 0x01;
export const FLAG_UF: u32 = 0x02;
export const FLAG_OF: u32 = 0x04;
export const FLAG_DZ: u32 = 0x08;
export const FLAG_NV: u32 = 0x10;

// Operand classes returned by unpack().
export const CLS_ZERO: i32 = 0;
export const CLS_FINITE: i32 = 1; // normal or subnormal, nonzero
export const CLS_INF: i32 = 2;
export const CLS_QNAN: i32 = 3;
export const CLS_SNAN: i32 = 4;

// Position of the leading significand bit in unpacked form.
const LEAD_BIT: i32 = 62;

// Flags raised by the current instruction; the dispatcher clears this
// before each instruction and ORs it into fcsr only on success.
export let fpFlags: u32 = 0;

@inline export function raise(flags: u32): void {
  fpFlags |= flags;
}

@inline export function isNaNClass(cls: i32): bool {
  return cls >= CLS_QNAN;
}

@inline export function fracBits(fmt: i32): i32 {
  return fmt == FMT_D ? 52 : 23;
}

@inline export function expBias(fmt: i32): i32 {
  return fmt == FMT_D ? 1023 : 127;
}

// All-ones biased exponent (infinity / NaN).
@inline function expAllOnes(fmt: i32): i32 {
  return fmt == FMT_D ? 0x7ff : 0xff;
}

@inline export function signMask(fmt: i32): u64 {
  return fmt == FMT_D ? 0x8000000000000000 : 0x80000000;
}

@inline export function infBits(fmt: i32): u64 {
  return fmt == FMT_D ? 0x7ff0000000000000 : 0x7f800000;
}

// The canonical NaN: RISC-V never propagates payloads.
@inline export function defaultNaN(fmt: i32): u64 {
  return fmt == FMT_D ? 0x7ff8000000000000 : 0x7fc00000;
}

@inline export function signedZero(sign: bool, fmt: i32): u64 {
  return sign ? signMask(fmt) : 0;
}

@inline export function signedInf(sign: bool, fmt: i32): u64 {
  return infBits(fmt) | signedZero(sign, fmt);
}

// Logical right shift that ORs every bit shifted out into bit 0 ("sticky"),
// so rounding still sees that the discarded part was nonzero.
@inline export function shiftRightJam(x: u64, n: i32): u64 {
  if (n <= 0) return x;
  if (n >= 64) return <u64>(x != 0);
  return (x >> <u64>n) | <u64>((x << <u64>(64 - n)) != 0);
}

// The class of raw bits without unpacking them (sign not reported), for
// the operations that only compare or move bits.
export function classify(bits: u64, fmt: i32): i32 {
  const mag = bits & ~signMask(fmt);
  const inf = infBits(fmt);
  if (mag < inf) return mag == 0 ? CLS_ZERO : CLS_FINITE;
  if (mag == inf) return CLS_INF;
  const quietBit = <u64>1 << <u64>(fracBits(fmt) - 1);
  return (mag & quietBit) != 0 ? CLS_QNAN : CLS_SNAN;
}

// Results of unpack(), valid when it returns CLS_FINITE (sign always).
export let unSign: bool = false;
export let unExp: i32 = 0;
export let unSig: u64 = 0;

// Classifies raw bits of the given format and, for finite nonzero values,
// normalizes the significand to LEAD_BIT (subnormals included).
export function unpack(bits: u64, fmt: i32): i32 {
  const fb = fracBits(fmt);
  const frac = bits & ((<u64>1 << <u64>fb) - 1);
  const bexp = <i32>(bits >> <u64>fb) & expAllOnes(fmt);
  unSign = (bits & signMask(fmt)) != 0;
  if (bexp == expAllOnes(fmt)) {
    if (frac == 0) return CLS_INF;
    return (frac >> <u64>(fb - 1)) != 0 ? CLS_QNAN : CLS_SNAN;
  }
  if (bexp == 0) {
    if (frac == 0) return CLS_ZERO;
    const sh = <i32>clz(frac) - 1;
    unSig = frac << <u64>sh;
    unExp = 63 - expBias(fmt) - fb - sh;
    return CLS_FINITE;
  }
  unSig = (frac | (<u64>1 << <u64>fb)) << <u64>(LEAD_BIT - fb);
  unExp = bexp - expBias(fmt);
  return CLS_FINITE;
}

// Whether discarding `rest` (of which `half` is the halfway point) from a
// kept value with low bit `lsb` rounds the magnitude up.
@inline function roundsUp(rest: u64, half: u64, lsb: u64, sign: bool, rm: i32): bool {
  if (rest == 0) return false;
  switch (rm) {
    case RM_RNE: return rest > half || (rest == half && lsb != 0);
    case RM_RTZ: return false;
    case RM_RDN: return sign;
    case RM_RUP: return !sign;
    default: return rest >= half; // RMM
  }
}

// Overflow returns infinity or the largest finite value, by direction.
function overflowResult(sign: bool, fmt: i32, rm: i32): u64 {
  raise(FLAG_OF | FLAG_NX);
  const toInf = rm == RM_RNE || rm == RM_RMM || (rm == RM_RUP && !sign) || (rm == RM_RDN && sign);
  return (toInf ? infBits(fmt) : infBits(fmt) - 1) | signedZero(sign, fmt);
}

// Rounds (-1)^sign * sig * 2^(exp - 62) to the format, raising NX/UF/OF.
// `sig` is any nonzero value (bit 0 may be a sticky bit). Tininess is
// detected after rounding, as RISC-V requires.
export function roundPack(sign: bool, exp: i32, sig: u64, fmt: i32, rm: i32): u64 {
  const lz = <i32>clz(sig);
  if (lz == 0) {
    sig = shiftRightJam(sig, 1);
    exp += 1;
  } else if (lz > 1) {
    sig <<= <u64>(lz - 1);
    exp -= lz - 1;
  }
  const fb = fracBits(fmt);
  const shift = LEAD_BIT - fb; // bits below the kept significand
  const mask = (<u64>1 << <u64>shift) - 1;
  const half = <u64>1 << <u64>(shift - 1);
  const eMin = 1 - expBias(fmt);
  let tiny = false;
  if (exp < eMin) {
    // Tiny unless rounding at full precision carries up to 2^eMin.
    tiny = exp < eMin - 1 || (sig >> <u64>shift) != (<u64>1 << <u64>(fb + 1)) - 1 ||
      !roundsUp(sig & mask, half, 1, sign, rm);
    sig = shiftRightJam(sig, eMin - exp);
    exp = eMin;
  }
  if (exp > expBias(fmt)) return overflowResult(sign, fmt, rm);
  const rest = sig & mask;
  let m = sig >> <u64>shift;
  if (rest != 0) {
    raise(tiny ? FLAG_NX | FLAG_UF : FLAG_NX);
    if (roundsUp(rest, half, m & 1, sign, rm)) m++;
  }
  // Adding m (hidden bit included) to exp-1 lets a rounding carry, or a
  // subnormal reaching the normal range, bump the exponent field.
  const bits = (<u64>(exp + expBias(fmt) - 1) << <u64>fb) + m;
  if (bits >= infBits(fmt)) return overflowResult(sign, fmt, rm);
  return bits | signedZero(sign, fmt);
}

// Result of an operation with a NaN operand: the canonical NaN, with NV
// when any operand was signaling.
export function nanResult(anySignaling: bool, fmt: i32): u64 {
  if (anySignaling) raise(FLAG_NV);
  return defaultNaN(fmt);
}

export function invalidResult(fmt: i32): u64 {
  raise(FLAG_NV);
  return defaultNaN(fmt);
}

@inline export function resetFlags(): void {
  fpFlags = 0;
}
