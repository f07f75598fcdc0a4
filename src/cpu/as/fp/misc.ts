// The non-rounding F/D operations: sign injection, min/max, comparisons
// and fclass. All work on raw bits of the format.

import {
  CLS_INF, CLS_QNAN, CLS_SNAN, CLS_ZERO, FLAG_NV, FMT_S, defaultNaN, isNaNClass, raise,
  classify, signMask,
} from "./core";

// fsgnj (mode 0), fsgnjn (1), fsgnjx (2); other modes are rejected earlier.
export function fpSgnj(a: u64, b: u64, mode: i32, fmt: i32): u64 {
  const sm = signMask(fmt);
  let s = b & sm;
  if (mode == 1) s ^= sm;
  else if (mode == 2) s ^= a & sm;
  return (a & ~sm) | s;
}

// a < b in IEEE order with -0 below +0, for non-NaN operands.
function lessOrdered(a: u64, b: u64, fmt: i32): bool {
  const sm = signMask(fmt);
  const na = (a & sm) != 0;
  const nb = (b & sm) != 0;
  if (na != nb) return na;
  return na ? (a & ~sm) > (b & ~sm) : a < b;
}

// fmin/fmax (ISA 2.2+): a single NaN operand yields the other one, two
// NaNs the canonical NaN; a signaling NaN sets NV either way.
export function fpMinMax(a: u64, b: u64, isMax: bool, fmt: i32): u64 {
  const ca = classify(a, fmt);
  const cb = classify(b, fmt);
  if (ca == CLS_SNAN || cb == CLS_SNAN) raise(FLAG_NV);
  if (isNaNClass(ca)) return isNaNClass(cb) ? defaultNaN(fmt) : b;
  if (isNaNClass(cb)) return a;
  return lessOrdered(a, b, fmt) != isMax ? a : b;
}

// Comparison kinds: the funct3 of the compare instructions.
export const CMP_LE: i32 = 0;
export const CMP_LT: i32 = 1;
export const CMP_EQ: i32 = 2;

// feq raises NV only for signaling NaNs, flt/fle for any NaN.
export function fpCompare(a: u64, b: u64, kind: i32, fmt: i32): u64 {
  const ca = classify(a, fmt);
  const cb = classify(b, fmt);
  if (isNaNClass(ca) || isNaNClass(cb)) {
    if (kind != CMP_EQ || ca == CLS_SNAN || cb == CLS_SNAN) raise(FLAG_NV);
    return 0;
  }
  const eq = a == b || (ca == CLS_ZERO && cb == CLS_ZERO);
  if (kind == CMP_EQ) return <u64>eq;
  if (kind == CMP_LT) return <u64>(!eq && lessOrdered(a, b, fmt));
  return <u64>(eq || lessOrdered(a, b, fmt));
}

// fclass bit positions.
const CLASS_NEG_INF: i32 = 0;
const CLASS_NEG_NORMAL: i32 = 1;
const CLASS_NEG_SUBNORMAL: i32 = 2;
const CLASS_NEG_ZERO: i32 = 3;
const CLASS_SNAN: i32 = 8;
const CLASS_QNAN: i32 = 9;
// The positive class of each kind mirrors the negative one around bit 3.5.
@inline function mirrored(negBit: i32, negative: bool): i32 {
  return negative ? negBit : 7 - negBit;
}

export function fpClass(a: u64, fmt: i32): u64 {
  const cls = classify(a, fmt);
  const neg = (a & signMask(fmt)) != 0;
  let bit: i32;
  if (cls == CLS_SNAN) bit = CLASS_SNAN;
  else if (cls == CLS_QNAN) bit = CLASS_QNAN;
  else if (cls == CLS_INF) bit = mirrored(CLASS_NEG_INF, neg);
  else if (cls == CLS_ZERO) bit = mirrored(CLASS_NEG_ZERO, neg);
  else bit = mirrored(isSubnormal(a, fmt) ? CLASS_NEG_SUBNORMAL : CLASS_NEG_NORMAL, neg);
  return <u64>1 << <u64>bit;
}

// Zero biased exponent field (the value is known finite and nonzero).
@inline function isSubnormal(a: u64, fmt: i32): bool {
  return (a & ~signMask(fmt)) < (fmt == FMT_S ? <u64>0x00800000 : <u64>0x0010000000000000);
}
