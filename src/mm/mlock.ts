// mlock(2)/munlock(2) (mm/mlock.c): VM_LOCKED over a range, splitting VMAs;
// mlock also faults the pages in. Aramid never swaps, so locking changes
// only VmLck and /proc. RLIMIT_MEMLOCK is the caller's to check (root, the
// usual guest user, is exempt through CAP_IPC_LOCK).

import { PAGE_SIZE } from "../cpu/layout.js";
import { EINVAL } from "../kernel/errno.js";
import type { MmState } from "./mm-state.js";
import { resolve } from "./page-fault.js";
import { VM_ACCESS_FLAGS, VM_LOCKED, VM_SHARED, VM_WRITE } from "./vm-flags.js";
import { isUserNumber, pageAlignDown, pageAlignUp, TASK_SIZE } from "./vm-layout.js";

/** The page-aligned range mlock works on (start may be unaligned), or -EINVAL. */
function lockRange(addr: number, length: number): [number, number] | number {
  if (!isUserNumber(addr) || !Number.isInteger(length) || length < 0) return -EINVAL;
  const start = pageAlignDown(addr);
  const end = start + pageAlignUp(length + (addr - start));
  return end > TASK_SIZE ? -EINVAL : [start, end];
}

export function mlock(st: MmState, addr: number, length: number): number {
  const r = lockRange(addr, length);
  if (typeof r === "number") return r;
  const [start, end] = r;
  if (start === end) return 0;
  const err = st.modifyRange(start, end, (v) => v.flags | VM_LOCKED);
  if (err < 0) return err;
  for (let va = start; va < end; va += PAGE_SIZE) {
    const v = st.vmaList.find(va);
    if (v === null || (v.flags & VM_ACCESS_FLAGS) === 0) continue;
    const write = (v.flags & (VM_WRITE | VM_SHARED)) === VM_WRITE;
    resolve(st, va, write ? "write" : "read", false); // best effort, as __mm_populate
  }
  return 0;
}

export function munlock(st: MmState, addr: number, length: number): number {
  const r = lockRange(addr, length);
  if (typeof r === "number") return r;
  const [start, end] = r;
  return start === end ? 0 : st.modifyRange(start, end, (v) => v.flags & ~VM_LOCKED);
}
