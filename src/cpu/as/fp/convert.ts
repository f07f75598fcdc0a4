// fcvt between the two formats and between integers and floats.

import {
  CLS_INF, CLS_SNAN, CLS_ZERO, FLAG_NV, FLAG_NX, RM_RDN, RM_RMM, RM_RNE, RM_RUP,
  isNaNClass, nanResult, raise, roundPack, shiftRightJam, signedInf, signedZero, unExp, unSig, unSign, unpack,
} from "./core";

// Integer kinds: the rs2 field of fcvt.int.fp / fcvt.fp.int.
export const INT_W: i32 = 0;
export const INT_WU: i32 = 1;
export const INT_L: i32 = 2;
export const INT_LU: i32 = 3;

// Exponent from which every double (and single) is an integer.
const INTEGRAL_EXP: i32 = 52;

// fcvt.s.d (narrowing, rounds) and fcvt.d.s (exact).
export function fpConvert(a: u64, from: i32, to: i32, rm: i32): u64 {
  const ca = unpack(a, from);
  if (isNaNClass(ca)) return nanResult(ca == CLS_SNAN, to);
  if (ca == CLS_INF) return signedInf(unSign, to);
  if (ca == CLS_ZERO) return signedZero(unSign, to);
  return roundPack(unSign, unExp, unSig, to, rm);
}

// Integer register value to float. 32-bit sources use the low word.
export function intToFp(x: u64, kind: i32, fmt: i32, rm: i32): u64 {
  let sign = false;
  let mag = x;
  if (kind == INT_W) {
    const v = <i64><i32>x;
    sign = v < 0;
    mag = <u64>(sign ? -v : v);
  } else if (kind == INT_WU) {
    mag = x & 0xffffffff;
  } else if (kind == INT_L) {
    sign = <i64>x < 0;
    if (sign) mag = -x; // also right for INT64_MIN as unsigned
  }
  if (mag == 0) return 0;
  return roundPack(sign, 62, mag, fmt, rm); // mag * 2^0
}

// Saturated result of an invalid conversion (NaN counts as positive).
function intSaturate(negative: bool, kind: i32): u64 {
  raise(FLAG_NV);
  switch (kind) {
    case INT_W: return negative ? 0xffffffff80000000 : 0x7fffffff;
    case INT_WU: return negative ? 0 : 0xffffffffffffffff; // 0xffffffff sign-extended
    case INT_L: return negative ? 0x8000000000000000 : 0x7fffffffffffffff;
    default: return negative ? 0 : 0xffffffffffffffff;
  }
}

// Largest magnitude representable by the kind, for a value of this sign.
function intLimit(negative: bool, kind: i32): u64 {
  switch (kind) {
    case INT_W: return negative ? 0x80000000 : 0x7fffffff;
    case INT_WU: return negative ? 0 : 0xffffffff;
    case INT_L: return negative ? 0x8000000000000000 : 0x7fffffffffffffff;
    default: return negative ? 0 : 0xffffffffffffffff;
  }
}

// Round-to-integer decision from the two bits below the integer part
// (binary .1 = exactly half, bit 0 sticky).
@inline function intRoundsUp(rb: u64, lsb: u64, sign: bool, rm: i32): bool {
  if (rb == 0) return false;
  if (rm == RM_RNE) return rb > 2 || (rb == 2 && lsb != 0);
  if (rm == RM_RMM) return rb >= 2;
  if (rm == RM_RDN) return sign;
  if (rm == RM_RUP) return !sign;
  return false; // RTZ
}

// Float to integer register value (32-bit results sign-extended).
export function fpToInt(a: u64, fmt: i32, kind: i32, rm: i32): u64 {
  const ca = unpack(a, fmt);
  if (isNaNClass(ca)) return intSaturate(false, kind);
  const sign = unSign;
  if (ca == CLS_INF) return intSaturate(sign, kind);
  if (ca == CLS_ZERO) return 0;
  const e = unExp;
  if (e > 63) return intSaturate(sign, kind);
  // value = unSig * 2^(e-62). From 2^52 up it is an integer already;
  // below, keep the integer part plus 2 rounding bits (half, sticky).
  let m: u64;
  let rb: u64 = 0;
  if (e >= INTEGRAL_EXP) {
    m = e >= 62 ? unSig << <u64>(e - 62) : unSig >> <u64>(62 - e);
  } else {
    const x = shiftRightJam(unSig, 60 - e);
    m = x >> 2;
    rb = x & 3;
  }
  if (intRoundsUp(rb, m & 1, sign, rm)) m++;
  if (m > intLimit(sign, kind)) return intSaturate(sign, kind);
  if (rb != 0) raise(FLAG_NX);
  const v = sign ? -m : m;
  return kind <= INT_WU ? <u64><i64><i32>v : v;
}
