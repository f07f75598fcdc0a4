// Fast paths on wasm's own f32/f64 ops (which round to nearest-even only):
// add/sub/mul/div and the FMAs under RNE, conversions where exact or RNE
// (and float-to-int under RTZ, as C casts use). Each is used only where the
// result AND the flags provably equal the soft-float path's; anything else
// (NaN, infinity, overflow, results near the underflow threshold, other
// rounding modes) returns false and takes the soft-float path. Inexactness
// comes from exact error terms (TwoSum, Dekker) or integer checks.
//
// Singles are computed in f64 and then rounded to f32: for +, -, * and /
// of two singles, double rounding through a format with p' >= 2p + 2 bits
// equals one rounding (Figueroa, "When is double rounding innocuous?").
//
// build/fpu differential runs (fast vs soft path, 10^8 random operand sets
// biased to cancellation and halfway cases) and the qemu oracle test back
// the proofs sketched below.

import { INT_L, INT_W, INT_WU } from "./convert";
import { FLAG_NX, FMT_D, raise } from "./core";

// The result of a successful fast path.
export let fastResult: u64 = 0;

const D_EXP_MASK: u64 = 0x7ff0000000000000;
const D_FRAC_MASK: u64 = 0x000fffffffffffff;
const D_HIDDEN: u64 = 0x0010000000000000;
const D_FRAC_BITS: i32 = 52;
const D_PRECISION: i32 = 53;
const S_PRECISION: i32 = 24;
// Below this exponent field TwoSum's intermediate values cannot overflow.
const D_ADD_EXP_LIMIT: u64 = <u64>(1023 + 1000) << 52;
// Results with an exponent field >= 2 are not tiny even before rounding.
const D_MIN_SAFE_EXP: u64 = 2;
const D_MAX_EXP: u64 = 0x7fe;
const S_EXP_MASK: u64 = 0x7f800000;
const S_MIN_NORMAL: f64 = 1.1754943508222875e-38; // 2^-126
// Single results at least this large were not tiny even before rounding.
const S_MIN_SAFE: f64 = S_MIN_NORMAL * 2; // 2^-125

@inline function sFinite(a: u64): bool {
  return (a & S_EXP_MASK) != S_EXP_MASK;
}

@inline function sToF64(a: u64): f64 {
  return <f64>reinterpret<f32>(<u32>a);
}

// Knuth's TwoSum: the exact rounding error of s = x + y (RNE, no overflow).
@inline function twoSumError(x: f64, y: f64, s: f64): f64 {
  const bb = s - x;
  return (x - (s - bb)) + (y - bb);
}

export function fastAddD(a: u64, b: u64): bool {
  if ((a & D_EXP_MASK) >= D_ADD_EXP_LIMIT || (b & D_EXP_MASK) >= D_ADD_EXP_LIMIT) return false;
  const x = reinterpret<f64>(a);
  const y = reinterpret<f64>(b);
  const s = x + y;
  // Sums in the subnormal range are exact, so only NX can arise here.
  if (twoSumError(x, y, s) != 0) raise(FLAG_NX);
  fastResult = reinterpret<u64>(s);
  return true;
}

export function fastAddS(a: u64, b: u64): bool {
  if (!sFinite(a) || !sFinite(b)) return false;
  const x = sToF64(a);
  const y = sToF64(b);
  const s = x + y;
  const r = <f32>s;
  if (!isFinite<f32>(r)) return false; // overflow
  if (twoSumError(x, y, s) != 0 || <f64>r != s) raise(FLAG_NX);
  fastResult = <u64>reinterpret<u32>(r);
  return true;
}

export function fastMulS(a: u64, b: u64): bool {
  if (!sFinite(a) || !sFinite(b)) return false;
  const p = sToF64(a) * sToF64(b); // exact: 48-bit significand product
  if (!(Math.abs(p) >= S_MIN_NORMAL)) return false; // zero or maybe tiny
  const r = <f32>p;
  if (!isFinite<f32>(r)) return false;
  if (<f64>r != p) raise(FLAG_NX);
  fastResult = <u64>reinterpret<u32>(r);
  return true;
}

export function fastDivS(a: u64, b: u64): bool {
  if (!sFinite(a) || !sFinite(b)) return false;
  const y = sToF64(b);
  const r = <f32>(sToF64(a) / y);
  if (!(Math.abs(<f64>r) >= S_MIN_SAFE) || !isFinite<f32>(r)) return false;
  if (<f64>r * y != sToF64(a)) raise(FLAG_NX); // r*y is exact in f64
  fastResult = <u64>reinterpret<u32>(r);
  return true;
}

@inline function dExp(a: u64): u64 {
  return (a >> <u64>D_FRAC_BITS) & 0x7ff;
}

@inline function dNormal(a: u64): bool {
  const e = dExp(a);
  return e != 0 && e <= D_MAX_EXP;
}

// Odd part of a normal double's integer significand.
@inline function oddSig(a: u64): u64 {
  const m = (a & D_FRAC_MASK) | D_HIDDEN;
  return m >> ctz(m);
}

