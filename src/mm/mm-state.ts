// The state of one address space and the primitives every memory operation
// is built from: VMA insertion, splitting, merging and removal with their
// accounting, page installation and release, and TLB shootdown.
//
// Invariants: every present page holds one frame reference (except the zero
// frame); every VMA holds one reference on its SharedObject; every change
// that could leave a stale translation flushes the attached TLBs.

import { PAGE_SIZE } from "../cpu/layout.js";
import { ENOMEM } from "../kernel/errno.js";
import { MmCounters } from "./accounting.js";
import type { FrameAllocator } from "./frames.js";
import { entryFrame, entryKind, KIND_ZERO, PageTable } from "./page-table.js";
import type { Tlb } from "./tlb.js";
import { DEFAULT_MAX_MAP_COUNT, DEFAULT_MMAP_BASE, DEFAULT_STACK_LIMIT } from "./vm-layout.js";
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

export class MmState {
  readonly counters = new MmCounters();
  readonly vmaList = new VmaList();
  readonly pt = new PageTable();
  readonly tlbs = new Set<Tlb>();
  /** One TLB of tlbs (the last attached), for kernel accesses to user memory to look up first; null when none. */
  tlb: Tlb | null = null;
  readonly options: Required<AddressSpaceOptions>;
  startBrk = 0;
  curBrk = 0;
  /** mm->start_stack: the VMA containing it is shown as [stack]. */
  startStack = 0;
  stackLimit: number;
  /** Set by a fault that had to read file data (a major fault). */
  lastMajor = false;
  /** Set by the last fault when it changed the page tables (not just refilled the TLB). */
  lastChanged = false;

  constructor(
    readonly frames: FrameAllocator,
    options: AddressSpaceOptions = {},
  ) {
    this.options = {
      mmapBase: options.mmapBase ?? DEFAULT_MMAP_BASE,
      stackLimit: options.stackLimit ?? DEFAULT_STACK_LIMIT,
      maxMapCount: options.maxMapCount ?? DEFAULT_MAX_MAP_COUNT,
      thpAlign: options.thpAlign ?? true,
    };
    this.stackLimit = this.options.stackLimit;
  }

  flushTlbs(start: number, end: number): void {
    for (const t of this.tlbs) t.flushRange(start, end);
  }

  flushAllTlbs(): void {
    for (const t of this.tlbs) t.flushAll();
  }

  insertVma(v: Vma): number {
    const i = this.vmaList.insert(v);
    this.counters.vma(v.flags, v.pages, 1);
    return i;
  }

  /** Removes list[i] (its pages must already be zapped). */
  removeVmaAt(i: number): void {
    const v = this.vmaList.removeAt(i);
    this.counters.vma(v.flags, v.pages, -1);
    v.object?.put();
  }

  setVmaFlags(v: Vma, flags: number): void {
    this.counters.vma(v.flags, v.pages, -1);
    v.flags = flags;
    this.counters.vma(v.flags, v.pages, 1);
  }

  /** Merges list[i] with compatible neighbours; returns the index of the result. */
  mergeAround(i: number): number {
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
  splitAround(start: number, end: number): number {
    let i = this.vmaList.indexAfter(start);
    const list = this.vmaList.list;
    if (i < list.length && list[i].start < start) i = this.vmaList.splitAt(i, start);
    const j = this.vmaList.indexAfter(end - 1);
    if (j < list.length && list[j].start < end && list[j].end > end) this.vmaList.splitAt(j, end);
    return i;
  }

  /** munmap's core: removes every VMA and page in [start, end). */
  unmapRange(start: number, end: number): void {
    let i = this.splitAround(start, end);
    const list = this.vmaList.list;
    this.zap(start, end);
    while (i < list.length && list[i].start < end) this.removeVmaAt(i);
  }

  /** Would unmapping [start, end) split a VMA in two beyond the map limit? */
  splitWouldOverflow(start: number, end: number): boolean {
    const v = this.vmaList.find(start);
    return v !== null && v.start < start && v.end > end && this.vmaList.count >= this.options.maxMapCount;
  }

  mapPage(vpn: number, entry: number): void {
    const old = this.pt.set(vpn, entry);
    if (old !== 0) this.releaseEntry(old);
    this.counters.page(entryKind(entry), 1);
    this.counters.setPageTables(this.pt.leafCount);
  }

  releaseEntry(entry: number): void {
    const kind = entryKind(entry);
    this.counters.page(kind, -1);
    if (kind !== KIND_ZERO) this.frames.unref(entryFrame(entry));
  }

  /** Drops every present page in [start, end) and flushes the TLBs. */
  zap(start: number, end: number): void {
    this.pt.forEach(start / PAGE_SIZE, end / PAGE_SIZE, (vpn, e) => {
      this.pt.clear(vpn);
      this.releaseEntry(e);
    });
    this.counters.setPageTables(this.pt.leafCount);
    this.flushTlbs(start, end);
  }

  /** mmap_region: replaces whatever is in v's range with v, merging if possible. */
  mapRegion(v: Vma): void {
    this.unmapRange(v.start, v.end);
    this.insertRegion(v);
  }

  /** Inserts v into a free range, merging if possible. */
  insertRegion(v: Vma): void {
    v.object?.get();
    this.mergeAround(this.insertVma(v));
  }

  /**
   * Gives every VMA in [start, end) the flags fn returns, splitting and
   * merging as Linux does. Stops with fn's error or -ENOMEM at a hole,
   * leaving the part before it changed (as Linux's mprotect does).
   */
  modifyRange(start: number, end: number, fn: (v: Vma) => number): number {
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

  /** The mapped sub-ranges of [start, end) and whether a hole was seen. */
  mappedParts(start: number, end: number): { ranges: [number, number][]; hole: boolean } {
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
}
