// A process address space: the sorted VMA list, the sparse page table, the
// counters, and Linux's mmap/munmap/mprotect/mremap/madvise/brk semantics
// (mm/mmap.c, mm/vma.c, mm/mprotect.c, mm/mremap.c, mm/madvise.c) on top.
//
// Page faults (handleFault), kernel access to user memory and fork() are in
// the same class because they share its invariants: every present page holds
// one frame reference (except the zero frame), every VMA holds one reference
// on its SharedObject, and every change that could leave a stale translation
// flushes the attached TLBs.

import { PAGE_SIZE } from "../cpu/layout.js";
import { EACCES, EBADF, EEXIST, EFAULT, EINVAL, ENAMETOOLONG, ENOMEM, EOPNOTSUPP, EOVERFLOW, EPERM } from "../kernel/errno.js";
import { SIGBUS, SIGKILL, SIGSEGV } from "../kernel/signal-numbers.js";
import { MmCounters, type MmStats } from "./accounting.js";
import { BUS_ADRERR, SEGV_ACCERR, SEGV_MAPERR } from "./fault-codes.js";
import type { Access, FaultResult } from "./fault-result.js";
import type { FileBacking } from "./file-backing.js";
import type { FrameAllocator } from "./frames.js";
import {
  LEGACY_MAP_MASK,
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
  MAP_ANONYMOUS,
  MAP_DROPPABLE,
  MAP_FIXED,
  MAP_FIXED_NOREPLACE,
  MAP_GROWSDOWN,
  MAP_HUGETLB,
  MAP_LOCKED,
  MAP_NONBLOCK,
  MAP_NORESERVE,
  MAP_POPULATE,
  MAP_PRIVATE,
  MAP_SHARED,
  MAP_SHARED_VALIDATE,
  MAP_STACK,
  MAP_TYPE,
  MREMAP_DONTUNMAP,
  MREMAP_FIXED,
  MREMAP_MAYMOVE,
  PROT_EXEC,
  PROT_GROWSDOWN,
  PROT_GROWSUP,
  PROT_READ,
  PROT_SEM,
  PROT_WRITE,
} from "./mman.js";
import {
  entryFrame,
  entryKind,
  KIND_ANON,
  KIND_FILE,
  KIND_SHMEM,
  KIND_ZERO,
  makeEntry,
  PageTable,
} from "./page-table.js";
import { SharedObject } from "./shared-object.js";
import type { Tlb } from "./tlb.js";
import { findBottomUp, findTopDown, rangeFree, startGap } from "./unmapped-area.js";
import {
  protToVm,
  VM_ACCESS_FLAGS,
  VM_ACCOUNT,
  VM_DONTCOPY,
  VM_DONTDUMP,
  VM_DONTEXPAND,
  VM_EXEC,
  VM_GROWSDOWN,
  VM_HUGEPAGE,
  VM_LOCKED,
  VM_MAY_FLAGS,
  VM_MAYSHARE,
  VM_MAYWRITE,
  VM_NOHUGEPAGE,
  VM_NORESERVE,
  VM_RAND_READ,
  VM_READ,
  VM_SEQ_READ,
  VM_SHARED,
  VM_WIPEONFORK,
  VM_WRITE,
} from "./vm-flags.js";
import {
  DEFAULT_MAX_MAP_COUNT,
  DEFAULT_MMAP_BASE,
  DEFAULT_STACK_LIMIT,
  isUserNumber,
  MMAP_MIN_ADDR,
  pageAlignDown,
  pageAlignUp,
  PMD_SIZE,
  STACK_GUARD_GAP,
  TASK_SIZE,
  TASK_UNMAPPED_BASE,
} from "./vm-layout.js";
import { Vma, VmaList } from "./vma.js";

export interface AddressSpaceOptions {
  /** Top of the top-down mmap area (mm->mmap_base). */
  mmapBase?: number;
  /** RLIMIT_STACK: how far a growsdown VMA may grow, in bytes. */
  stackLimit?: number;
  /** vm.max_map_count. */
  maxMapCount?: number;
  /** Align anonymous mappings of a multiple of 2 MiB to 2 MiB, as Linux 6.7+ with THP. */
  thpAlign?: boolean;
}

/** One line of /proc/PID/maps, unformatted. */
export interface VmaInfo {
  start: number;
  end: number;
  /** VM_* flags: low three bits are r/w/x; VM_MAYSHARE means 's'. */
  flags: number;
  shared: boolean;
  /** File offset of start (0 for private anonymous memory). */
  offset: number;
  dev: number;
  ino: number;
  /** The path column: a file path, [heap], [stack], [vdso], "/dev/zero (deleted)" or "". */
  name: string;
}

// Internal results of resolving a page; negative, so never a valid entry.
const R_MAPERR = -1;
const R_ACCERR = -2;
const R_BUS = -3;
const R_OOM = -4;

// dev 00:01, the shmem mount Linux shows for shared anonymous memory.
const SHMEM_DEV = 1;

