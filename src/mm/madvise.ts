// madvise(2) (mm/madvise.c). Advice that changes VMA flags splits and merges
// areas; DONTNEED/FREE/REMOVE drop pages; POPULATE_* fault pages in; pure
// performance hints are accepted and do nothing. Unmapped parts of the range
// give -ENOMEM after the mapped parts were advised, as in Linux.

import { PAGE_SIZE } from "../cpu/layout.js";
import { EACCES, EFAULT, EINVAL, ENOMEM } from "../kernel/errno.js";
import {
  MADV_COLD,
  MADV_COLLAPSE,
  MADV_DODUMP,
  MADV_DOFORK,
  MADV_DONTDUMP,
  MADV_DONTFORK,
  MADV_DONTNEED,
  MADV_DONTNEED_LOCKED,
  MADV_FREE,
  MADV_HUGEPAGE,
  MADV_KEEPONFORK,
  MADV_MERGEABLE,
  MADV_NOHUGEPAGE,
  MADV_NORMAL,
  MADV_PAGEOUT,
  MADV_POPULATE_READ,
  MADV_POPULATE_WRITE,
  MADV_RANDOM,
  MADV_REMOVE,
  MADV_SEQUENTIAL,
  MADV_UNMERGEABLE,
  MADV_WILLNEED,
  MADV_WIPEONFORK,
} from "./mman.js";
import type { MmState } from "./mm-state.js";
import { R_ACCERR, R_BUS, resolve } from "./page-fault.js";
import {
  VM_DONTCOPY,
  VM_DONTDUMP,
  VM_HUGEPAGE,
  VM_LOCKED,
  VM_MAYWRITE,
  VM_NOHUGEPAGE,
  VM_RAND_READ,
  VM_SEQ_READ,
  VM_WIPEONFORK,
} from "./vm-flags.js";
import { pageAlignUp, TASK_SIZE } from "./vm-layout.js";
import type { Vma } from "./vma.js";

// Advice values Linux 6.12 knows (MADV_HWPOISON and MADV_SOFT_OFFLINE are
// left out: they would poison host-independent RAM; EINVAL as without
// CONFIG_MEMORY_FAILURE).
const VALID_ADVICE = new Set([0, 1, 2, 3, 4, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);

export function madvise(st: MmState, addr: number, length: number, advice: number): number {
  if (!VALID_ADVICE.has(advice)) return -EINVAL;
  if (!Number.isInteger(addr) || addr < 0 || addr % PAGE_SIZE !== 0) return -EINVAL;
  if (!Number.isInteger(length) || length < 0) return -EINVAL;
  const len = pageAlignUp(length);
  if (len === 0) return 0;
  const end = addr + len;
  if (advice === MADV_POPULATE_READ || advice === MADV_POPULATE_WRITE) {
    return madvisePopulate(st, addr, end, advice === MADV_POPULATE_WRITE);
  }
  const parts = st.mappedParts(addr, Math.min(end, TASK_SIZE));
  for (const [s, e] of parts.ranges) {
    const r = adviseRange(st, s, e, advice);
    if (r < 0) return r;
  }
  return parts.hole ? -ENOMEM : 0;
}

/** One advice over a range that is wholly mapped. */
function adviseRange(st: MmState, start: number, end: number, advice: number): number {
  switch (advice) {
    case MADV_DONTNEED:
    case MADV_DONTNEED_LOCKED:
    case MADV_FREE:
      return adviseDrop(st, start, end, advice);
    case MADV_REMOVE:
      return adviseRemove(st, start, end);
    case MADV_WILLNEED:
    case MADV_COLD:
    case MADV_PAGEOUT:
    case MADV_COLLAPSE:
    case MADV_MERGEABLE:
    case MADV_UNMERGEABLE:
      return 0; // hints with no effect on what a program can observe
    default:
      return st.modifyRange(start, end, (v) => adviceFlags(v, advice));
  }
}

// DONTNEED: private pages go (zero or file content on next touch); shared
// pages are only unmapped, their content stays in the object.
// FREE may do the same as DONTNEED; it is valid on private anonymous memory only.
function adviseDrop(st: MmState, start: number, end: number, advice: number): number {
  for (const [s] of st.mappedParts(start, end).ranges) {
    const v = st.vmaList.find(s);
    if (v === null) continue;
    if (advice === MADV_DONTNEED && v.flags & VM_LOCKED) return -EINVAL;
    if (advice === MADV_FREE && (v.file !== null || v.object !== null)) return -EINVAL;
  }
  st.zap(start, end);
  return 0;
}

function adviseRemove(st: MmState, start: number, end: number): number {
  for (const [s, e] of st.mappedParts(start, end).ranges) {
    const v = st.vmaList.find(s);
    if (v === null) continue;
    if (v.flags & VM_LOCKED) return -EINVAL;
    if (v.file === null && v.object === null) return -EINVAL;
    if (v.object === null || !(v.flags & VM_MAYWRITE)) return -EACCES;
    st.zap(s, e);
    v.object.punch(v.pgoff(s), v.pgoff(e - 1) + 1);
  }
  return 0;
}

function madvisePopulate(st: MmState, start: number, end: number, write: boolean): number {
  for (let va = start; va < end; va += PAGE_SIZE) {
    const v = st.vmaList.find(va);
    if (v === null) return -ENOMEM;
    const r = resolve(st, va, write ? "write" : "read", false);
    if (r === R_ACCERR) return -EINVAL;
    if (r === R_BUS) return -EFAULT;
    if (r < 0) return -ENOMEM;
  }
  return 0;
}

/** The VM_* flags madvise's flag-changing advice gives v, or -errno. */
function adviceFlags(v: Vma, advice: number): number {
  const f = v.flags;
  switch (advice) {
    case MADV_NORMAL:
      return f & ~(VM_SEQ_READ | VM_RAND_READ);
    case MADV_RANDOM:
      return (f & ~VM_SEQ_READ) | VM_RAND_READ;
    case MADV_SEQUENTIAL:
      return (f & ~VM_RAND_READ) | VM_SEQ_READ;
    case MADV_DONTFORK:
      return f | VM_DONTCOPY;
    case MADV_DOFORK:
      return f & ~VM_DONTCOPY;
    case MADV_WIPEONFORK:
      return v.file !== null || v.object !== null ? -EINVAL : f | VM_WIPEONFORK;
    case MADV_KEEPONFORK:
      return f & ~VM_WIPEONFORK;
    case MADV_DONTDUMP:
      return f | VM_DONTDUMP;
    case MADV_DODUMP:
      return f & ~VM_DONTDUMP;
    case MADV_HUGEPAGE:
      return (f & ~VM_NOHUGEPAGE) | VM_HUGEPAGE;
    case MADV_NOHUGEPAGE:
      return (f & ~VM_HUGEPAGE) | VM_NOHUGEPAGE;
    default:
      return -EINVAL;
  }
}