@inline function bitLength(x: u64): i32 {
  return 64 - <i32>clz(x);
}

// Whether the odd significand parts satisfy p*q == r, i.e. whether a
// product (or, read backwards, a quotient) of normal doubles is exact.
@inline function oddProductIs(p: u64, q: u64, r: u64): bool {
  if (bitLength(p) + bitLength(q) > D_PRECISION + 1) return false; // p*q >= 2^53 > r
  return p * q == r;
}

// The result must be normal with exponent field >= 2: then it was not tiny
// and did not overflow, so NX is the only possible flag.
@inline function dSafeResult(r: u64): bool {
  const e = dExp(r);
  return e >= D_MIN_SAFE_EXP && e <= D_MAX_EXP;
}

export function fastMulD(a: u64, b: u64): bool {
  if (!dNormal(a) || !dNormal(b)) return false;
  const r = reinterpret<u64>(reinterpret<f64>(a) * reinterpret<f64>(b));
  if (!dSafeResult(r)) return false;
  // Exact iff the product of the odd parts fits in 53 bits.
  const oa = oddSig(a);
  const ob = oddSig(b);
  const exact = bitLength(oa) + bitLength(ob) <= D_PRECISION + 1 && oa * ob < D_HIDDEN << 1;
  if (!exact) raise(FLAG_NX);
  fastResult = r;
  return true;
}

export function fastDivD(a: u64, b: u64): bool {
  if (!dNormal(a) || !dNormal(b)) return false;
  const q = reinterpret<u64>(reinterpret<f64>(a) / reinterpret<f64>(b));
  if (!dSafeResult(q)) return false;
  // q*b == a exactly iff odd(q)*odd(b) == odd(a): the two sides then differ
  // by a power of two, and q*b is within an ulp of a.
  if (!oddProductIs(oddSig(q), oddSig(b), oddSig(a))) raise(FLAG_NX);
  fastResult = q;
  return true;
}

// Single fused multiply-add: the product is exact in f64; the sum is taken
// to 53 bits with round-to-odd (RN plus TwoSum's exact error), and
// round-to-odd at p + 2 or more bits followed by one RN to p bits is a
// correct single rounding (Boldo & Melquiond, "Emulation of FMA and
// correctly rounded sums: proved algorithms using rounding to odd").
export function fastFmaS(a: u64, b: u64, c: u64, negProd: bool, negC: bool): bool {
  if (!sFinite(a) || !sFinite(b) || !sFinite(c)) return false;
  let p = sToF64(a) * sToF64(b);
  if (negProd) p = -p;
  let z = sToF64(c);
  if (negC) z = -z;
  const s = p + z;
  const err = twoSumError(p, z, s);
  let odd = reinterpret<u64>(s);
  if (err != 0 && (odd & 1) == 0) {
    // Step to the odd neighbour on err's side of s.
    odd = (err > 0) == (s > 0) ? odd + 1 : odd - 1;
  }
  const r = <f32>reinterpret<f64>(odd);
  if (!(Math.abs(<f64>r) >= S_MIN_SAFE) || !isFinite<f32>(r)) return false;
  if (err != 0 || <f64>r != s) raise(FLAG_NX);
  fastResult = <u64>reinterpret<u32>(r);
  return true;
}

// Veltkamp's splitter for binary64: x*SPLIT cannot overflow below 2^996.
const SPLIT: f64 = 134217729.0; // 2^27 + 1
// Exponent window (unbiased) for the double FMA fast path: splitting,
// Dekker's product and the TwoSums then neither overflow nor underflow
// (every intermediate is a multiple of 2^-1004 or larger).
const D_FMA_EXP_MIN: i32 = -450;
const D_FMA_EXP_MAX: i32 = 450;
const D_FMA_ADDEND_MIN: i32 = -900;
const D_FMA_ADDEND_MAX: i32 = 1000;
const D_BIAS: i32 = 1023;

@inline function dExpIn(a: u64, lo: i32, hi: i32): bool {
  const e = <i32>dExp(a) - D_BIAS;
  return e >= lo && e <= hi;
}

// Dekker's exact product: returns the rounded product, error in dekkerLow.
let dekkerLow: f64 = 0;
@inline function twoProduct(a: f64, b: f64): f64 {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  dekkerLow = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
  return p;
}

