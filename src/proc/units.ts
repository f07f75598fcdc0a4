// Unit conversions shared by the /proc generators.
export const USER_HZ = 100;
export const PAGE_SIZE = 4096;
/** ~0UL as /proc prints it (RLIM_INFINITY and friends). */
export const ULONG_MAX = "18446744073709551615";

/** nsec_to_clock_t: nanoseconds as USER_HZ ticks, rounded down. */
export function ticks(ns: number): number {
  return Math.floor((ns * USER_HZ) / 1e9);
}

/** A 64-bit unsigned value from a bigint, as %lu prints it. */
export function ulong(v: bigint): string {
  return BigInt.asUintN(64, v).toString();
}

/** A signal set as status prints it: 16 hex digits, signal 1 in bit 0. */
export function sigsetHex(set: bigint): string {
  if (set === 0n) return "0000000000000000"; // the usual case, without BigInt formatting
  return BigInt.asUintN(64, set).toString(16).padStart(16, "0");
}

/** The low 31 bits of a signal set, as the obsolete stat fields print it. */
export function sigsetLow31(set: bigint): number {
  return Number(set & 0x7fffffffn);
}
