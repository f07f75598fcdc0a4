// Page faults: making a page present for an access, or saying which signal
// the access deserves. Demand-zero (through the shared zero frame for
// reads), file pages read on first touch, MAP_SHARED pages from their
// object, copy-on-write for private pages, and growsdown stack expansion.

import { PAGE_SIZE } from "../cpu/layout.js";
import { SIGBUS, SIGKILL, SIGSEGV } from "../kernel/signal-numbers.js";
import { BUS_ADRERR, SEGV_ACCERR, SEGV_MAPERR } from "./fault-codes.js";
import type { Access, FaultResult } from "./fault-result.js";
import type { FileBacking } from "./file-backing.js";
import type { MmState } from "./mm-state.js";
import { entryFrame, entryKind, KIND_ANON, KIND_FILE, KIND_SHMEM, KIND_ZERO, makeEntry } from "./page-table.js";
import type { SharedObject } from "./shared-object.js";
import type { Tlb } from "./tlb.js";
import { VM_ACCESS_FLAGS, VM_EXEC, VM_GROWSDOWN, VM_READ, VM_WRITE } from "./vm-flags.js";
import { MMAP_MIN_ADDR, pageAlignDown, STACK_GUARD_GAP, TASK_SIZE } from "./vm-layout.js";
import type { Vma } from "./vma.js";

// Results of resolve() that are not page-table entries (entries are > 0).
export const R_MAPERR = -1;
export const R_ACCERR = -2;
export const R_BUS = -3;
export const R_OOM = -4;

/**
 * A CPU access missed the TLB. Makes the page present and fills the entry
 * (the instruction can be re-run), or says which signal to deliver.
 */
export function handleFault(st: MmState, vaddr: number, access: Access, tlb: Tlb): FaultResult {
  if (!Number.isInteger(vaddr) || vaddr < 0 || vaddr >= TASK_SIZE) {
    return { ok: false, signal: SIGSEGV, code: SEGV_MAPERR, addr: vaddr };
  }
  st.lastMajor = false;
  st.lastChanged = false;
  const entry = resolve(st, vaddr, access, false);
  if (entry < 0) return faultSignal(entry, vaddr);
  const v = st.vmaList.find(vaddr);
  if (v === null) return { ok: false, signal: SIGSEGV, code: SEGV_MAPERR, addr: vaddr };
  fillTlb(st, tlb, v, pageAlignDown(vaddr), entry, access === "exec");
  return { ok: true, major: st.lastMajor, changed: st.lastChanged };
}

function fillTlb(st: MmState, tlb: Tlb, v: Vma, page: number, entry: number, forFetch: boolean): void {
  const frame = entryFrame(entry);
  const exclusive = v.isShared || (entryKind(entry) === KIND_ANON && st.frames.refCount(frame) === 1);
  const read = (v.flags & (VM_READ | VM_WRITE)) !== 0; // riscv: write implies read
  const write = (v.flags & VM_WRITE) !== 0 && exclusive;
  tlb.fill(page, st.frames.hostAddr(frame), read, write, (v.flags & VM_EXEC) !== 0, forFetch);
}

/**
 * Makes the page at vaddr present and usable for access, returning its
 * page-table entry or an R_* code. force ignores the VMA's rights (the
 * loader writing into read-only segments).
 */
export function resolve(st: MmState, vaddr: number, access: Access, force: boolean): number {
  const v = st.vmaList.find(vaddr) ?? growStack(st, vaddr);
  if (v === null) return R_MAPERR;
  if (!force && !allowed(v.flags, access)) return R_ACCERR;
  const vpn = Math.floor(vaddr / PAGE_SIZE);
  let entry = st.pt.get(vpn);
  if (entry === 0) {
    entry = populatePage(st, v, vpn, access === "write");
    if (entry < 0) return entry;
    st.lastChanged = true;
  }
  if (access === "write" && !v.isShared) {
    const before = entry;
    entry = breakCow(st, vpn, entry);
    if (entry !== before) st.lastChanged = true;
  }
  return entry;
}

