// Minimal unsigned 128-bit arithmetic on (hi, lo) u64 pairs, for the double
// multiply and the fused multiply-add. Results come back in wHi/wLo
// (globals, so nothing is allocated).

export let wHi: u64 = 0;
export let wLo: u64 = 0;

const LOW32: u64 = 0xffffffff;

// Full 64x64 -> 128 product from 32-bit halves (wasm has no mulhi).
export function mul64To128(a: u64, b: u64): void {
  const a0 = a & LOW32;
  const a1 = a >> 32;
  const b0 = b & LOW32;
  const b1 = b >> 32;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const mid = (p00 >> 32) + (p01 & LOW32) + (p10 & LOW32);
  wLo = (mid << 32) | (p00 & LOW32);
  wHi = a1 * b1 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

// Right shift with every lost bit ORed into bit 0.
export function shiftRightJam128(hi: u64, lo: u64, n: i32): void {
  if (n <= 0) {
    wHi = hi;
    wLo = lo;
  } else if (n < 64) {
    const lost = lo << <u64>(64 - n);
    wLo = (hi << <u64>(64 - n)) | (lo >> <u64>n) | <u64>(lost != 0);
    wHi = hi >> <u64>n;
  } else if (n < 128) {
    const lost = n == 64 ? lo : (hi << <u64>(128 - n)) | lo;
    wLo = (n == 64 ? hi : hi >> <u64>(n - 64)) | <u64>(lost != 0);
    wHi = 0;
  } else {
    wLo = <u64>((hi | lo) != 0);
    wHi = 0;
  }
}

export function add128(aHi: u64, aLo: u64, bHi: u64, bLo: u64): void {
  const lo = aLo + bLo;
  wHi = aHi + bHi + <u64>(lo < aLo);
  wLo = lo;
}

export function sub128(aHi: u64, aLo: u64, bHi: u64, bLo: u64): void {
  wHi = aHi - bHi - <u64>(aLo < bLo);
  wLo = aLo - bLo;
}

@inline export function lt128(aHi: u64, aLo: u64, bHi: u64, bLo: u64): bool {
  return aHi < bHi || (aHi == bHi && aLo < bLo);
}
