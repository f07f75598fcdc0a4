// Kernel access to user memory, with the user's rights: pages are faulted in
// as the program's own access would, and any failure is -EFAULT (-ENOMEM
// when RAM ran out), never an exception.

import { PAGE_SIZE } from "../cpu/layout.js";
import { EFAULT, ENAMETOOLONG, ENOMEM } from "../kernel/errno.js";
import type { MmState } from "./mm-state.js";
import { entryFrame } from "./page-table.js";
import { R_OOM, resolve } from "./page-fault.js";
import { isUserNumber, TASK_SIZE } from "./vm-layout.js";

// Linux's MAX_RW_COUNT: the most one read/write moves; bounds kernel copies.
const MAX_RW_COUNT = 0x7ffff000;

/** The frame holding vaddr, present with the user's rights, or -errno. */
function userFrame(st: MmState, vaddr: number, write: boolean, force = false): number {
  const e = resolve(st, vaddr, write ? "write" : "read", force);
  if (e === R_OOM) return -ENOMEM;
  return e < 0 ? -EFAULT : entryFrame(e);
}

// Longer requests than Linux's read/write ever pass down are refused rather
// than walked page by page (callers clamp counts to MAX_RW_COUNT first).
function rangeOk(addr: number, len: number): boolean {
  return isUserNumber(addr) && Number.isInteger(len) && len >= 0 && len <= TASK_SIZE - addr && len <= MAX_RW_COUNT;
}

/**
 * Host address of a size-byte scalar at addr that sits within one page, or
 * -errno; a scalar that crosses pages gives null (take the slow path).
 */
function scalarHost(st: MmState, addr: number, size: number, write: boolean): number | null {
  if (!isUserNumber(addr) || addr > TASK_SIZE - size) return -EFAULT;
  const off = addr % PAGE_SIZE;
  if (off + size > PAGE_SIZE) return null;
  const hit = st.tlb === null ? -1 : st.tlb.hostAddr(addr, write);
  if (hit >= 0) return hit;
  const frame = userFrame(st, addr, write);
  return frame < 0 ? frame : st.frames.hostAddr(frame) + off;
}

/**
 * Zero-copy views of [addr, addr+len), one per page touched, for read(2)
 * and write(2); forWrite means the kernel will write into them. -EFAULT
 * (or -ENOMEM when RAM ran out) if any page is not accessible.
 */
export function userBuffers(st: MmState, addr: number, len: number, forWrite: boolean): Uint8Array[] | number {
  return chunks(st, addr, len, forWrite, false);
}

function chunks(st: MmState, addr: number, len: number, write: boolean, force: boolean): Uint8Array[] | number {
  if (!rangeOk(addr, len)) return -EFAULT;
  const out: Uint8Array[] = [];
  for (let done = 0; done < len; ) {
    const va = addr + done;
    const off = va % PAGE_SIZE;
    const n = Math.min(PAGE_SIZE - off, len - done);
    // The TLB knows the pages the program touched last; walk the page tables for the rest.
    const hit = force || st.tlb === null ? -1 : st.tlb.hostAddr(va, write);
    if (hit >= 0) {
      out.push(st.frames.hostBytes(hit, n));
      done += n;
      continue;
    }
    const frame = userFrame(st, va, write, force);
    if (frame < 0) return frame;
    out.push(st.frames.slice(frame, off, n));
    done += n;
  }
  return out;
}

