// One hart's software TLB in guest RAM (layout.ts): direct-mapped entries of
// four i64s (read tag, write tag, exec tag, addend). The kernel writes it
// through an Int32Array as low/high halves; wasm is little-endian.

import {
  PAGE_SIZE,
  TLB_ADDEND,
  TLB_BASE,
  TLB_BYTES,
  TLB_ENTRIES,
  TLB_ENTRY_SIZE,
  TLB_EXEC_TAG,
  TLB_ITLB_OFFSET,
  TLB_READ_TAG,
  TLB_WRITE_TAG,
} from "../cpu/layout.js";

const TWO32 = 2 ** 32;
/** Fills remembered for a cheap flushAll; beyond this the whole table is cleared. */
const TRACKED_FILLS = 1024;

export class Tlb {
  readonly hart: number;
  private readonly memory: WebAssembly.Memory;
  private readonly base: number;
  private words: Int32Array;

  constructor(memory: WebAssembly.Memory, hart: number) {
    this.memory = memory;
    this.hart = hart;
    this.base = TLB_BASE + hart * TLB_BYTES;
    this.words = new Int32Array(memory.buffer);
  }

  /**
   * Entries filled since the last full flush, so that flushing after a few
   * fills (a context switch between processes that ran briefly) touches only
   * those instead of the whole 256 KiB table. null: too many to track.
   */
  // Starts untracked: fresh memory holds zero tags, which would match page 0,
  // so the first flush must clear the whole table.
  private filled: Int32Array | null = null;
  private filledCount = 0;

  /**
   * Maps the page at pageVaddr to host address hostAddr with these rights,
   * in the table the faulting access uses (the instruction table for a
   * fetch, the data table otherwise). The other table is touched only when
   * it holds this very page, to keep its rights current: filling both would
   * let an instruction on page P that loads from an executable page Q with
   * the same index evict P's fetch entry with Q's and Q's data entry with
   * P's, forever (a livelock seen with randomised layouts).
   */
  fill(pageVaddr: number, hostAddr: number, read: boolean, write: boolean, exec: boolean, forFetch: boolean): void {
    const w = this.view();
    const d = this.wordIndex(pageVaddr);
    const ix = d + TLB_ITLB_OFFSET / 4;
    if (this.filled) {
      if (this.filledCount < TRACKED_FILLS) this.filled[this.filledCount++] = d;
      else this.filled = null;
    }
    const addend = hostAddr - pageVaddr;
    const dataHolds = this.holds(w, d + TLB_READ_TAG / 4, pageVaddr) || this.holds(w, d + TLB_WRITE_TAG / 4, pageVaddr);
    if (!forFetch || dataHolds) {
      if (read || write) {
        this.setI64(w, d + TLB_READ_TAG / 4, read ? pageVaddr : -1);
        this.setI64(w, d + TLB_WRITE_TAG / 4, write ? pageVaddr : -1);
        this.setI64(w, d + TLB_ADDEND / 4, addend);
      } else if (dataHolds) {
        w.fill(-1, d, d + 6);
      }
    }
    const fetchHolds = this.holds(w, ix + TLB_EXEC_TAG / 4, pageVaddr);
    if (forFetch || fetchHolds) {
      if (exec) {
        this.setI64(w, ix + TLB_EXEC_TAG / 4, pageVaddr);
        this.setI64(w, ix + TLB_ADDEND / 4, addend);
      } else if (fetchHolds) {
        this.setI64(w, ix + TLB_EXEC_TAG / 4, -1);
      }
    }
  }

  /**
   * The host address of user address vaddr if this TLB maps its page with
   * the right to read (or, with `write`, to write) it, else -1. A hit means
   * the page is present with that right (the memory manager flushes every
   * attached TLB when that changes), which is all a kernel copy from or to
   * user memory needs to know: the fast path of copy_{from,to}_user.
   */
  hostAddr(vaddr: number, write: boolean): number {
    const w = this.view();
    const off = vaddr % PAGE_SIZE;
    const page = vaddr - off;
    const d = this.wordIndex(page);
    if (!this.holds(w, d + (write ? TLB_WRITE_TAG : TLB_READ_TAG) / 4, page)) return -1;
    const a = d + TLB_ADDEND / 4;
    return w[a + 1] * TWO32 + (w[a] >>> 0) + vaddr;
  }

  private holds(w: Int32Array, index: number, pageVaddr: number): boolean {
    const hi = Math.floor(pageVaddr / TWO32);
    return w[index] === ((pageVaddr - hi * TWO32) | 0) && w[index + 1] === (hi | 0);
  }

  /** Forgets the entry that could hold vaddr's page. */
  flushPage(vaddr: number): void {
    const w = this.view();
    const i = this.wordIndex(vaddr);
    w.fill(-1, i, i + 6); // the data table's tags
    w.fill(-1, i + TLB_ITLB_OFFSET / 4, i + TLB_ITLB_OFFSET / 4 + 6); // the instruction table's
  }

  /** Forgets [start, end); the whole TLB when that is cheaper. */
  flushRange(start: number, end: number): void {
    if ((end - start) / PAGE_SIZE >= TLB_ENTRIES) {
      this.flushAll();
      return;
    }
    for (let va = start; va < end; va += PAGE_SIZE) this.flushPage(va);
  }

  flushAll(): void {
    if (this.filled) {
      const w = this.view();
      const it = TLB_ITLB_OFFSET / 4;
      for (let n = 0; n < this.filledCount; n++) {
        const i = this.filled[n];
        w.fill(-1, i, i + 6);
        w.fill(-1, i + it, i + it + 6);
      }
    } else {
      new Uint8Array(this.memory.buffer, this.base, TLB_BYTES).fill(0xff);
      this.filled = new Int32Array(TRACKED_FILLS);
    }
    this.filledCount = 0;
  }

  private wordIndex(vaddr: number): number {
    const entry = Math.floor(vaddr / PAGE_SIZE) % TLB_ENTRIES;
    return (this.base + entry * TLB_ENTRY_SIZE) / 4;
  }

  // Two's-complement i64 from a double that is exact (|v| < 2^53).
  private setI64(w: Int32Array, index: number, v: number): void {
    const hi = Math.floor(v / TWO32);
    w[index] = (v - hi * TWO32) | 0;
    w[index + 1] = hi | 0;
  }

  private view(): Int32Array {
    // A view of a detached buffer (memory.grow) has length 0: a field load, not a call into the engine.
    if (this.words.length === 0) this.words = new Int32Array(this.memory.buffer);
    return this.words;
  }
}
