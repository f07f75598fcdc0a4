// fadd/fsub/fmul/fdiv/fsqrt and the fused multiply-adds, for S and D.
// Operands and results are raw bits of the format (singles in the low 32
// bits, already un-boxed by the caller).

import {
  CLS_INF, CLS_SNAN, CLS_ZERO, FLAG_DZ, FLAG_NX, FMT_D, RM_RDN, RM_RUP, RM_RTZ,
  fracBits, invalidResult, raise, shiftRightJam, isNaNClass, nanResult, roundPack, signMask, signedInf, signedZero,
  unExp, unSig, unSign, unpack,
} from "./core";
import { add128, lt128, mul64To128, shiftRightJam128, sub128, wHi, wLo } from "./u128";

// An exact zero sum is +0, except -0 when rounding down (IEEE 754 6.3).
@inline function exactZero(rm: i32, fmt: i32): u64 {
  return signedZero(rm == RM_RDN, fmt);
}

// a + b, or a - b when negB.
export function fpAdd(a: u64, b: u64, negB: bool, fmt: i32, rm: i32): u64 {
  if (negB) b ^= signMask(fmt);
  const ca = unpack(a, fmt);
  const sa = unSign;
  let ea = unExp;
  let ma = unSig;
  const cb = unpack(b, fmt);
  const sb = unSign;
  let eb = unExp;
  let mb = unSig;
  if (isNaNClass(ca) || isNaNClass(cb)) return nanResult(ca == CLS_SNAN || cb == CLS_SNAN, fmt);
  if (ca == CLS_INF) {
    if (cb == CLS_INF && sa != sb) return invalidResult(fmt);
    return a;
  }
  if (cb == CLS_INF) return b;
  if (ca == CLS_ZERO) {
    if (cb == CLS_ZERO) return sa == sb ? a : exactZero(rm, fmt);
    return b;
  }
  if (cb == CLS_ZERO) return a;
  // Align to the larger exponent; the 10+ guard bits below the format's
  // precision plus the sticky bit make the rounding exact.
  let e = ea;
  if (ea >= eb) {
    mb = shiftRightJam(mb, ea - eb);
  } else {
    ma = shiftRightJam(ma, eb - ea);
    e = eb;
  }
  if (sa == sb) return roundPack(sa, e, ma + mb, fmt, rm);
  if (ma == mb) return exactZero(rm, fmt);
  return ma > mb ? roundPack(sa, e, ma - mb, fmt, rm) : roundPack(sb, e, mb - ma, fmt, rm);
}

// Folds a 128-bit product (leading one at bit 124 or 125) into 64 bits
// with a sticky bit, scaled for roundPack's (sig, exp) convention.
@inline function productSig(hi: u64, lo: u64): u64 {
  return (hi << 2) | (lo >> 62) | <u64>((lo << 2) != 0);
}

export function fpMul(a: u64, b: u64, fmt: i32, rm: i32): u64 {
  const ca = unpack(a, fmt);
  const ea = unExp;
  const ma = unSig;
  const sa = unSign;
  const cb = unpack(b, fmt);
  const sign = sa != unSign;
  if (isNaNClass(ca) || isNaNClass(cb)) return nanResult(ca == CLS_SNAN || cb == CLS_SNAN, fmt);
  if (ca == CLS_INF || cb == CLS_INF) {
    if (ca == CLS_ZERO || cb == CLS_ZERO) return invalidResult(fmt);
    return signedInf(sign, fmt);
  }
  if (ca == CLS_ZERO || cb == CLS_ZERO) return signedZero(sign, fmt);
  mul64To128(ma, unSig);
  return roundPack(sign, ea + unExp, productSig(wHi, wLo), fmt, rm);
}

// Quotient bits produced per long-division step for doubles: the partial
// remainder (< divisor < 2^53) shifted left by this still fits in 64 bits.
const DIV_STEP_BITS: i32 = 11;
const DIV_STEPS: i32 = 5; // 55 quotient bits: 53 + guard + round

