// Free-range search for mmap without MAP_FIXED (mm/mmap.c
// generic_get_unmapped_area_topdown and vm_unmapped_area), treating the
// stack_guard_gap below a growsdown VMA as occupied.

import { STACK_GUARD_GAP } from "./vm-layout.js";
import { VM_GROWSDOWN } from "./vm-flags.js";
import type { Vma } from "./vma.js";

/** vm_start_gap: where a VMA's exclusion zone begins. */
export function startGap(v: Vma): number {
  return v.flags & VM_GROWSDOWN ? Math.max(v.start - STACK_GUARD_GAP, 0) : v.start;
}

/** Whether [addr, addr+len) is free, guard gaps included. */
export function rangeFree(list: readonly Vma[], index: number, addr: number, len: number): boolean {
  // index: first VMA with end > addr.
  const next = list[index];
  return next === undefined || addr + len <= startGap(next);
}

/** Highest free start address for len bytes within [low, high), or -1. */
export function findTopDown(list: readonly Vma[], len: number, low: number, high: number): number {
  for (let i = list.length; i >= 0; i--) {
    const gapLo = Math.max(i > 0 ? list[i - 1].end : 0, low);
    const gapHi = Math.min(i < list.length ? startGap(list[i]) : high, high);
    if (gapLo >= high) continue;
    if (gapHi < low) return -1;
    if (gapHi - gapLo >= len) return gapHi - len;
  }
  return -1;
}

/** Lowest free start address for len bytes within [low, high), or -1. */
export function findBottomUp(list: readonly Vma[], len: number, low: number, high: number): number {
  for (let i = 0; i <= list.length; i++) {
    const gapLo = Math.max(i > 0 ? list[i - 1].end : 0, low);
    const gapHi = Math.min(i < list.length ? startGap(list[i]) : high, high);
    if (gapHi <= low) continue;
    if (gapLo >= high) return -1;
    if (gapHi - gapLo >= len) return gapLo;
  }
  return -1;
}
