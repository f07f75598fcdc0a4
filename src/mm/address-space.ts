// A process address space: the API the kernel calls. Each operation lives in
// its own module (mmap.ts, mprotect.ts, mremap.ts, madvise.ts, brk.ts,
// page-fault.ts, user-access.ts, fork.ts) working on the shared MmState;
// this class only holds that state and forwards to them.
//
// Conventions: addresses and lengths are JS numbers (user space is below
// 2^47, exact in a double); anything negative, fractional or >= TASK_SIZE
// is refused with the errno Linux would give, never an exception.

import { PAGE_SIZE } from "../cpu/layout.js";
import type { MmStats } from "./accounting.js";
import { setBrkStart, brk } from "./brk.js";
import type { Access, FaultResult } from "./fault-result.js";
import type { FileBacking } from "./file-backing.js";
import { destroyState, forkState } from "./fork.js";
import type { FrameAllocator } from "./frames.js";
import { madvise } from "./madvise.js";
import { mapSpecial, mmap, munmap } from "./mmap.js";
import { mlock, munlock } from "./mlock.js";
import { MmState, type AddressSpaceOptions } from "./mm-state.js";
import { mprotect } from "./mprotect.js";
import { mremap } from "./mremap.js";
import { handleFault } from "./page-fault.js";
import { entryKind, KIND_ANON, KIND_FILE, KIND_SHMEM } from "./page-table.js";
import { mincore, msync } from "./residency.js";
import type { Tlb } from "./tlb.js";
import * as ua from "./user-access.js";
import type { Vma } from "./vma.js";

export type { AddressSpaceOptions } from "./mm-state.js";

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

// dev 00:01, the shmem mount Linux shows for shared anonymous memory.
const SHMEM_DEV = 1;

export class AddressSpace {
  private readonly st: MmState;

  constructor(frames: FrameAllocator, options: AddressSpaceOptions | MmState = {}) {
    this.st = options instanceof MmState ? options : new MmState(frames, options);
  }

  get frames(): FrameAllocator {
    return this.st.frames;
  }

  // ---- TLBs ----------------------------------------------------------------

  /** The space now runs on this hart: its TLB is kept coherent from now on. */
  attachTlb(tlb: Tlb): void {
    this.st.tlbs.add(tlb);
    this.st.tlb = tlb;
  }

  /** The hart switches away. The caller flushes that TLB before reusing it. */
  detachTlb(tlb: Tlb): void {
    this.st.tlbs.delete(tlb);
    if (this.st.tlb === tlb) {
      this.st.tlb = null;
      for (const other of this.st.tlbs) this.st.tlb = other;
    }
  }

  // ---- System calls ----------------------------------------------------------

  /** mmap(2): the address, or -errno. fd lookup (EBADF) is the caller's. */
  mmap(addr: number, length: number, prot: number, flags: number, file: FileBacking | null, offset: number): number {
    return mmap(this.st, addr, length, prot, flags, file, offset);
  }

  munmap(addr: number, length: number): number {
    return munmap(this.st, addr, length);
  }

  mprotect(addr: number, length: number, prot: number): number {
    return mprotect(this.st, addr, length, prot);
  }

  mremap(oldAddr: number, oldLength: number, newLength: number, flags: number, newAddr: number): number {
    return mremap(this.st, oldAddr, oldLength, newLength, flags, newAddr);
  }

  madvise(addr: number, length: number, advice: number): number {
    return madvise(this.st, addr, length, advice);
  }

  mlock(addr: number, length: number): number {
    return mlock(this.st, addr, length);
  }

  munlock(addr: number, length: number): number {
    return munlock(this.st, addr, length);
  }

  /** mincore(2): one byte per page (1 = resident), for the caller to copy out; or -errno. */
  mincore(addr: number, length: number): Uint8Array | number {
    return mincore(this.st, addr, length);
  }

  msync(addr: number, length: number, flags: number): number {
    return msync(this.st, addr, length, flags);
  }

  /** brk(2): the new break, or the unchanged one when the request fails. */
  brk(newBrk: number): number {
    return brk(this.st, newBrk);
  }

  /** For the loader: the heap starts here (end of bss, page-aligned up). */
  setBrkStart(addr: number): void {
    setBrkStart(this.st, addr);
  }

  /** For the loader/kernel: maps `content` (e.g. the vDSO) as a named area that never merges. */
  mapSpecial(addr: number, content: Uint8Array, prot: number, name: string): number {
    return mapSpecial(this.st, addr, content, prot, name);
  }

  // ---- Faults and kernel access ------------------------------------------------