function populatePage(st: MmState, v: Vma, vpn: number, write: boolean): number {
  if (v.object !== null) return populateShared(st, v, v.object, vpn);
  if (v.file !== null) {
    const frame = readFilePage(st, v.file, v.pgoff(vpn * PAGE_SIZE));
    if (frame < 0) return frame;
    return installPage(st, vpn, makeEntry(frame, KIND_FILE));
  }
  if (!write) return installPage(st, vpn, makeEntry(st.frames.zeroFrame, KIND_ZERO));
  const frame = st.frames.alloc();
  return frame < 0 ? R_OOM : installPage(st, vpn, makeEntry(frame, KIND_ANON));
}

function installPage(st: MmState, vpn: number, entry: number): number {
  st.mapPage(vpn, entry);
  return entry;
}

function populateShared(st: MmState, v: Vma, obj: SharedObject, vpn: number): number {
  const pg = v.pgoff(vpn * PAGE_SIZE);
  let frame = obj.pages.get(pg);
  if (frame === undefined) {
    frame = obj.file !== null ? readFilePage(st, obj.file, pg) : st.frames.alloc();
    if (frame < 0) return frame === -1 ? R_OOM : frame;
    obj.pages.set(pg, frame); // the object's reference
  }
  st.frames.ref(frame); // the page table's reference
  return installPage(st, vpn, makeEntry(frame, obj.file !== null ? KIND_FILE : KIND_SHMEM));
}

/** A new frame holding file page pg (zero past EOF), or R_BUS / R_OOM. */
function readFilePage(st: MmState, file: FileBacking, pg: number): number {
  if (pg >= Math.ceil(file.size() / PAGE_SIZE)) return R_BUS;
  const frame = st.frames.alloc();
  if (frame < 0) return R_OOM;
  try {
    file.readAt(pg * PAGE_SIZE, st.frames.bytes(frame));
  } catch {
    st.frames.unref(frame); // an I/O error is a SIGBUS, as in Linux
    return R_BUS;
  }
  st.lastMajor = true;
  return frame;
}

/** Gives a private page its own writable anonymous frame (copy-on-write). */
function breakCow(st: MmState, vpn: number, entry: number): number {
  const kind = entryKind(entry);
  const frame = entryFrame(entry);
  const sole = kind !== KIND_ZERO && st.frames.refCount(frame) === 1;
  if (kind === KIND_ANON && sole) return entry;
  if (sole) {
    // An unshared file page becomes anonymous in place: no copy needed.
    const anon = makeEntry(frame, KIND_ANON);
    st.pt.set(vpn, anon);
    st.counters.page(kind, -1);
    st.counters.page(KIND_ANON, 1);
    return anon;
  }
  const copy = st.frames.alloc();
  if (copy < 0) return R_OOM;
  if (kind !== KIND_ZERO) st.frames.bytes(copy).set(st.frames.bytes(frame));
  const anon = makeEntry(copy, KIND_ANON);
  st.mapPage(vpn, anon);
  st.flushTlbs(vpn * PAGE_SIZE, (vpn + 1) * PAGE_SIZE);
  return anon;
}

/** expand_downwards: grows a growsdown VMA above vaddr to cover it, or null. */
function growStack(st: MmState, vaddr: number): Vma | null {
  const i = st.vmaList.indexAfter(vaddr);
  const list = st.vmaList.list;
  const v = list[i];
  if (v === undefined || !(v.flags & VM_GROWSDOWN)) return null;
  const start = pageAlignDown(vaddr);
  if (start < MMAP_MIN_ADDR || v.end - start > st.stackLimit) return null;
  if (v.file !== null && v.offset < v.start - start) return null;
  const prev = list[i - 1];
  if (prev !== undefined && !(prev.flags & VM_GROWSDOWN) && prev.flags & VM_ACCESS_FLAGS && start - prev.end < STACK_GUARD_GAP) {
    return null;
  }
  st.counters.vma(v.flags, v.pages, -1);
  v.offset -= v.start - start;
  v.start = start;
  st.counters.vma(v.flags, v.pages, 1);
  return v;
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
