// Differential self-test of the hardware-float fast paths (fast.ts) against
// the soft-float paths (arith.ts, convert.ts), which the qemu oracle test
// checks directly. Not part of the CPU: tests/fpu/fpu.test.ts compiles this
// file on its own and runs many seeded random operand sets, biased toward
// cancellation, halfway cases and the exponent windows' edges.

import { fpAdd, fpDiv, fpFma, fpMul } from "./arith";
import { fpConvert, fpToInt, intToFp } from "./convert";
import { FMT_D, FMT_S, RM_RNE, RM_RTZ, fpFlags, resetFlags } from "./core";
import {
  fastAddD, fastAddS, fastCvtDS, fastCvtSD, fastDivD, fastDivS, fastFmaD, fastFmaS, fastIntToFp,
  fastMulD, fastMulS, fastResult, fastToIntRtz,
} from "./fast";

let rng: u64 = 0x9e3779b97f4a7c15;

function next(): u64 { // xorshift64*
  rng ^= rng >> 12;
  rng ^= rng << 25;
  rng ^= rng >> 27;
  return rng * 0x2545f4914f6cdd1d;
}

// A random significand: plain, with trailing zeros, or with trailing ones.
function randFrac(bits: i32): u64 {
  let frac = next() & ((<u64>1 << <u64>bits) - 1);
  const shape = next() & 3;
  const run = (<u64>1 << (next() % <u64>bits)) - 1;
  if (shape == 0) frac &= ~run;
  else if (shape == 1) frac |= run;
  return frac;
}

function randD(): u64 {
  const pick = next() & 7;
  let e: u64;
  if (pick < 4) e = 1023 - 20 + next() % 41; // near 1
  else if (pick < 6) e = 1023 - 460 + next() % 921; // across the FMA window
  else e = next() % 2047; // anything finite
  return (e << 52) | randFrac(52) | ((next() & 1) << 63);
}

function randS(): u64 {
  const e = (next() & 1) != 0 ? 127 - 10 + next() % 21 : next() % 255;
  return (e << 23) | randFrac(23) | ((next() & 1) << 31);
}

// An addend that makes a*b + c cancel: -(a*b) nudged by a few ulps or
// scaled by (1 +- 2^-k), or c = a/2 - a*b.
function cancellingD(a: u64, b: u64): u64 {
  const p = -(reinterpret<f64>(a) * reinterpret<f64>(b));
  const pick = next() % 3;
  if (pick == 0) return reinterpret<u64>(p) + next() % 9 - 4;
  if (pick == 1) {
    const k = reinterpret<f64>((<u64>1003 - next() % 40) << 52);
    return reinterpret<u64>(p * (1 + ((next() & 1) != 0 ? k : -k)));
  }
  return reinterpret<u64>(reinterpret<f64>(a) * 0.5 + p);
}

function cancellingS(a: u64, b: u64): u64 {
  const p = -(reinterpret<f32>(<u32>a) * reinterpret<f32>(<u32>b));
  return (<u64>reinterpret<u32>(p) + next() % 5 - 2) & 0xffffffff;
}

function randInt(): u64 {
  const x = next() >> (next() % 64);
  return (next() & 1) != 0 ? x : -x;
}

// The failing case, for the test's message.
export let badKind: i32 = -1;
export let badA: u64 = 0;
export let badB: u64 = 0;
export let badC: u64 = 0;
export let fastHits: i64 = 0;

// Case kinds.
const K_FMA_D = 0, K_FMA_S = 1, K_ADD_D = 2, K_ADD_S = 3, K_MUL_D = 4, K_MUL_S = 5;
const K_DIV_D = 6, K_DIV_S = 7, K_CVT_SD = 8, K_CVT_DS = 9, K_I2F = 10, K_F2I = 11;

