// brk(2) (mm/mmap.c): the heap grows and shrinks above the end of bss.

import { PAGE_SIZE } from "../cpu/layout.js";
import type { MmState } from "./mm-state.js";
import { startGap } from "./unmapped-area.js";
import { VM_ACCOUNT, VM_MAY_FLAGS, VM_READ, VM_WRITE } from "./vm-flags.js";
import { pageAlignUp, TASK_SIZE } from "./vm-layout.js";
import { Vma } from "./vma.js";

/** The loader sets where the heap starts (end of bss). */
export function setBrkStart(st: MmState, addr: number): void {
  st.startBrk = pageAlignUp(addr);
  st.curBrk = st.startBrk;
}

/** brk(2): the new break, or the unchanged one when the request fails. */
export function brk(st: MmState, newBrk: number): number {
  if (st.startBrk === 0) return 0; // no program loaded: no heap
  if (!Number.isInteger(newBrk) || newBrk < st.startBrk || newBrk > TASK_SIZE) return st.curBrk;
  const newTop = pageAlignUp(newBrk);
  const oldTop = pageAlignUp(st.curBrk);
  if (newTop === oldTop) {
    st.curBrk = newBrk;
  } else if (newBrk < st.curBrk) {
    st.unmapRange(newTop, oldTop);
    st.curBrk = newBrk;
  } else {
    // Leave one page (and a stack's guard gap) before the next mapping.
    const next = st.vmaList.list[st.vmaList.indexAfter(oldTop)];
    if (next !== undefined && newTop + PAGE_SIZE > startGap(next)) return st.curBrk;
    const flags = VM_READ | VM_WRITE | VM_MAY_FLAGS | VM_ACCOUNT;
    st.mergeAround(st.insertVma(new Vma(oldTop, newTop, flags, null, oldTop, null, null)));
    st.curBrk = newBrk;
  }
  return st.curBrk;
}