export function fpDiv(a: u64, b: u64, fmt: i32, rm: i32): u64 {
  const ca = unpack(a, fmt);
  const ea = unExp;
  const ma = unSig;
  const sa = unSign;
  const cb = unpack(b, fmt);
  const sign = sa != unSign;
  if (isNaNClass(ca) || isNaNClass(cb)) return nanResult(ca == CLS_SNAN || cb == CLS_SNAN, fmt);
  if (ca == CLS_INF) return cb == CLS_INF ? invalidResult(fmt) : signedInf(sign, fmt);
  if (cb == CLS_INF) return signedZero(sign, fmt);
  if (cb == CLS_ZERO) {
    if (ca == CLS_ZERO) return invalidResult(fmt);
    raise(FLAG_DZ);
    return signedInf(sign, fmt);
  }
  if (ca == CLS_ZERO) return signedZero(sign, fmt);
  const eb = unExp;
  if (fmt != FMT_D) {
    // 24-bit significands: one u64 division gives 39+ quotient bits.
    const n = ma >> 39;
    const d = unSig >> 39;
    const num = n << 39;
    const q = num / d;
    const sticky = <u64>(num - q * d != 0);
    return roundPack(sign, ea - eb + 23, q | sticky, fmt, rm);
  }
  const d = unSig >> 10; // 53-bit integer significands
  let r = ma >> 10;
  let q: u64 = 0;
  for (let i = 0; i < DIV_STEPS; i++) {
    r <<= <u64>DIV_STEP_BITS;
    const digit = r / d;
    q = (q << <u64>DIV_STEP_BITS) | digit;
    r -= digit * d;
  }
  return roundPack(sign, ea - eb + 62 - DIV_STEP_BITS * DIV_STEPS, q | <u64>(r != 0), fmt, rm);
}

// sqrt: wasm's f64.sqrt is correctly rounded to nearest, and a square root
// is never exactly halfway between two floats (so RMM = RNE). Compare the
// rounded root's exact square with the operand to get inexactness and the
// direction of the error, then step one ulp for the directed modes.
export function fpSqrt(a: u64, fmt: i32, rm: i32): u64 {
  const ca = unpack(a, fmt);
  if (isNaNClass(ca)) return nanResult(ca == CLS_SNAN, fmt);
  if (ca == CLS_ZERO) return a;
  if (unSign) return invalidResult(fmt);
  if (ca == CLS_INF) return a;
  let r: u64;
  let cmp: i32; // sign of (r*r - a)
  if (fmt == FMT_D) {
    r = reinterpret<u64>(Math.sqrt(reinterpret<f64>(a)));
    cmp = compareSquareD(r, unExp, unSig);
  } else {
    const x = <f64>reinterpret<f32>(<u32>a);
    const r32 = <f32>Math.sqrt(x); // double rounding is safe for sqrt: 53 >= 2*24+2
    r = <u64>reinterpret<u32>(r32);
    const sq = <f64>r32 * <f64>r32; // exact: 48-bit product, in f64 range
    cmp = sq > x ? 1 : sq < x ? -1 : 0;
  }
  if (cmp == 0) return r;
  raise(FLAG_NX);
  if (cmp > 0 && (rm == RM_RTZ || rm == RM_RDN)) return r - 1;
  if (cmp < 0 && rm == RM_RUP) return r + 1;
  return r;
}

// Sign of r*r - a for a positive normal double r and an unpacked positive a.
function compareSquareD(r: u64, ea: i32, ma: u64): i32 {
  const fb = fracBits(FMT_D);
  const mr = (r & ((<u64>1 << <u64>fb) - 1)) | (<u64>1 << <u64>fb);
  const er = <i32>(r >> <u64>fb) - 1023;
  // r*r = mr^2 * 2^(2er-104); a = ma * 2^(ea-62) = (ma << k) * 2^(2er-104)
  const k = ea - 2 * er + 42; // 40..44 since r ~ sqrt(a)
  const aHi = ma >> <u64>(64 - k);
  const aLo = ma << <u64>k;
  mul64To128(mr, mr);
  if (wHi == aHi && wLo == aLo) return 0;
  return lt128(wHi, wLo, aHi, aLo) ? -1 : 1;
}