export function read(st: MmState, addr: number, len: number): Uint8Array | number {
  const parts = chunks(st, addr, len, false, false);
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
export function write(st: MmState, addr: number, bytes: Uint8Array): number {
  return copyIn(st, addr, bytes, false);
}

/** For the loader only: writes even where PROT_WRITE is missing. */
export function writeForce(st: MmState, addr: number, bytes: Uint8Array): number {
  return copyIn(st, addr, bytes, true);
}

function copyIn(st: MmState, addr: number, bytes: Uint8Array, force: boolean): number {
  // Within one page (a struct stat, a timespec...): one frame lookup, no views.
  const off = addr % PAGE_SIZE;
  if (off + bytes.length <= PAGE_SIZE && rangeOk(addr, bytes.length)) {
    const frame = userFrame(st, addr, true, force);
    if (frame < 0) return frame;
    st.frames.memoryBytes().set(bytes, st.frames.hostAddr(frame) + off);
    return 0;
  }
  const parts = chunks(st, addr, bytes.length, true, force);
  if (typeof parts === "number") return parts;
  let at = 0;
  for (const p of parts) {
    p.set(bytes.subarray(at, at + p.length));
    at += p.length;
  }
  // A store into a page that may hold decoded instructions is the caller's to flush.
  return 0;
}

export function readU32(st: MmState, addr: number): number {
  const h = scalarHost(st, addr, 4, false);
  if (h !== null) return h < 0 ? h : st.frames.data().getUint32(h, true);
  const b = read(st, addr, 4);
  if (typeof b === "number") return b;
  return (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0;
}

/** A u64, or a negative errno as a number (check typeof). */
export function readU64(st: MmState, addr: number): bigint | number {
  const h = scalarHost(st, addr, 8, false);
  if (h !== null) return h < 0 ? h : st.frames.data().getBigUint64(h, true);
  const b = read(st, addr, 8);
  if (typeof b === "number") return b;
  return new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true);
}

export function writeU32(st: MmState, addr: number, value: number): number {
  const h = scalarHost(st, addr, 4, true);
  if (h !== null) {
    if (h >= 0) st.frames.data().setUint32(h, value >>> 0, true);
    return h < 0 ? h : 0;
  }
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, value >>> 0, true);
  return write(st, addr, b);
}

export function writeU64(st: MmState, addr: number, value: bigint): number {
  const h = scalarHost(st, addr, 8, true);
  if (h !== null) {
    if (h >= 0) st.frames.data().setBigUint64(h, BigInt.asUintN(64, value), true);
    return h < 0 ? h : 0;
  }
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, value), true);
  return write(st, addr, b);
}

/**
 * The NUL-terminated bytes at addr (without the NUL): -ENAMETOOLONG when no
 * NUL is within max bytes, -EFAULT when a page before the NUL is bad.
 */
export function readCStringBytes(st: MmState, addr: number, max: number): Uint8Array | number {
  if (!isUserNumber(addr)) return -EFAULT;
  const pieces: Uint8Array[] = [];
  let total = 0;
  for (let va = addr; total < max; ) {
    if (va >= TASK_SIZE) return -EFAULT;
    const off = va % PAGE_SIZE;
    const frame = userFrame(st, va, false);
    if (frame < 0) return frame;
    const page = st.frames.bytes(frame).subarray(off, off + Math.min(PAGE_SIZE - off, max - total));
    const nul = page.indexOf(0);
    if (nul >= 0) return joinBytes(pieces, page.subarray(0, nul), total + nul);
    pieces.push(page);
    total += page.length;
    va += page.length;
  }
  return -ENAMETOOLONG;
}

const utf8 = new TextDecoder();

// The last string read that ended in its first page, as bytes and decoded: a
// program passes the same path again and again (a shell searching $PATH, a
// stat loop), and comparing the bytes costs less than decoding them.
const LAST_MAX = 256;
const lastBytes = new Uint8Array(LAST_MAX);
let lastLen = -1;
let lastString = "";

/** readCStringBytes decoded as UTF-8 (invalid sequences become U+FFFD). */
export function readCString(st: MmState, addr: number, max: number): string | number {
  // Fast path: a string that ends within its first page is read in place (paths nearly always do).
  if (isUserNumber(addr) && addr < TASK_SIZE) {
    const off = addr % PAGE_SIZE;
    const frame = userFrame(st, addr, false);
    if (frame < 0) return frame;
    const mem = st.frames.memoryBytes();
    const start = st.frames.hostAddr(frame) + off;
    const limit = Math.min(PAGE_SIZE - off, max);
    let same = true;
    let i = 0;
    for (; i < limit; i++) {
      const c = mem[start + i];
      if (c === 0) break;
      if (same && (i >= lastLen || lastBytes[i] !== c)) same = false;
    }
    if (i < limit) {
      if (same && i === lastLen) return lastString;
      const s = utf8.decode(mem.subarray(start, start + i));
      if (i <= LAST_MAX) {
        lastBytes.set(mem.subarray(start, start + i));
        lastLen = i;
        lastString = s;
      }
      return s;
    }
  }
  const b = readCStringBytes(st, addr, max);
  return typeof b === "number" ? b : utf8.decode(b);
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
