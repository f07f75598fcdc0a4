// The M extension's operations that wasm lacks or that trap in wasm:
// the high half of 64x64 products, and division with RISC-V's results for
// division by zero (quotient all ones, remainder = dividend) and for signed
// overflow MIN / -1 (quotient MIN, remainder 0). RISC-V never traps here.

import { mul64To128, wHi } from "./fp/u128";

// High 64 bits of the unsigned 128-bit product (the FPU's 64x64 product).
export function mulhu(a: u64, b: u64): u64 {
  mul64To128(a, b);
  return wHi;
}

// Signed x signed: correct the unsigned high half for each negative operand.
export function mulh(a: i64, b: i64): i64 {
  let h = <i64>mulhu(<u64>a, <u64>b);
  if (a < 0) h -= b;
  if (b < 0) h -= a;
  return h;
}

// Signed a x unsigned b.
export function mulhsu(a: i64, b: i64): i64 {
  let h = <i64>mulhu(<u64>a, <u64>b);
  if (a < 0) h -= b;
  return h;
}

@inline
export function div64(a: i64, b: i64): i64 {
  if (b == 0) return -1;
  if (b == -1) return -a; // MIN / -1 wraps to MIN, as RISC-V requires
  return a / b;
}

@inline
export function divu64(a: i64, b: i64): i64 {
  if (b == 0) return -1;
  return <i64>(<u64>a / <u64>b);
}

@inline
export function rem64(a: i64, b: i64): i64 {
  if (b == 0) return a;
  if (b == -1) return 0; // also MIN % -1, which traps in wasm
  return a % b;
}

@inline
export function remu64(a: i64, b: i64): i64 {
  if (b == 0) return a;
  return <i64>(<u64>a % <u64>b);
}

@inline
export function div32(a: i32, b: i32): i32 {
  if (b == 0) return -1;
  if (b == -1) return -a;
  return a / b;
}

@inline
export function divu32(a: i32, b: i32): i32 {
  if (b == 0) return -1;
  return <i32>(<u32>a / <u32>b);
}

@inline
export function rem32(a: i32, b: i32): i32 {
  if (b == 0) return a;
  if (b == -1) return 0;
  return a % b;
}

@inline
export function remu32(a: i32, b: i32): i32 {
  if (b == 0) return a;
  return <i32>(<u32>a % <u32>b);
}