// Double fused multiply-add, X = a*b + c exactly = ph + pl + c:
//   ph + pl = a*b (Dekker), th + tl = c + ph (TwoSum),
//   v = RO(tl + pl) (TwoSum + odd step), result = RN(th + v).
// Either |ph| <= 4|th|, so v's ulp is far (>= 2 bits) below th's and adding
// th keeps v's parity: th + v is X rounded to odd on a grid finer than the
// result's, and RN of that is RN(X) (Boldo & Melquiond). Or c + ph
// cancelled within Sterbenz's range, tl = 0 and v = pl exactly. X is exact
// iff both last TwoSums are (X = r with v inexact would make X - th, a
// difference of doubles within a factor 2, inexact: impossible).
export function fastFmaD(a: u64, b: u64, c: u64, negProd: bool, negC: bool): bool {
  if (!dExpIn(a, D_FMA_EXP_MIN, D_FMA_EXP_MAX) || !dExpIn(b, D_FMA_EXP_MIN, D_FMA_EXP_MAX) ||
    !dExpIn(c, D_FMA_ADDEND_MIN, D_FMA_ADDEND_MAX)) return false;
  let x = reinterpret<f64>(a);
  if (negProd) x = -x;
  let z = reinterpret<f64>(c);
  if (negC) z = -z;
  const ph = twoProduct(x, reinterpret<f64>(b));
  const pl = dekkerLow;
  const th = z + ph;
  const tl = twoSumError(z, ph, th);
  const v = tl + pl;
  const vErr = twoSumError(tl, pl, v);
  let odd = reinterpret<u64>(v);
  if (vErr != 0 && (odd & 1) == 0) odd = (vErr > 0) == (v > 0) ? odd + 1 : odd - 1;
  const vo = reinterpret<f64>(odd);
  const r = th + vo;
  const rb = reinterpret<u64>(r);
  if (!dSafeResult(rb)) return false; // tiny (or zero) after cancellation
  if (vErr != 0 || twoSumError(th, vo, r) != 0) raise(FLAG_NX);
  fastResult = rb;
  return true;
}

// fcvt.d.s: exact for every non-NaN single (any rounding mode).
export function fastCvtDS(a: u64): bool {
  if ((a & 0x7fffffff) > S_EXP_MASK) return false; // NaN
  fastResult = reinterpret<u64>(<f64>reinterpret<f32>(<u32>a));
  return true;
}

// fcvt.s.d under RNE, when the result is neither tiny nor an overflow.
export function fastCvtSD(a: u64): bool {
  const x = reinterpret<f64>(a);
  const mag = Math.abs(x);
  if (!(mag >= S_MIN_SAFE) && mag != 0) return false; // tiny, or NaN
  const r = <f32>x;
  if (!isFinite<f32>(r) && mag != Infinity) return false; // overflow
  if (<f64>r != x) raise(FLAG_NX);
  fastResult = <u64>reinterpret<u32>(r);
  return true;
}

// Integer to float: exact conversions in any mode, inexact ones under RNE
// (wasm's conversions round to nearest-even directly from the integer).
export function fastIntToFp(x: u64, kind: i32, fmt: i32, rne: bool): bool {
  let mag = x;
  if (kind == INT_W) mag = <u64>Math.abs(<f64><i32>x);
  else if (kind == INT_WU) mag = x & 0xffffffff;
  else if (kind == INT_L && <i64>x < 0) mag = -x;
  const precision = fmt == FMT_D ? D_PRECISION : S_PRECISION;
  const exact = mag == 0 || 64 - <i32>clz(mag) - <i32>ctz(mag) <= precision;
  if (!exact) {
    if (!rne) return false;
    raise(FLAG_NX);
  }
  if (fmt == FMT_D) {
    let d: f64;
    if (kind == INT_W) d = <f64><i32>x;
    else if (kind == INT_WU) d = <f64><u32>x;
    else if (kind == INT_L) d = <f64><i64>x;
    else d = <f64>x;
    fastResult = reinterpret<u64>(d);
  } else {
    let f: f32;
    if (kind == INT_W) f = <f32><i32>x;
    else if (kind == INT_WU) f = <f32><u32>x;
    else if (kind == INT_L) f = <f32><i64>x;
    else f = <f32>x;
    fastResult = <u64>reinterpret<u32>(f);
  }
  return true;
}

// Exclusive bounds of the values that truncate into each integer kind.
const TWO_31: f64 = 2147483648.0;
const TWO_32: f64 = 4294967296.0;
const TWO_63: f64 = 9223372036854775808.0;
const TWO_64: f64 = 18446744073709551616.0;

// Float to integer with RTZ (C casts) when in range; NaN and out-of-range
// values take the soft path (RISC-V saturates NaN to the maximum).
export function fastToIntRtz(a: u64, fmt: i32, kind: i32): bool {
  const x = fmt == FMT_D ? reinterpret<f64>(a) : <f64>reinterpret<f32>(<u32>a);
  const t = Math.trunc(x);
  let v: u64;
  if (kind == INT_W) {
    if (!(x > -TWO_31 - 1 && x < TWO_31)) return false;
    v = <u64><i64><i32>t;
  } else if (kind == INT_WU) {
    if (!(x > -1 && x < TWO_32)) return false;
    v = <u64><i64><i32><u32>t; // 32-bit results are sign-extended
  } else if (kind == INT_L) {
    if (!(x >= -TWO_63 && x < TWO_63)) return false;
    v = <u64><i64>t;
  } else {
    if (!(x > -1 && x < TWO_64)) return false;
    v = <u64>t;
  }
  if (t != x) raise(FLAG_NX);
  fastResult = v;
  return true;
}
