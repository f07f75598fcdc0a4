// Address-space layout of a riscv64 Linux process on Sv48 (RISCV-ABI.md
// §5.3, arch/riscv/include/asm/processor.h, mm/util.c); the random offsets
// come from src/loader/aslr.ts.

import { PAGE_SIZE } from "../cpu/layout.js";

// End of user space; every user address is below it (so exact in a double).
export const TASK_SIZE = 0x800000000000;
// vm.mmap_min_addr on Debian: nothing may be mapped below it.
export const MMAP_MIN_ADDR = 65536;
// mmap_base() for an 8 MiB RLIMIT_STACK without randomisation: STACK_TOP minus the 128 MiB minimum gap.
export const DEFAULT_MMAP_BASE = 0x7ffff8000000;
// Where the bottom-up fallback search starts when the top-down one fails.
export const TASK_UNMAPPED_BASE = 0x2aaaaab000;
// mm/mmap.c stack_guard_gap: 256 pages kept free below a growsdown VMA.
export const STACK_GUARD_GAP = 256 * PAGE_SIZE;
// Default RLIMIT_STACK, the limit on how far a stack VMA may grow.
export const DEFAULT_STACK_LIMIT = 8 * 1024 * 1024;
// vm.max_map_count default (DEFAULT_MAX_MAP_COUNT).
export const DEFAULT_MAX_MAP_COUNT = 65530;
// PMD_SIZE: anonymous mappings of a multiple of this are THP-aligned (6.7+).
export const PMD_SIZE = 2 * 1024 * 1024;

export function pageAlignDown(addr: number): number {
  return addr - (addr % PAGE_SIZE);
}

export function pageAlignUp(addr: number): number {
  const rem = addr % PAGE_SIZE;
  return rem === 0 ? addr : addr + (PAGE_SIZE - rem);
}

// A usable user address or length: an integer in [0, TASK_SIZE]. Anything
// else (negative, fractional, NaN, huge) fails every range check.
export function isUserNumber(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= TASK_SIZE;
}

/**
 * mm/util.c mmap_base(): the top of the mmap area for a given RLIMIT_STACK,
 * leaving the stack its limit plus the guard gap (plus the stack top's own
 * randomisation range when the layout is randomised), clamped to
 * [128 MiB, 5/6 of the space], then lowered by the random offset `rnd`.
 * (An unlimited stack selects Linux's legacy bottom-up layout, which Aramid
 * does not model: pass a finite value.)
 */
export function mmapBaseFor(stackLimit: number, rnd = 0, stackRandomPages = 0): number {
  const minGap = 128 * 1024 * 1024;
  const maxGap = Math.floor(TASK_SIZE / 6) * 5; // C integer division
  const pad = STACK_GUARD_GAP + stackRandomPages * PAGE_SIZE;
  const gap = Math.min(Math.max(stackLimit + pad, minGap), maxGap);
  return pageAlignUp(TASK_SIZE - gap - rnd);
}