const VALID_ADVICE = new Set([0, 1, 2, 3, 4, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);

export class AddressSpace {
  readonly frames: FrameAllocator;
  readonly counters = new MmCounters();
  /** mm->start_stack: the VMA containing it is shown as [stack]. */
  startStack = 0;
  stackLimit: number;
  private readonly vmaList = new VmaList();
  private readonly pt = new PageTable();
  private readonly tlbs = new Set<Tlb>();
  private readonly options: Required<AddressSpaceOptions>;
  private startBrk = 0;
  private curBrk = 0;
  private lastMajor = false;

  constructor(frames: FrameAllocator, options: AddressSpaceOptions = {}) {
    this.frames = frames;
    this.options = {
      mmapBase: options.mmapBase ?? DEFAULT_MMAP_BASE,
      stackLimit: options.stackLimit ?? DEFAULT_STACK_LIMIT,
      maxMapCount: options.maxMapCount ?? DEFAULT_MAX_MAP_COUNT,
      thpAlign: options.thpAlign ?? true,
    };
    this.stackLimit = this.options.stackLimit;
  }

  // ---- TLBs --------------------------------------------------------------

  /** The address space now runs on this hart; its TLB must be kept coherent. */
  attachTlb(tlb: Tlb): void {
    this.tlbs.add(tlb);
  }

  /** The hart switches away. The caller flushes the TLB before reuse. */
  detachTlb(tlb: Tlb): void {
    this.tlbs.delete(tlb);
  }

  private flushTlbs(start: number, end: number): void {
    for (const t of this.tlbs) t.flushRange(start, end);
  }

  private flushAllTlbs(): void {
    for (const t of this.tlbs) t.flushAll();
  }

  // ---- Inspection --------------------------------------------------------

  get mapCount(): number {
    return this.vmaList.count;
  }

  get brkStart(): number {
    return this.startBrk;
  }

  get brkCurrent(): number {
    return this.curBrk;
  }

  stats(): MmStats {
    return this.counters.snapshot();
  }

  /** The areas in address order, named as /proc/PID/maps names them. */
  *vmas(): IterableIterator<VmaInfo> {
    for (const v of this.vmaList.list) yield this.describe(v);
  }

  private describe(v: Vma): VmaInfo {
    const info: VmaInfo = { start: v.start, end: v.end, flags: v.flags, shared: v.isShared, offset: 0, dev: 0, ino: 0, name: "" };
    if (v.file !== null) {
      Object.assign(info, { offset: v.offset, dev: v.file.dev, ino: v.file.ino, name: v.file.path });
    } else if (v.object !== null) {
      Object.assign(info, { offset: v.offset, dev: SHMEM_DEV, ino: v.object.id, name: "/dev/zero (deleted)" });
    } else if (v.name !== null) {
      info.name = v.name;
    } else if (v.start <= this.curBrk && v.end >= this.startBrk) {
      info.name = "[heap]"; // fs/proc/task_mmu.c: the VMA overlapping the brk area
    } else if (v.start <= this.startStack && v.end >= this.startStack) {
      info.name = "[stack]";
    }
    return info;
  }

  // ---- VMA bookkeeping ---------------------------------------------------

  private insertVma(v: Vma): number {
    const i = this.vmaList.insert(v);
    this.counters.vma(v.flags, v.pages, 1);
    return i;
  }

  /** Removes list[i] (its pages must already be zapped). */
  private removeVmaAt(i: number): void {
    const v = this.vmaList.removeAt(i);
    this.counters.vma(v.flags, v.pages, -1);
    v.object?.put();
  }

  private setVmaFlags(v: Vma, flags: number): void {
    this.counters.vma(v.flags, v.pages, -1);
    v.flags = flags;
    this.counters.vma(v.flags, v.pages, 1);
  }

  /** Merges list[i] with compatible neighbours; returns the index of the result. */
  private mergeAround(i: number): number {
    const list = this.vmaList.list;
    const v = list[i];
    const next = list[i + 1];
    if (next !== undefined && v.canMergeWith(next)) {
      v.end = next.end;
      this.vmaList.removeAt(i + 1);
      next.object?.put();
    }
    const prev = list[i - 1];
    if (prev !== undefined && prev.canMergeWith(v)) {
      prev.end = v.end;
      this.vmaList.removeAt(i);
      v.object?.put();
      return i - 1;
    }
    return i;
  }

  /** Splits so that no VMA straddles start or end; returns the first index inside. */
  private splitAround(start: number, end: number): number {
    let i = this.vmaList.indexAfter(start);
    const list = this.vmaList.list;
    if (i < list.length && list[i].start < start) i = this.vmaList.splitAt(i, start);
    const j = this.vmaList.indexAfter(end - 1);
    if (j < list.length && list[j].start < end && list[j].end > end) this.vmaList.splitAt(j, end);
    return i;
  }

  /** munmap's core: removes every VMA and page in [start, end). */
  private unmapRange(start: number, end: number): void {
    let i = this.splitAround(start, end);
    const list = this.vmaList.list;
    this.zap(start, end);
    while (i < list.length && list[i].start < end) this.removeVmaAt(i);
  }

  /** Would unmapping [start, end) split a VMA in two beyond the map limit? */
  private splitWouldOverflow(start: number, end: number): boolean {
    const v = this.vmaList.find(start);
    return v !== null && v.start < start && v.end > end && this.vmaList.count >= this.options.maxMapCount;
  }

  // ---- Pages -------------------------------------------------------------

  private mapPage(vpn: number, entry: number): void {
    const old = this.pt.set(vpn, entry);
    if (old !== 0) this.releaseEntry(old);
    this.counters.page(entryKind(entry), 1);
    this.counters.setPageTables(this.pt.leafCount);
  }

  private releaseEntry(entry: number): void {
    const kind = entryKind(entry);
    this.counters.page(kind, -1);
    if (kind !== KIND_ZERO) this.frames.unref(entryFrame(entry));
  }

  /** Drops every present page in [start, end) and flushes the TLBs. */
  private zap(start: number, end: number): void {
    this.pt.forEach(start / PAGE_SIZE, end / PAGE_SIZE, (vpn, e) => {
      this.pt.clear(vpn);
      this.releaseEntry(e);
    });
    this.counters.setPageTables(this.pt.leafCount);
    this.flushTlbs(start, end);
  }

  // ---- mmap --------------------------------------------------------------

  /** mmap(2): the mapped address, or -errno. fd handling is the caller's. */
  mmap(addr: number, length: number, prot: number, flags: number, file: FileBacking | null, offset: number): number {
    if (!Number.isInteger(addr) || addr < 0 || !Number.isInteger(length) || length < 0) return -EINVAL;
    if (!Number.isInteger(offset) || offset < 0 || offset % PAGE_SIZE !== 0) return -EINVAL;
    if (prot & PROT_WRITE) prot |= PROT_READ; // riscv: no write-only pages
    if (length === 0) return -EINVAL;
    if (flags & MAP_ANONYMOUS) file = null;
    else if (file === null) return -EBADF;
    const fixed = (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) !== 0;
    if (!fixed) addr = this.roundHintToMin(addr);
    const len = pageAlignUp(length);
    if (len > TASK_SIZE) return -ENOMEM;
    if (offset / PAGE_SIZE + len / PAGE_SIZE > 2 ** 52) return -EOVERFLOW;
    if (this.vmaList.count > this.options.maxMapCount) return -ENOMEM;
    if (file === null && flags & MAP_HUGETLB) return -ENOMEM; // no huge pages reserved
    const vmFlags = this.mmapVmFlags(prot, flags, file);
    if (vmFlags < 0) return vmFlags;
    const shared = (vmFlags & VM_MAYSHARE) !== 0;
    const start = this.getUnmappedArea(addr, len, fixed, file !== null || shared);
    if (start < 0) return start;
    if (flags & MAP_FIXED_NOREPLACE && this.vmaList.intersects(start, start + len)) return -EEXIST;
    if (this.splitWouldOverflow(start, start + len)) return -ENOMEM;
    const object = shared ? new SharedObject(this.frames, file) : null;
    const pgOffset = file !== null ? offset : shared ? 0 : start;
    this.mapRegion(new Vma(start, start + len, vmFlags, file, pgOffset, object, null));
    if ((flags & (MAP_POPULATE | MAP_NONBLOCK)) === MAP_POPULATE) this.populate(start, start + len);
    return start;
  }

  /** Maps a kernel-provided area (e.g. [vdso]) holding `content`; never merges. */
  mapSpecial(addr: number, content: Uint8Array, prot: number, name: string): number {
    const len = pageAlignUp(Math.max(content.length, 1));
    const start = this.getUnmappedArea(addr, len, false, true);
    if (start < 0) return start;
    const flags = protToVm(prot) | VM_MAY_FLAGS | VM_DONTEXPAND;
    this.mapRegion(new Vma(start, start + len, flags, null, start, null, name));
    const r = this.writeForce(start, content);
    return r < 0 ? r : start;
  }

  private roundHintToMin(addr: number): number {
    const a = pageAlignDown(Math.min(addr, TASK_SIZE));
    return a !== 0 && a < MMAP_MIN_ADDR ? pageAlignUp(MMAP_MIN_ADDR) : a;
  }

  /** do_mmap's flag checks and the VM_* flags of the new area, or -errno. */
  private mmapVmFlags(prot: number, flags: number, file: FileBacking | null): number {
    let vm = protToVm(prot) | VM_MAY_FLAGS;
    if (flags & MAP_GROWSDOWN) vm |= VM_GROWSDOWN;
    if (flags & MAP_LOCKED) vm |= VM_LOCKED;
    if (flags & MAP_STACK) vm |= VM_NOHUGEPAGE; // Linux 6.7+
    if (flags & MAP_NORESERVE) vm |= VM_NORESERVE;
    const type = flags & MAP_TYPE;
    if (file !== null) {
      if (type === MAP_SHARED_VALIDATE && flags & ~LEGACY_MAP_MASK) return -EOPNOTSUPP;
      if (type === MAP_SHARED || type === MAP_SHARED_VALIDATE) {
        if (prot & PROT_WRITE && !file.writable) return -EACCES;
        vm |= VM_SHARED | VM_MAYSHARE;
        if (!file.writable) vm &= ~(VM_MAYWRITE | VM_SHARED);
      } else if (type !== MAP_PRIVATE) return -EINVAL;
      if (vm & VM_GROWSDOWN) return -EINVAL;
    } else if (type === MAP_SHARED) {
      if (vm & VM_GROWSDOWN) return -EINVAL;
      vm |= VM_SHARED | VM_MAYSHARE;
    } else if (type === MAP_DROPPABLE) {
      // 6.11+: pages the kernel may drop; never locked, stacks or copied.
      if (flags & (MAP_LOCKED | MAP_HUGETLB) || vm & VM_GROWSDOWN) return -EINVAL;
      vm |= VM_NORESERVE | VM_WIPEONFORK | VM_DONTDUMP;
    } else if (type !== MAP_PRIVATE) return -EINVAL;
    // mm/mmap.c accountable_mapping: private writable memory is committed.
    if ((vm & (VM_NORESERVE | VM_SHARED | VM_WRITE)) === VM_WRITE) vm |= VM_ACCOUNT;
    return vm;
  }

  /**
   * get_unmapped_area: the start for [addr, addr+len), or -errno. A fixed
   * address is only checked; a hint is taken when free; otherwise the highest
   * gap below mmap_base, then the lowest above TASK_UNMAPPED_BASE.
   */
  private getUnmappedArea(addr: number, len: number, fixed: boolean, fileOrShared: boolean): number {
    if (len > TASK_SIZE - MMAP_MIN_ADDR) return -ENOMEM;
    if (fixed) {
      if (addr > TASK_SIZE - len) return -ENOMEM;
      if (addr % PAGE_SIZE !== 0) return -EINVAL;
      return addr < MMAP_MIN_ADDR ? -EPERM : addr;
    }
    const list = this.vmaList.list;
    if (addr !== 0) {
      const a = pageAlignUp(addr);
      if (TASK_SIZE - len >= a && a >= MMAP_MIN_ADDR && rangeFree(list, this.vmaList.indexAfter(a), a, len)) return a;
    }
    // Linux 6.7+: large anonymous mappings start on a PMD boundary (THP).
    const thp = this.options.thpAlign && !fileOrShared && addr === 0 && len % PMD_SIZE === 0;
    const want = thp ? len + PMD_SIZE : len;
    let start = findTopDown(list, want, Math.max(PAGE_SIZE, MMAP_MIN_ADDR), this.options.mmapBase);
    if (start < 0) start = findBottomUp(list, want, TASK_UNMAPPED_BASE, TASK_SIZE);
    if (start < 0) return -ENOMEM;
    if (!thp) return start;
    const misalign = (PMD_SIZE - (start % PMD_SIZE)) % PMD_SIZE;
    return misalign === 0 ? start + PMD_SIZE : start + misalign;
  }

  /** mmap_region: replaces whatever is in v's range with v, merging if possible. */
  private mapRegion(v: Vma): void {
    this.unmapRange(v.start, v.end);
    this.insertRegion(v);
  }

  /** Inserts v into a free range, merging if possible. */
  private insertRegion(v: Vma): void {
    v.object?.get();
    this.mergeAround(this.insertVma(v));
  }

  /** MAP_POPULATE: faults pages in as a write when private-writable; stops at the first failure. */
  private populate(start: number, end: number): void {
    for (let va = start; va < end; va += PAGE_SIZE) {
      const v = this.vmaList.find(va);
      if (v === null || (v.flags & VM_ACCESS_FLAGS) === 0) return;
      const write = (v.flags & (VM_WRITE | VM_SHARED)) === VM_WRITE;
      if (this.resolve(va, write ? "write" : "read", false) < 0) return;
    }
  }

  // ---- munmap / mprotect ---------------------------------------------------

  munmap(addr: number, length: number): number {
    if (!Number.isInteger(addr) || !Number.isInteger(length) || addr < 0 || length < 0) return -EINVAL;
    if (addr % PAGE_SIZE !== 0 || addr > TASK_SIZE || length > TASK_SIZE - addr) return -EINVAL;
    const len = pageAlignUp(length);
    if (len === 0) return -EINVAL;
    const end = Math.min(addr + len, TASK_SIZE);
    if (this.splitWouldOverflow(addr, end)) return -ENOMEM;
    this.unmapRange(addr, end);
    return 0;
  }

  mprotect(addr: number, length: number, prot: number): number {
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
    const first = this.vmaList.list[this.vmaList.indexAfter(start)];
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
    return this.modifyRange(start, end, (v) => this.mprotectFlags(v, newProt));
  }

  private mprotectFlags(v: Vma, prot: number): number {
    let nf = (v.flags & ~VM_ACCESS_FLAGS) | prot;
    // Each VM_MAY* bit sits four above its right: asking for a right not allowed.
    if ((nf & ~(nf >> 4)) & VM_ACCESS_FLAGS) return -EACCES;
    if (nf & VM_WRITE && !(v.flags & (VM_ACCOUNT | VM_WRITE | VM_SHARED | VM_NORESERVE))) nf |= VM_ACCOUNT;
    return nf;
  }

  /**
   * Gives every VMA in [start, end) the flags fn returns, splitting and
   * merging as Linux does. Stops with fn's error or -ENOMEM at a hole,
   * leaving the part before it changed (as Linux's mprotect does).
   */
  private modifyRange(start: number, end: number, fn: (v: Vma) => number): number {
    const list = this.vmaList.list;
    let i = this.vmaList.indexAfter(start);
    let cursor = start;
    while (cursor < end) {
      const v = list[i];
      if (v === undefined || v.start > cursor) return -ENOMEM;
      const nf = fn(v);
      if (nf < 0) return nf;
      if (nf !== v.flags) {
        if (v.start < cursor) i = this.vmaList.splitAt(i, cursor);
        const w = list[i];
        if (w.end > end) this.vmaList.splitAt(i, end);
        this.setVmaFlags(w, nf);
        this.flushTlbs(w.start, w.end);
        i = this.mergeAround(i);
      }
      cursor = list[i].end;
      i++;
    }
    return 0;
  }

  // ---- mremap --------------------------------------------------------------

  mremap(oldAddr: number, oldLength: number, newLength: number, flags: number, newAddr: number): number {
    if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP)) return -EINVAL;
    if (flags & MREMAP_FIXED && !(flags & MREMAP_MAYMOVE)) return -EINVAL;
    if (flags & MREMAP_DONTUNMAP && (!(flags & MREMAP_MAYMOVE) || oldLength !== newLength)) return -EINVAL;
    if (![oldAddr, oldLength, newLength, newAddr].every((n) => Number.isInteger(n) && n >= 0)) return -EINVAL;
    if (oldAddr % PAGE_SIZE !== 0) return -EINVAL;
    const oldLen = pageAlignUp(oldLength);
    const newLen = pageAlignUp(newLength);
    if (newLen === 0 || newLen > TASK_SIZE) return -EINVAL;
    if (this.vmaList.find(oldAddr) === null) return -EFAULT;
    if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) return this.mremapTo(oldAddr, oldLen, newAddr, newLen, flags);
    if (oldLen >= newLen) {
      if (oldLen > newLen) this.unmapRange(oldAddr + newLen, Math.min(oldAddr + oldLen, TASK_SIZE));
      return oldAddr;
    }
    const v = this.vmaToResize(oldAddr, oldLen, newLen, flags);
    if (typeof v === "number") return v;
    if (oldLen === v.end - oldAddr && this.expandable(v, newLen - oldLen)) {
      this.setVmaEnd(v, v.end + newLen - oldLen);
      return oldAddr;
    }
    if (!(flags & MREMAP_MAYMOVE)) return -ENOMEM;
    const to = this.getUnmappedArea(0, newLen, false, v.file !== null || v.isShared);
    if (to < 0) return to;
    return this.moveVma(v, oldAddr, oldLen, to, newLen, false);
  }

  private mremapTo(addr: number, oldLen: number, newAddr: number, newLen: number, flags: number): number {
    if (newAddr % PAGE_SIZE !== 0) return -EINVAL;
    if (newLen > TASK_SIZE || newAddr > TASK_SIZE - newLen) return -EINVAL;
    if (addr + oldLen > newAddr && newAddr + newLen > addr) return -EINVAL;
    const fixed = (flags & MREMAP_FIXED) !== 0;
    if (fixed) this.unmapRange(newAddr, newAddr + newLen);
    if (oldLen > newLen) {
      this.unmapRange(addr + newLen, addr + oldLen);
      oldLen = newLen;
    }
    const v = this.vmaToResize(addr, oldLen, newLen, flags);
    if (typeof v === "number") return v;
    const to = this.getUnmappedArea(newAddr, newLen, fixed, v.file !== null || v.isShared);
    if (to < 0) return to;
    return this.moveVma(v, addr, oldLen, to, newLen, (flags & MREMAP_DONTUNMAP) !== 0);
  }

  /** mm/mremap.c vma_to_resize: the VMA at addr, or -errno. */
  private vmaToResize(addr: number, oldLen: number, newLen: number, flags: number): Vma | number {
    const v = this.vmaList.find(addr);
    if (v === null) return -EFAULT;
    if (oldLen === 0 && !v.isShared) return -EINVAL;
    if (flags & MREMAP_DONTUNMAP && v.flags & VM_DONTEXPAND) return -EINVAL;
    if (oldLen > v.end - addr) return -EFAULT;
    if (newLen === oldLen) return v;
    if (v.flags & VM_DONTEXPAND) return -EFAULT;
    return v;
  }

  private expandable(v: Vma, delta: number): boolean {
    const next = this.vmaList.list[this.vmaList.indexAfter(v.end)];
    const end = v.end + delta;
    return end <= TASK_SIZE && (next === undefined || next.start >= end);
  }

  private setVmaEnd(v: Vma, end: number): void {
    this.counters.vma(v.flags, v.pages, -1);
    v.end = end;
    this.counters.vma(v.flags, v.pages, 1);
    this.mergeAround(this.vmaList.indexAfter(v.start));
  }

  /**
   * move_vma: [addr, addr+oldLen) of v moves to [to, to+newLen) (which is
   * free), taking its pages along. With dontUnmap the old range stays mapped
   * but empty; with oldLen 0 (shared only) the mapping is duplicated.
   */
  private moveVma(v: Vma, addr: number, oldLen: number, to: number, newLen: number, dontUnmap: boolean): number {
    const moved = new Vma(to, to + newLen, v.flags, v.file, v.offset + (addr - v.start), v.object, v.name);
    if (oldLen > 0) {
      const shift = (to - addr) / PAGE_SIZE;
      this.pt.forEach(addr / PAGE_SIZE, (addr + oldLen) / PAGE_SIZE, (vpn, e) => {
        this.pt.set(vpn + shift, e); // before clear, so a shared leaf is not freed and remade
        this.pt.clear(vpn);
      });
      this.counters.setPageTables(this.pt.leafCount);
      this.flushTlbs(addr, addr + oldLen);
    }
    // Not mapRegion, which would zap the pages just moved in; and before the
    // unmap, so that a shared object never drops to zero references.
    this.insertRegion(moved);
    if (oldLen > 0 && !dontUnmap) this.unmapRange(addr, addr + oldLen);
    return to;
  }

  // ---- madvise -------------------------------------------------------------

  madvise(addr: number, length: number, advice: number): number {
    if (!VALID_ADVICE.has(advice)) return -EINVAL;
    if (!Number.isInteger(addr) || addr < 0 || addr % PAGE_SIZE !== 0) return -EINVAL;
    if (!Number.isInteger(length) || length < 0) return -EINVAL;
    const len = pageAlignUp(length);
    if (len === 0) return 0;
    const end = addr + len;
    if (advice === MADV_POPULATE_READ || advice === MADV_POPULATE_WRITE) {
      return this.madvisePopulate(addr, end, advice === MADV_POPULATE_WRITE);
    }
    const parts = this.mappedParts(addr, Math.min(end, TASK_SIZE));
    for (const [s, e] of parts.ranges) {
      const r = this.adviseRange(s, e, advice);
      if (r < 0) return r;
    }
    return parts.hole ? -ENOMEM : 0;
  }

  /** The mapped sub-ranges of [start, end) and whether a hole was seen. */
  private mappedParts(start: number, end: number): { ranges: [number, number][]; hole: boolean } {
    const ranges: [number, number][] = [];
    let cursor = start;
    let hole = false;
    for (let i = this.vmaList.indexAfter(start); cursor < end; i++) {
      const v = this.vmaList.list[i];
      if (v === undefined || v.start >= end) break;
      if (v.start > cursor) hole = true;
      const s = Math.max(v.start, cursor);
      cursor = Math.min(v.end, end);
      ranges.push([s, cursor]);
    }
    return { ranges, hole: hole || cursor < end };
  }

  /** One advice over a range that is wholly mapped. */
  private adviseRange(start: number, end: number, advice: number): number {
    switch (advice) {
      case MADV_DONTNEED:
      case MADV_DONTNEED_LOCKED:
      case MADV_FREE:
        return this.adviseDrop(start, end, advice);
      case MADV_REMOVE:
        return this.adviseRemove(start, end);
      case MADV_WILLNEED:
      case MADV_COLD:
      case MADV_PAGEOUT:
      case MADV_COLLAPSE:
      case MADV_MERGEABLE:
      case MADV_UNMERGEABLE:
        return 0; // hints with no effect on what a program can observe
      default:
        return this.modifyRange(start, end, (v) => adviceFlags(v, advice));
    }
  }

  // DONTNEED: private pages go (zero or file content on next touch); shared
  // pages are only unmapped, their content stays in the object.
  // FREE may do the same as DONTNEED; it is valid on private anonymous memory only.
  private adviseDrop(start: number, end: number, advice: number): number {
    for (const [s, e] of this.mappedParts(start, end).ranges) {
      const v = this.vmaList.find(s);
      if (v === null) continue;
      if (advice === MADV_DONTNEED && v.flags & VM_LOCKED) return -EINVAL;
      if (advice === MADV_FREE && (v.file !== null || v.object !== null)) return -EINVAL;
    }
    this.zap(start, end);
    return 0;
  }

  private adviseRemove(start: number, end: number): number {
    for (const [s, e] of this.mappedParts(start, end).ranges) {
      const v = this.vmaList.find(s);
      if (v === null) continue;
      if (v.flags & VM_LOCKED) return -EINVAL;
      if (v.file === null && v.object === null) return -EINVAL;
      if (v.object === null || !(v.flags & VM_MAYWRITE)) return -EACCES;
      this.zap(s, e);
      v.object.punch(v.pgoff(s), v.pgoff(e - 1) + 1);
    }
    return 0;
  }

  private madvisePopulate(start: number, end: number, write: boolean): number {
    for (let va = start; va < end; va += PAGE_SIZE) {
      const v = this.vmaList.find(va);
      if (v === null) return -ENOMEM;
      const r = this.resolve(va, write ? "write" : "read", false);
      if (r === R_ACCERR) return -EINVAL;
      if (r === R_BUS) return -EFAULT;
      if (r < 0) return -ENOMEM;
    }
    return 0;
  }

  // ---- brk -----------------------------------------------------------------

  /** The loader sets where the heap starts (end of bss). */
  setBrkStart(addr: number): void {
    this.startBrk = pageAlignUp(addr);
    this.curBrk = this.startBrk;
  }

  /** brk(2): the new break, or the unchanged one when the request fails. */
  brk(newBrk: number): number {
    if (this.startBrk === 0) return 0; // no program loaded: no heap
    if (!Number.isInteger(newBrk) || newBrk < this.startBrk || newBrk > TASK_SIZE) return this.curBrk;
    const newTop = pageAlignUp(newBrk);
    const oldTop = pageAlignUp(this.curBrk);
    if (newTop === oldTop) {
      this.curBrk = newBrk;
    } else if (newBrk < this.curBrk) {
      this.unmapRange(newTop, oldTop);
      this.curBrk = newBrk;
    } else {
      // Leave one page (and a stack's guard gap) before the next mapping.
      const next = this.vmaList.list[this.vmaList.indexAfter(oldTop)];
      if (next !== undefined && newTop + PAGE_SIZE > startGap(next)) return this.curBrk;
      const flags = VM_READ | VM_WRITE | VM_MAY_FLAGS | VM_ACCOUNT;
      this.mergeAround(this.insertVma(new Vma(oldTop, newTop, flags, null, oldTop, null, null)));
      this.curBrk = newBrk;
    }
    return this.curBrk;
  }

  // ---- Faults --------------------------------------------------------------

  /**
   * A CPU access missed the TLB. Makes the page present and fills the entry
   * (the instruction can be re-run), or says which signal to deliver.
   */
  handleFault(vaddr: number, access: Access, tlb: Tlb): FaultResult {
    if (!Number.isInteger(vaddr) || vaddr < 0 || vaddr >= TASK_SIZE) {
      return { ok: false, signal: SIGSEGV, code: SEGV_MAPERR, addr: vaddr };
    }
    this.lastMajor = false;
    const entry = this.resolve(vaddr, access, false);
    if (entry < 0) return faultSignal(entry, vaddr);
    const v = this.vmaList.find(vaddr);
    if (v === null) return { ok: false, signal: SIGSEGV, code: SEGV_MAPERR, addr: vaddr };
    this.fillTlb(tlb, v, pageAlignDown(vaddr), entry);
    return { ok: true, major: this.lastMajor };
  }

  private fillTlb(tlb: Tlb, v: Vma, page: number, entry: number): void {
    const frame = entryFrame(entry);
    const exclusive = v.isShared || (entryKind(entry) === KIND_ANON && this.frames.refCount(frame) === 1);
    const read = (v.flags & (VM_READ | VM_WRITE)) !== 0; // riscv: write implies read
    const write = (v.flags & VM_WRITE) !== 0 && exclusive;
    tlb.fill(page, this.frames.hostAddr(frame), read, write, (v.flags & VM_EXEC) !== 0);
  }

  /**
   * Makes the page at vaddr present and usable for access, returning its
   * page-table entry or an R_* code. force ignores the VMA's rights (the
   * loader writing into read-only segments).
   */
  private resolve(vaddr: number, access: Access, force: boolean): number {
    const v = this.vmaList.find(vaddr) ?? this.growStack(vaddr);
    if (v === null) return R_MAPERR;
    if (!force && !allowed(v.flags, access)) return R_ACCERR;
    const vpn = Math.floor(vaddr / PAGE_SIZE);
    let entry = this.pt.get(vpn);
    if (entry === 0) {
      entry = this.populatePage(v, vpn, access === "write");
      if (entry < 0) return entry;
    }
    if (access === "write" && !v.isShared) entry = this.breakCow(vpn, entry);
    return entry;
  }

  private populatePage(v: Vma, vpn: number, write: boolean): number {
    if (v.object !== null) return this.populateShared(v, v.object, vpn);
    if (v.file !== null) {
      const frame = this.readFilePage(v.file, v.pgoff(vpn * PAGE_SIZE));
      if (frame < 0) return frame;
      return this.installPage(vpn, makeEntry(frame, KIND_FILE));
    }
    if (!write) return this.installPage(vpn, makeEntry(this.frames.zeroFrame, KIND_ZERO));
    const frame = this.frames.alloc();
    return frame < 0 ? R_OOM : this.installPage(vpn, makeEntry(frame, KIND_ANON));
  }

  private installPage(vpn: number, entry: number): number {
    this.mapPage(vpn, entry);
    return entry;
  }

  private populateShared(v: Vma, obj: SharedObject, vpn: number): number {
    const pg = v.pgoff(vpn * PAGE_SIZE);
    let frame = obj.pages.get(pg);
    if (frame === undefined) {
      frame = obj.file !== null ? this.readFilePage(obj.file, pg) : this.frames.alloc();
      if (frame < 0) return frame === -1 ? R_OOM : frame;
      obj.pages.set(pg, frame); // the object's reference
    }
    this.frames.ref(frame); // the page table's reference
    return this.installPage(vpn, makeEntry(frame, obj.file !== null ? KIND_FILE : KIND_SHMEM));
  }

  /** A new frame holding file page pg (zero past EOF), or R_BUS / R_OOM. */
  private readFilePage(file: FileBacking, pg: number): number {
    if (pg >= Math.ceil(file.size() / PAGE_SIZE)) return R_BUS;
    const frame = this.frames.alloc();
    if (frame < 0) return R_OOM;
    try {
      file.readAt(pg * PAGE_SIZE, this.frames.bytes(frame));
    } catch {
      this.frames.unref(frame); // an I/O error is a SIGBUS, as in Linux
      return R_BUS;
    }
    this.lastMajor = true;
    return frame;
  }

  /** Gives a private page its own writable anonymous frame (copy-on-write). */
  private breakCow(vpn: number, entry: number): number {
    const kind = entryKind(entry);
    const frame = entryFrame(entry);
    const sole = kind !== KIND_ZERO && this.frames.refCount(frame) === 1;
    if (kind === KIND_ANON && sole) return entry;
    if (sole) {
      // An unshared file page becomes anonymous in place: no copy needed.
      const anon = makeEntry(frame, KIND_ANON);
      this.pt.set(vpn, anon);
      this.counters.page(kind, -1);
      this.counters.page(KIND_ANON, 1);
      return anon;
    }
    const copy = this.frames.alloc();
    if (copy < 0) return R_OOM;
    if (kind !== KIND_ZERO) this.frames.bytes(copy).set(this.frames.bytes(frame));
    const anon = makeEntry(copy, KIND_ANON);
    this.mapPage(vpn, anon);
    this.flushTlbs(vpn * PAGE_SIZE, (vpn + 1) * PAGE_SIZE);
    return anon;
  }

  /** expand_downwards: grows a growsdown VMA above vaddr to cover it, or null. */
  private growStack(vaddr: number): Vma | null {
    const i = this.vmaList.indexAfter(vaddr);
    const list = this.vmaList.list;
    const v = list[i];
    if (v === undefined || !(v.flags & VM_GROWSDOWN)) return null;
    const start = pageAlignDown(vaddr);
    if (start < MMAP_MIN_ADDR || v.end - start > this.stackLimit) return null;
    if (v.file !== null && v.offset < v.start - start) return null;
    const prev = list[i - 1];
    if (prev !== undefined && !(prev.flags & VM_GROWSDOWN) && prev.flags & VM_ACCESS_FLAGS && start - prev.end < STACK_GUARD_GAP) {
      return null;
    }
    this.counters.vma(v.flags, v.pages, -1);
    v.offset -= v.start - start;
    v.start = start;
    this.counters.vma(v.flags, v.pages, 1);
    return v;
  }

  // ---- Kernel access to user memory ------------------------------------------

  /** The frame holding vaddr, present with the user's rights, or -errno. */
  private userFrame(vaddr: number, write: boolean, force = false): number {
    const e = this.resolve(vaddr, write ? "write" : "read", force);
    if (e === R_OOM) return -ENOMEM;
    return e < 0 ? -EFAULT : entryFrame(e);
  }

  private rangeOk(addr: number, len: number): boolean {
    return isUserNumber(addr) && Number.isInteger(len) && len >= 0 && len <= TASK_SIZE - addr;
  }

  /**
   * Zero-copy views of [addr, addr+len), one per page touched, for read(2)
   * and write(2); forWrite means the kernel will write into them. -EFAULT
   * (or -ENOMEM when RAM ran out) if any page is not accessible.
   */
  userBuffers(addr: number, len: number, forWrite: boolean): Uint8Array[] | number {
    return this.chunks(addr, len, forWrite, false);
  }

  private chunks(addr: number, len: number, write: boolean, force: boolean): Uint8Array[] | number {
    if (!this.rangeOk(addr, len)) return -EFAULT;
    const out: Uint8Array[] = [];
    for (let done = 0; done < len; ) {
      const va = addr + done;
      const off = va % PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - off, len - done);
      const frame = this.userFrame(va, write, force);
      if (frame < 0) return frame;
      out.push(this.frames.bytes(frame).subarray(off, off + n));
      done += n;
    }
    return out;
  }

  read(addr: number, len: number): Uint8Array | number {
    const parts = this.chunks(addr, len, false, false);
    if (typeof parts === "number") return parts;
    const out = new Uint8Array(len);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }

  /** Copies bytes to user memory; 0 or -errno. */
  write(addr: number, bytes: Uint8Array): number {
    return this.copyIn(addr, bytes, false);
  }

  /** For the loader only: writes even where PROT_WRITE is missing. */
  writeForce(addr: number, bytes: Uint8Array): number {
    return this.copyIn(addr, bytes, true);
  }

  private copyIn(addr: number, bytes: Uint8Array, force: boolean): number {
    const parts = this.chunks(addr, bytes.length, true, force);
    if (typeof parts === "number") return parts;
    let at = 0;
    for (const p of parts) {
      p.set(bytes.subarray(at, at + p.length));
      at += p.length;
    }
    // A store into a page that may hold decoded instructions is the caller's to flush.
    return 0;
  }

  readU32(addr: number): number {
    const b = this.read(addr, 4);
    if (typeof b === "number") return b;
    return (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0;
  }

  /** A u64, or a negative errno as a number (check typeof). */
  readU64(addr: number): bigint | number {
    const b = this.read(addr, 8);
    if (typeof b === "number") return b;
    return new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true);
  }

  writeU32(addr: number, value: number): number {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, value >>> 0, true);
    return this.write(addr, b);
  }

  writeU64(addr: number, value: bigint): number {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, value), true);
    return this.write(addr, b);
  }

  /**
   * The NUL-terminated bytes at addr (without the NUL): -ENAMETOOLONG when no
   * NUL is within max bytes, -EFAULT when a page before the NUL is bad.
   */
  readCStringBytes(addr: number, max: number): Uint8Array | number {
    if (!isUserNumber(addr)) return -EFAULT;
    const pieces: Uint8Array[] = [];
    let total = 0;
    for (let va = addr; total < max; ) {
      if (va >= TASK_SIZE) return -EFAULT;
      const off = va % PAGE_SIZE;
      const frame = this.userFrame(va, false);
      if (frame < 0) return frame;
      const page = this.frames.bytes(frame).subarray(off, off + Math.min(PAGE_SIZE - off, max - total));
      const nul = page.indexOf(0);
      if (nul >= 0) return joinBytes(pieces, page.subarray(0, nul), total + nul);
      pieces.push(page);
      total += page.length;
      va += page.length;
    }
    return -ENAMETOOLONG;
  }

  /** readCStringBytes decoded as UTF-8 (invalid sequences become U+FFFD). */
  readCString(addr: number, max: number): string | number {
    const b = this.readCStringBytes(addr, max);
    return typeof b === "number" ? b : new TextDecoder().decode(b);
  }

  // ---- fork / destroy --------------------------------------------------------

  /** A copy-on-write duplicate, as fork() makes it (MADV_DONTFORK / WIPEONFORK honoured). */
  fork(): AddressSpace {
    const child = new AddressSpace(this.frames, this.options);
    child.startBrk = this.startBrk;
    child.curBrk = this.curBrk;
    child.startStack = this.startStack;
    child.stackLimit = this.stackLimit;
    for (const v of this.vmaList.list) {
      if (v.flags & VM_DONTCOPY) continue;
      child.vmaList.list.push(v.copy());
      child.counters.vma(v.flags, v.pages, 1);
      if (v.flags & VM_WIPEONFORK) continue;
      this.pt.forEach(v.start / PAGE_SIZE, v.end / PAGE_SIZE, (vpn, e) => {
        if (entryKind(e) !== KIND_ZERO) this.frames.ref(entryFrame(e));
        child.mapPage(vpn, e);
      });
    }
    // Private pages are now shared: the parent must fault before writing them.
    this.flushAllTlbs();
    return child;
  }

  /** Releases every page and area (exit, exec). The space stays usable, empty. */
  destroy(): void {
    const list = this.vmaList.list;
    for (const v of list) this.zap(v.start, v.end);
    while (list.length > 0) this.removeVmaAt(list.length - 1);
    this.flushAllTlbs();
  }
}

function allowed(flags: number, access: Access): boolean {
  if (access === "write") return (flags & VM_WRITE) !== 0;
  if (access === "exec") return (flags & VM_EXEC) !== 0;
  return (flags & (VM_READ | VM_WRITE)) !== 0; // riscv: write implies read
}

function faultSignal(code: number, addr: number): FaultResult {
  if (code === R_BUS) return { ok: false, signal: SIGBUS, code: BUS_ADRERR, addr };
  if (code === R_OOM) return { ok: false, signal: SIGKILL, code: 0, addr, oom: true };
  return { ok: false, signal: SIGSEGV, code: code === R_ACCERR ? SEGV_ACCERR : SEGV_MAPERR, addr };
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

function joinBytes(pieces: Uint8Array[], last: Uint8Array, total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  out.set(last, at);
  return out;
}