  /** A CPU access missed the TLB: make the page present and fill the entry, or say which signal. */
  handleFault(vaddr: number, access: Access, tlb: Tlb): FaultResult {
    return handleFault(this.st, vaddr, access, tlb);
  }

  read(addr: number, len: number): Uint8Array | number {
    return ua.read(this.st, addr, len);
  }

  write(addr: number, bytes: Uint8Array): number {
    return ua.write(this.st, addr, bytes);
  }

  /** For the loader only: writes even where PROT_WRITE is missing. */
  writeForce(addr: number, bytes: Uint8Array): number {
    return ua.writeForce(this.st, addr, bytes);
  }

  readU32(addr: number): number {
    return ua.readU32(this.st, addr);
  }

  /** A u64 as bigint, or -errno as a number. */
  readU64(addr: number): bigint | number {
    return ua.readU64(this.st, addr);
  }

  writeU32(addr: number, value: number): number {
    return ua.writeU32(this.st, addr, value);
  }

  writeU64(addr: number, value: bigint): number {
    return ua.writeU64(this.st, addr, value);
  }

  readCString(addr: number, max: number): string | number {
    return ua.readCString(this.st, addr, max);
  }

  readCStringBytes(addr: number, max: number): Uint8Array | number {
    return ua.readCStringBytes(this.st, addr, max);
  }

  /** Zero-copy page-chunked views for read(2)/write(2); forWrite when the kernel writes into them. */
  userBuffers(addr: number, len: number, forWrite: boolean): Uint8Array[] | number {
    return ua.userBuffers(this.st, addr, len, forWrite);
  }

  // ---- Life cycle ----------------------------------------------------------------

  fork(): AddressSpace {
    return new AddressSpace(this.st.frames, forkState(this.st));
  }

  destroy(): void {
    destroyState(this.st);
  }

  // ---- Inspection ------------------------------------------------------------------

  /** mm->start_stack: the VMA containing it is shown as [stack]. */
  get startStack(): number {
    return this.st.startStack;
  }

  set startStack(addr: number) {
    this.st.startStack = addr;
  }

  /** RLIMIT_STACK in bytes (setrlimit updates it). */
  get stackLimit(): number {
    return this.st.stackLimit;
  }

  set stackLimit(bytes: number) {
    this.st.stackLimit = bytes;
  }

  get mapCount(): number {
    return this.st.vmaList.count;
  }

  get brkStart(): number {
    return this.st.startBrk;
  }

  get brkCurrent(): number {
    return this.st.curBrk;
  }

  /** The counters behind /proc/PID/status and statm (pages, except pageTableBytes). */
  stats(): MmStats {
    return this.st.counters.snapshot();
  }

  /** The areas in address order, named as /proc/PID/maps names them. */
  *vmas(): IterableIterator<VmaInfo> {
    for (const v of this.st.vmaList.list) yield this.describe(v);
  }

  /** The area containing addr, or null. */
  vmaAt(addr: number): VmaInfo | null {
    const v = Number.isFinite(addr) ? this.st.vmaList.find(addr) : null;
    return v === null ? null : this.describe(v);
  }

  /**
   * Resident pages in [start, end) by kind, for /proc/PID/smaps. This one
   * scans the page table, as Linux's smaps walk does.
   */
  residentIn(start: number, end: number): { anon: number; file: number; shmem: number } {
    const r = { anon: 0, file: 0, shmem: 0 };
    this.st.pt.forEach(start / PAGE_SIZE, end / PAGE_SIZE, (_vpn, e) => {
      const k = entryKind(e);
      if (k === KIND_ANON) r.anon++;
      else if (k === KIND_FILE) r.file++;
      else if (k === KIND_SHMEM) r.shmem++;
    });
    return r;
  }

  private describe(v: Vma): VmaInfo {
    const info: VmaInfo = { start: v.start, end: v.end, flags: v.flags, shared: v.isShared, offset: 0, dev: 0, ino: 0, name: "" };
    const st = this.st;
    if (v.file !== null) {
      Object.assign(info, { offset: v.offset, dev: v.file.dev, ino: v.file.ino, name: v.file.path });
    } else if (v.object !== null) {
      Object.assign(info, { offset: v.offset, dev: SHMEM_DEV, ino: v.object.id, name: "/dev/zero (deleted)" });
    } else if (v.name !== null) {
      info.name = v.name;
    } else if (v.start < st.curBrk && v.end > st.startBrk) {
      info.name = "[heap]"; // include/linux/mm.h vma_is_initial_heap: overlaps [start_brk, brk)
    } else if (v.start <= st.startStack && v.end >= st.startStack) {
      info.name = "[stack]";
    }
    return info;
  }
}
