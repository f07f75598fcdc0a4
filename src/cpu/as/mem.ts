// Software-TLB access for the interpreter: the inline fast-path helpers and
// the out-of-line slow paths (misaligned, page-crossing, missing entries).
//
// A TLB entry is hit when its tag equals the page-aligned guest address. The
// fast path compares the tag against `addr & (~0xFFF | (size - 1))`: a tag is
// page-aligned, so any misaligned address misses and takes the slow path,
// which makes one compare cover both "page mapped" and "does not cross a
// page". Misaligned accesses are rare, and the slow path handles them.

import {
  TLB_ENTRIES,
  TLB_ENTRY_SIZE,
  TLB_ADDEND,
  PAGE_SHIFT,
} from "../layout";

export const PAGE_MASK: i64 = ~0xfff;
const PAGE_BYTES: u64 = 4096;

// Set by a slow path that failed: the first guest byte address that missed.
export let gFault: bool = false;
export let gFaultAddr: i64 = 0;

// Set by fetchSlow: the page that now backs instruction fetch.
export let gFetchPage: i64 = 0;
export let gFetchBase: usize = 0;

// log2(TLB_ENTRY_SIZE): entries are 32 bytes (layout.ts).
const ENTRY_SHIFT = 5;

// Address of the TLB entry covering `addr`:
// tlb + ((addr >> 12) & (ENTRIES - 1)) * 32, folded into one shift and mask.
@inline
export function tlbEntry(tlb: usize, addr: i64): usize {
  return tlb + (<usize>(addr >>> (PAGE_SHIFT - ENTRY_SHIFT)) & ((TLB_ENTRIES - 1) * TLB_ENTRY_SIZE));
}

// Host address of guest byte `addr` when the entry's `tagOff` tag maps its
// page, else 0 (host address 0 is never guest RAM).
function pageHost(tlb: usize, addr: i64, tagOff: usize): usize {
  const e = tlbEntry(tlb, addr);
  if (load<i64>(e + tagOff) != (addr & PAGE_MASK)) return 0;
  return <usize>(addr + load<i64>(e, TLB_ADDEND));
}

// Resolves the (one or two) pages that an access of `size` bytes at `addr`
// touches. Returns false and records the fault address on a miss.
// On success gLo is the host address of addr, gHi the host address of the
// first byte on the second page (unused when the access fits in one page),
// and gSplit the number of bytes on the first page.
let gLo: usize = 0;
let gHi: usize = 0;
let gSplit: i32 = 0;

function resolve(tlb: usize, addr: i64, size: i32, tagOff: usize): bool {
  gFault = false;
  const lo = pageHost(tlb, addr, tagOff);
  if (lo == 0) return fail(addr);
  const room = <i32>(PAGE_BYTES - (<u64>addr & 0xfff));
  gLo = lo;
  gSplit = size;
  if (room < size) {
    const next = (addr & PAGE_MASK) + <i64>PAGE_BYTES;
    const hi = pageHost(tlb, next, tagOff);
    if (hi == 0) return fail(next);
    gHi = hi;
    gSplit = room;
  }
  return true;
}

@inline
export function clearFault(): void {
  gFault = false;
}

// Records a fault found outside this file (AMO checks) for the caller.
export function noteFaultAddr(addr: i64): void {
  gFaultAddr = addr;
}

function fail(addr: i64): bool {
  gFault = true;
  gFaultAddr = addr;
  return false;
}

@inline
function byteHost(i: i32): usize {
  return i < gSplit ? gLo + <usize>i : gHi + <usize>(i - gSplit);
}

// Loads `size` bytes little-endian, zero-extended. On a miss sets gFault.
export function loadSlow(tlb: usize, addr: i64, size: i32, tagOff: usize): i64 {
  if (!resolve(tlb, addr, size, tagOff)) return 0;
  let v: i64 = 0;
  for (let i = size - 1; i >= 0; i--) {
    v = (v << 8) | <i64>load<u8>(byteHost(i));
  }
  return v;
}

// Stores the low `size` bytes of v. Both pages are checked before any byte
// is written, so a fault leaves memory untouched.
export function storeSlow(tlb: usize, addr: i64, size: i32, v: i64, tagOff: usize): void {
  if (!resolve(tlb, addr, size, tagOff)) return;
  for (let i = 0; i < size; i++) {
    store<u8>(byteHost(i), <u8>(v >>> (i << 3)));
  }
}

// Fetches the instruction at pc when it is outside the cached fetch page or
// in its last two bytes. Returns the instruction bits (a 16-bit parcel for a
// compressed one) or -1 on a fault (gFaultAddr = the missing byte address).
// Updates the fetch cache to pc's page.
export function fetchSlow(tlb: usize, pc: i64, tagOff: usize): i64 {
  gFault = false;
  const base = pageHost(tlb, pc & PAGE_MASK, tagOff);
  if (base == 0) {
    fail(pc);
    return -1;
  }
  gFetchPage = pc & PAGE_MASK;
  gFetchBase = base;
  const off = <usize>(pc & 0xfff);
  if (off <= 0xffc) return <i64>load<u32>(base + off);
  const lo = <u32>load<u16>(base + off);
  if ((lo & 3) != 3) return <i64>lo;
  // A 32-bit instruction whose upper half is on the next page.
  const next = (pc & PAGE_MASK) + <i64>PAGE_BYTES;
  const hiBase = pageHost(tlb, next, tagOff);
  if (hiBase == 0) {
    fail(next);
    return -1;
  }
  return <i64>(lo | (<u32>load<u16>(hiBase) << 16));
}
