// fork() and teardown of an address space.

import { PAGE_SIZE } from "../cpu/layout.js";
import { MmState } from "./mm-state.js";
import { entryFrame, entryKind, KIND_ZERO } from "./page-table.js";
import { VM_DONTCOPY, VM_WIPEONFORK } from "./vm-flags.js";

/**
 * A copy-on-write duplicate, as fork() makes it: private pages are shared
 * with an extra reference and copied on the first write by either side;
 * MAP_SHARED pages stay shared; MADV_DONTFORK areas are left out and
 * MADV_WIPEONFORK areas come without their pages.
 */
export function forkState(st: MmState): MmState {
  const child = new MmState(st.frames, st.options);
  child.startBrk = st.startBrk;
  child.curBrk = st.curBrk;
  child.startStack = st.startStack;
  child.stackLimit = st.stackLimit;
  for (const v of st.vmaList.list) {
    if (v.flags & VM_DONTCOPY) continue;
    child.vmaList.list.push(v.copy());
    child.counters.vma(v.flags, v.pages, 1);
    if (v.flags & VM_WIPEONFORK) continue;
    st.pt.forEach(v.start / PAGE_SIZE, v.end / PAGE_SIZE, (vpn, e) => {
      if (entryKind(e) !== KIND_ZERO) st.frames.ref(entryFrame(e));
      child.mapPage(vpn, e);
    });
  }
  // Private pages are now shared: the parent must fault before writing them.
  st.flushAllTlbs();
  return child;
}

/** Releases every page and area (exit, exec). The space stays usable, empty. */
export function destroyState(st: MmState): void {
  const list = st.vmaList.list;
  for (const v of list) st.zap(v.start, v.end);
  while (list.length > 0) st.removeVmaAt(list.length - 1);
  st.flushAllTlbs();
}