// The soft-float result of a case kind (flags left in fpFlags). For the
// conversions, b holds the integer kind and c the float format.
function soft(kind: i32, a: u64, b: u64, c: u64): u64 {
  resetFlags();
  switch (kind) {
    case K_FMA_D: return fpFma(a, b, c, false, false, FMT_D, RM_RNE);
    case K_FMA_S: return fpFma(a, b, c, false, false, FMT_S, RM_RNE);
    case K_ADD_D: return fpAdd(a, b, false, FMT_D, RM_RNE);
    case K_ADD_S: return fpAdd(a, b, false, FMT_S, RM_RNE);
    case K_MUL_D: return fpMul(a, b, FMT_D, RM_RNE);
    case K_MUL_S: return fpMul(a, b, FMT_S, RM_RNE);
    case K_DIV_D: return fpDiv(a, b, FMT_D, RM_RNE);
    case K_DIV_S: return fpDiv(a, b, FMT_S, RM_RNE);
    case K_CVT_SD: return fpConvert(a, FMT_D, FMT_S, RM_RNE);
    case K_CVT_DS: return fpConvert(a, FMT_S, FMT_D, RM_RNE);
    case K_I2F: return intToFp(a, <i32>b, <i32>c, RM_RNE);
    default: return fpToInt(a, <i32>c, <i32>b, RM_RTZ);
  }
}

function fast(kind: i32, a: u64, b: u64, c: u64): bool {
  resetFlags();
  switch (kind) {
    case K_FMA_D: return fastFmaD(a, b, c, false, false);
    case K_FMA_S: return fastFmaS(a, b, c, false, false);
    case K_ADD_D: return fastAddD(a, b);
    case K_ADD_S: return fastAddS(a, b);
    case K_MUL_D: return fastMulD(a, b);
    case K_MUL_S: return fastMulS(a, b);
    case K_DIV_D: return fastDivD(a, b);
    case K_DIV_S: return fastDivS(a, b);
    case K_CVT_SD: return fastCvtSD(a);
    case K_CVT_DS: return fastCvtDS(a);
    case K_I2F: return fastIntToFp(a, <i32>b, <i32>c, true);
    default: return fastToIntRtz(a, <i32>c, <i32>b);
  }
}

// Whether the fast path, where it applies, agrees with the soft path.
function agree(kind: i32, a: u64, b: u64, c: u64): bool {
  if (!fast(kind, a, b, c)) return true;
  fastHits++;
  const r = fastResult;
  const flags = fpFlags;
  if (soft(kind, a, b, c) == r && fpFlags == flags) return true;
  badKind = kind;
  badA = a;
  badB = b;
  badC = c;
  return false;
}

// Runs n rounds of every kind; false at the first disagreement.
export function differential(n: i32, seed: u64): bool {
  rng ^= seed * 0x9e3779b97f4a7c15;
  for (let i = 0; i < n; i++) {
    const a = randD();
    const b = randD();
    const c = (i & 3) == 0 ? randD() : cancellingD(a, b);
    const sa = randS();
    const sb = randS();
    const sc = (i & 3) == 0 ? randS() : cancellingS(sa, sb);
    const ik = <u64>(next() & 3);
    const fmt = <u64>(next() & 1);
    if (!agree(K_FMA_D, a, b, c) || !agree(K_FMA_S, sa, sb, sc) || !agree(K_ADD_D, a, c, 0) ||
      !agree(K_ADD_S, sa, sc, 0) || !agree(K_MUL_D, a, b, 0) || !agree(K_MUL_S, sa, sb, 0) ||
      !agree(K_DIV_D, a, b, 0) || !agree(K_DIV_S, sa, sb, 0) || !agree(K_CVT_SD, a, 0, 0) ||
      !agree(K_CVT_DS, sa, 0, 0) || !agree(K_I2F, randInt(), ik, fmt) ||
      !agree(K_F2I, fmt == 1 ? a : sa, ik, fmt)) return false;
  }
  return true;
}
