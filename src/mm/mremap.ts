// mremap(2) (mm/mremap.c): shrink, grow in place, or move a mapping with
// its pages (MREMAP_MAYMOVE, MREMAP_FIXED, MREMAP_DONTUNMAP).

import { PAGE_SIZE } from "../cpu/layout.js";
import { EFAULT, EINVAL, ENOMEM } from "../kernel/errno.js";
import { MREMAP_DONTUNMAP, MREMAP_FIXED, MREMAP_MAYMOVE } from "./mman.js";
import type { MmState } from "./mm-state.js";
import { getUnmappedArea } from "./unmapped-area.js";
import { VM_DONTEXPAND } from "./vm-flags.js";
import { pageAlignUp, TASK_SIZE } from "./vm-layout.js";
import { Vma } from "./vma.js";

/** mremap(2): the (possibly new) address, or -errno. */
export function mremap(st: MmState, oldAddr: number, oldLength: number, newLength: number, flags: number, newAddr: number): number {
  if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP)) return -EINVAL;
  if (flags & MREMAP_FIXED && !(flags & MREMAP_MAYMOVE)) return -EINVAL;
  if (flags & MREMAP_DONTUNMAP && (!(flags & MREMAP_MAYMOVE) || oldLength !== newLength)) return -EINVAL;
  if (![oldAddr, oldLength, newLength, newAddr].every((n) => Number.isInteger(n) && n >= 0)) return -EINVAL;
  if (oldAddr % PAGE_SIZE !== 0) return -EINVAL;
  const oldLen = pageAlignUp(oldLength);
  const newLen = pageAlignUp(newLength);
  if (newLen === 0 || newLen > TASK_SIZE) return -EINVAL;
  if (st.vmaList.find(oldAddr) === null) return -EFAULT;
  if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) return mremapTo(st, oldAddr, oldLen, newAddr, newLen, flags);
  if (oldLen >= newLen) {
    if (oldLen > newLen) st.unmapRange(oldAddr + newLen, Math.min(oldAddr + oldLen, TASK_SIZE));
    return oldAddr;
  }
  const v = vmaToResize(st, oldAddr, oldLen, newLen, flags);
  if (typeof v === "number") return v;
  if (oldLen === v.end - oldAddr && expandable(st, v, newLen - oldLen)) {
    setVmaEnd(st, v, v.end + newLen - oldLen);
    return oldAddr;
  }
  if (!(flags & MREMAP_MAYMOVE)) return -ENOMEM;
  const to = getUnmappedArea(st, 0, newLen, false, v.file !== null || v.isShared);
  if (to < 0) return to;
  return moveVma(st, v, oldAddr, oldLen, to, newLen, false);
}

function mremapTo(st: MmState, addr: number, oldLen: number, newAddr: number, newLen: number, flags: number): number {
  if (newAddr % PAGE_SIZE !== 0) return -EINVAL;
  if (newLen > TASK_SIZE || newAddr > TASK_SIZE - newLen) return -EINVAL;
  if (addr + oldLen > newAddr && newAddr + newLen > addr) return -EINVAL;
  const fixed = (flags & MREMAP_FIXED) !== 0;
  if (fixed) st.unmapRange(newAddr, newAddr + newLen);
  if (oldLen > newLen) {
    st.unmapRange(addr + newLen, addr + oldLen);
    oldLen = newLen;
  }
  const v = vmaToResize(st, addr, oldLen, newLen, flags);
  if (typeof v === "number") return v;
  const to = getUnmappedArea(st, newAddr, newLen, fixed, v.file !== null || v.isShared);
  if (to < 0) return to;
  return moveVma(st, v, addr, oldLen, to, newLen, (flags & MREMAP_DONTUNMAP) !== 0);
}

/** mm/mremap.c vma_to_resize: the VMA at addr, or -errno. */
function vmaToResize(st: MmState, addr: number, oldLen: number, newLen: number, flags: number): Vma | number {
  const v = st.vmaList.find(addr);
  if (v === null) return -EFAULT;
  if (oldLen === 0 && !v.isShared) return -EINVAL;
  if (flags & MREMAP_DONTUNMAP && v.flags & VM_DONTEXPAND) return -EINVAL;
  if (oldLen > v.end - addr) return -EFAULT;
  if (newLen === oldLen) return v;
  if (v.flags & VM_DONTEXPAND) return -EFAULT;
  return v;
}

function expandable(st: MmState, v: Vma, delta: number): boolean {
  const next = st.vmaList.list[st.vmaList.indexAfter(v.end)];
  const end = v.end + delta;
  return end <= TASK_SIZE && (next === undefined || next.start >= end);
}

function setVmaEnd(st: MmState, v: Vma, end: number): void {
  st.counters.vma(v.flags, v.pages, -1);
  v.end = end;
  st.counters.vma(v.flags, v.pages, 1);
  st.mergeAround(st.vmaList.indexAfter(v.start));
}

/**
 * move_vma: [addr, addr+oldLen) of v moves to [to, to+newLen) (which is
 * free), taking its pages along. With dontUnmap the old range stays mapped
 * but empty; with oldLen 0 (shared only) the mapping is duplicated.
 */
function moveVma(st: MmState, v: Vma, addr: number, oldLen: number, to: number, newLen: number, dontUnmap: boolean): number {
  const moved = new Vma(to, to + newLen, v.flags, v.file, v.offset + (addr - v.start), v.object, v.name);
  if (oldLen > 0) {
    const shift = (to - addr) / PAGE_SIZE;
    st.pt.forEach(addr / PAGE_SIZE, (addr + oldLen) / PAGE_SIZE, (vpn, e) => {
      st.pt.set(vpn + shift, e); // before clear, so a shared leaf is not freed and remade
      st.pt.clear(vpn);
    });
    st.counters.setPageTables(st.pt.leafCount);
    st.flushTlbs(addr, addr + oldLen);
  }
  // Not mapRegion, which would zap the pages just moved in; and before the
  // unmap, so that a shared object never drops to zero references.
  st.insertRegion(moved);
  if (oldLen > 0 && !dontUnmap) st.unmapRange(addr, addr + oldLen);
  return to;
}