// (a*b) + c with one rounding. negProd/negC give fmsub, fnmsub, fnmadd.
export function fpFma(a: u64, b: u64, c: u64, negProd: bool, negC: bool, fmt: i32, rm: i32): u64 {
  const ca = unpack(a, fmt);
  const ea = unExp;
  const ma = unSig;
  const sa = unSign;
  const cb = unpack(b, fmt);
  const eb = unExp;
  const mb = unSig;
  const sp = (sa != unSign) != negProd;
  if (negC) c ^= signMask(fmt);
  const cc = unpack(c, fmt);
  const sc = unSign;
  const infTimesZero = (ca == CLS_INF && cb == CLS_ZERO) || (ca == CLS_ZERO && cb == CLS_INF);
  if (isNaNClass(ca) || isNaNClass(cb) || isNaNClass(cc)) {
    // inf*0 is invalid even when the addend is a quiet NaN.
    return nanResult(ca == CLS_SNAN || cb == CLS_SNAN || cc == CLS_SNAN || infTimesZero, fmt);
  }
  if (infTimesZero) return invalidResult(fmt);
  if (ca == CLS_INF || cb == CLS_INF) {
    if (cc == CLS_INF && sc != sp) return invalidResult(fmt);
    return signedInf(sp, fmt);
  }
  if (cc == CLS_INF) return c;
  if (ca == CLS_ZERO || cb == CLS_ZERO) {
    if (cc != CLS_ZERO) return c;
    return sp == sc ? signedZero(sp, fmt) : signedZero(rm == RM_RDN, fmt);
  }
  mul64To128(ma, mb);
  if (cc == CLS_ZERO) return roundPack(sp, ea + eb, productSig(wHi, wLo), fmt, rm);
  return fmaSum(sp, ea + eb, wHi, wLo, sc, unExp, unSig, fmt, rm);
}

// Adds the exact product P * 2^(ep-124) and the addend mc * 2^(ec-62),
// both nonzero, in 128 bits, then rounds once.
function fmaSum(sp: bool, ep: i32, pHi: u64, pLo: u64, sc: bool, ec: i32, mc: u64,
  fmt: i32, rm: i32): u64 {
  let cHi = mc >> 2; // addend with its leading one at bit 124, like P
  let cLo = mc << 62;
  let e = ep;
  if (ep >= ec) {
    shiftRightJam128(cHi, cLo, ep - ec);
    cHi = wHi;
    cLo = wLo;
  } else {
    shiftRightJam128(pHi, pLo, ec - ep);
    pHi = wHi;
    pLo = wLo;
    e = ec;
  }
  let sign = sp;
  if (sp == sc) {
    add128(pHi, pLo, cHi, cLo);
  } else if (lt128(pHi, pLo, cHi, cLo)) {
    sub128(cHi, cLo, pHi, pLo);
    sign = sc;
  } else {
    sub128(pHi, pLo, cHi, cLo);
    if (wHi == 0 && wLo == 0) return signedZero(rm == RM_RDN, fmt);
  }
  // Bring the leading one to bit 62 of a u64, jamming what falls off.
  const top = wHi != 0 ? 127 - <i32>clz(wHi) : 63 - <i32>clz(wLo);
  let sig: u64;
  if (top > 62) {
    shiftRightJam128(wHi, wLo, top - 62);
    sig = wLo;
  } else {
    sig = wLo << <u64>(62 - top);
  }
  return roundPack(sign, e + top - 124, sig, fmt, rm);
}
