// Free-range search for mmap without MAP_FIXED (mm/mmap.c
// generic_get_unmapped_area_topdown and vm_unmapped_area), treating the
// stack_guard_gap below a growsdown VMA as occupied.

import { PAGE_SIZE } from "../cpu/layout.js";
import { EINVAL, ENOMEM, EPERM } from "../kernel/errno.js";
import type { MmState } from "./mm-state.js";
import { VM_GROWSDOWN } from "./vm-flags.js";
import { MMAP_MIN_ADDR, pageAlignUp, PMD_SIZE, STACK_GUARD_GAP, TASK_SIZE, TASK_UNMAPPED_BASE } from "./vm-layout.js";
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

/**
 * get_unmapped_area: the start for [addr, addr+len), or -errno. A fixed
 * address is only checked; a hint is taken when free; otherwise the highest
 * gap below mmap_base, then the lowest above TASK_UNMAPPED_BASE.
 */
export function getUnmappedArea(st: MmState, addr: number, len: number, fixed: boolean, fileOrShared: boolean): number {
  if (len > TASK_SIZE - MMAP_MIN_ADDR) return -ENOMEM;
  if (fixed) {
    if (addr > TASK_SIZE - len) return -ENOMEM;
    if (addr % PAGE_SIZE !== 0) return -EINVAL;
    return addr < MMAP_MIN_ADDR ? -EPERM : addr;
  }
  const list = st.vmaList.list;
  if (addr !== 0) {
    const a = pageAlignUp(addr);
    if (TASK_SIZE - len >= a && a >= MMAP_MIN_ADDR && rangeFree(list, st.vmaList.indexAfter(a), a, len)) return a;
  }
  // Linux 6.7+: large anonymous mappings start on a PMD boundary (THP).
  const thp = st.options.thpAlign && !fileOrShared && addr === 0 && len % PMD_SIZE === 0;
  if (thp) {
    const padded = searchFree(st, len + PMD_SIZE);
    if (padded >= 0) {
      const misalign = (PMD_SIZE - (padded % PMD_SIZE)) % PMD_SIZE;
      return misalign === 0 ? padded + PMD_SIZE : padded + misalign;
    }
  }
  const start = searchFree(st, len);
  return start < 0 ? -ENOMEM : start;
}

/** Highest gap below mmap_base, else lowest above TASK_UNMAPPED_BASE; -1 if none. */
function searchFree(st: MmState, len: number): number {
  const list = st.vmaList.list;
  const start = findTopDown(list, len, Math.max(PAGE_SIZE, MMAP_MIN_ADDR), st.options.mmapBase);
  return start >= 0 ? start : findBottomUp(list, len, TASK_UNMAPPED_BASE, TASK_SIZE);
}
