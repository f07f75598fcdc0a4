// mincore(2) (mm/mincore.c) and msync(2) (mm/msync.c): mincore reports
// residency; msync validates with Linux's errors and writes the shared file
// pages of the range back to their files (see file-backing.ts).

import { PAGE_SIZE } from "../cpu/layout.js";
import { EBUSY, EINVAL, ENOMEM } from "../kernel/errno.js";
import type { MmState } from "./mm-state.js";
import { MS_ASYNC, MS_INVALIDATE, MS_SYNC } from "./mman.js";
import { VM_LOCKED } from "./vm-flags.js";
import { isUserNumber, pageAlignUp, TASK_SIZE } from "./vm-layout.js";

/** One byte per page of [addr, addr+length): 1 if resident. -EINVAL / -ENOMEM as Linux. */
export function mincore(st: MmState, addr: number, length: number): Uint8Array | number {
  if (!isUserNumber(addr) || addr % PAGE_SIZE !== 0) return -EINVAL;
  if (!Number.isInteger(length) || length < 0 || length > TASK_SIZE - addr) return -ENOMEM;
  const pages = pageAlignUp(length) / PAGE_SIZE;
  if (pages > 0x7ffff000) return -ENOMEM; // the vector would not fit a read
  const out = new Uint8Array(pages);
  for (let i = 0; i < pages; i++) {
    const va = addr + i * PAGE_SIZE;
    if (st.vmaList.find(va) === null) return -ENOMEM;
    const e = st.pt.get(va / PAGE_SIZE);
    out[i] = e !== 0 ? 1 : 0; // the zero page counts: Linux maps it too
  }
  return out;
}

export function msync(st: MmState, addr: number, length: number, flags: number): number {
  if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) return -EINVAL;
  if (!isUserNumber(addr) || addr % PAGE_SIZE !== 0) return -EINVAL;
  if (flags & MS_ASYNC && flags & MS_SYNC) return -EINVAL;
  if (!Number.isInteger(length) || length < 0) return -EINVAL;
  const end = addr + pageAlignUp(length);
  if (end === addr) return 0;
  if (end > TASK_SIZE) return -ENOMEM;
  const parts = st.mappedParts(addr, end);
  for (const [s] of parts.ranges) {
    const v = st.vmaList.find(s);
    if (v !== null && flags & MS_INVALIDATE && v.flags & VM_LOCKED) return -EBUSY;
  }
  for (const [s, e] of parts.ranges) {
    const v = st.vmaList.find(s);
    if (v?.object?.file) v.object.writeBackRange(v.pgoff(s) * PAGE_SIZE, e - s);
  }
  return parts.hole ? -ENOMEM : 0;
}
