// mprotect(2) (mm/mprotect.c): new rights over a range, splitting and
// merging VMAs; changes before a hole stay applied, as in Linux.

import { PAGE_SIZE } from "../cpu/layout.js";
import { EACCES, EINVAL, ENOMEM } from "../kernel/errno.js";
import { PROT_EXEC, PROT_GROWSDOWN, PROT_GROWSUP, PROT_READ, PROT_SEM, PROT_WRITE } from "./mman.js";
import type { MmState } from "./mm-state.js";
import { protToVm, VM_ACCESS_FLAGS, VM_ACCOUNT, VM_GROWSDOWN, VM_NORESERVE, VM_SHARED, VM_WRITE } from "./vm-flags.js";
import { pageAlignUp, TASK_SIZE } from "./vm-layout.js";
import type { Vma } from "./vma.js";

/** mprotect(2): 0 or -errno (EINVAL, ENOMEM for a hole, EACCES beyond VM_MAY* rights). */
export function mprotect(st: MmState, addr: number, length: number, prot: number): number {
  const grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);
  if (grows === (PROT_GROWSDOWN | PROT_GROWSUP)) return -EINVAL;
  if (!Number.isInteger(addr) || addr < 0 || addr % PAGE_SIZE !== 0) return -EINVAL;
  if (!Number.isInteger(length) || length < 0) return -EINVAL;
  if (length === 0) return 0;
  const end = addr + pageAlignUp(length);
  if (end > TASK_SIZE) return -ENOMEM;
  prot &= ~grows;
  if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM)) return -EINVAL;
  let start = addr;
  const first = st.vmaList.list[st.vmaList.indexAfter(start)];
  if (first === undefined) return -ENOMEM;
  if (grows & PROT_GROWSDOWN) {
    if (first.start >= end) return -ENOMEM;
    start = first.start;
    if (!(first.flags & VM_GROWSDOWN)) return -EINVAL;
  } else if (grows) {
    return -EINVAL; // riscv has no growsup areas
  } else if (first.start > start) {
    return -ENOMEM;
  }
  const newProt = protToVm(prot);
  return st.modifyRange(start, end, (v) => mprotectFlags(v, newProt));
}

// mprotect_fixup: the new flags, VM_ACCOUNT when private memory first becomes writable.
function mprotectFlags(v: Vma, prot: number): number {
  let nf = (v.flags & ~VM_ACCESS_FLAGS) | prot;
  // Each VM_MAY* bit sits four above its right: asking for a right not allowed.
  if ((nf & ~(nf >> 4)) & VM_ACCESS_FLAGS) return -EACCES;
  if (nf & VM_WRITE && !(v.flags & (VM_ACCOUNT | VM_WRITE | VM_SHARED | VM_NORESERVE))) nf |= VM_ACCOUNT;
  return nf;
}
