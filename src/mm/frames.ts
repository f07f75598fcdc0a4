// Guest physical RAM: 4 KiB frames inside the one WebAssembly.Memory, frame n
// at FRAMES_BASE + n * PAGE_SIZE, each with a reference count. Free frames sit
// on a stack, so alloc and free are O(1).
//
// The frame area must be all zero when the allocator is constructed (true of
// a fresh WebAssembly.Memory): frames are cleared on reuse, not on first use.

import { FRAMES_BASE, PAGE_SIZE } from "../cpu/layout.js";

export class FrameAllocator {
  readonly total: number;
  private readonly memory: WebAssembly.Memory;
  private readonly refs: Int32Array;
  private readonly freeStack: Int32Array;
  private freeTop = 0;
  /**
   * Frames from here up have never been handed out. Fresh wasm memory is
   * zero, so such a frame needs no clearing (and clearing it would make the
   * host commit the page early).
   */
  private fresh = 0;
  private view: Uint8Array;
  private dataView: DataView;
  // A frame of zeros, never freed and never written: anonymous pages that
  // have only been read map it, as Linux maps its zero page.
  readonly zeroFrame: number;

  constructor(memory: WebAssembly.Memory, frameCount: number) {
    if (!Number.isInteger(frameCount) || frameCount < 1) {
      throw new RangeError(`bad frame count ${frameCount}`);
    }
    if (FRAMES_BASE + frameCount * PAGE_SIZE > memory.buffer.byteLength) {
      throw new RangeError(`${frameCount} frames do not fit in the memory`);
    }
    this.memory = memory;
    this.total = frameCount;
    this.refs = new Int32Array(frameCount);
    this.freeStack = new Int32Array(frameCount);
    this.view = new Uint8Array(memory.buffer);
    this.dataView = new DataView(memory.buffer);
    this.zeroFrame = this.alloc();
  }

  /** Frames not in use (the zero frame counts as used). */
  get free(): number {
    return this.freeTop + (this.total - this.fresh);
  }

  /**
   * A zeroed frame with reference count 1, or -1 when RAM is exhausted.
   * Freed frames are reused first (and zeroed); then frames never handed out
   * (still zero), from 0 upwards: nothing is set up per frame at boot.
   */
  alloc(): number {
    let f: number;
    if (this.freeTop > 0) {
      f = this.freeStack[--this.freeTop];
      const start = FRAMES_BASE + f * PAGE_SIZE;
      this.u8().fill(0, start, start + PAGE_SIZE);
    } else if (this.fresh < this.total) {
      f = this.fresh++;
    } else {
      return -1;
    }
    this.refs[f] = 1;
    return f;
  }

  ref(f: number): void {
    this.refs[f]++;
  }

  /** Drops one reference; the frame goes back to the free stack at zero. */
  unref(f: number): void {
    const n = --this.refs[f];
    if (n === 0) this.freeStack[this.freeTop++] = f;
    else if (n < 0) throw new Error(`frame ${f} unreferenced below zero`);
  }

  refCount(f: number): number {
    return this.refs[f];
  }

  hostAddr(f: number): number {
    return FRAMES_BASE + f * PAGE_SIZE;
  }

  /** A view of the frame's 4096 bytes (valid until the memory grows). */
  bytes(f: number): Uint8Array {
    const start = FRAMES_BASE + f * PAGE_SIZE;
    return this.u8().subarray(start, start + PAGE_SIZE);
  }

  /** A view of `len` bytes at `off` in frame f (one allocation, not two). */
  slice(f: number, off: number, len: number): Uint8Array {
    const start = FRAMES_BASE + f * PAGE_SIZE + off;
    return this.u8().subarray(start, start + len);
  }

  /** A view of `len` bytes at host address `addr` (inside a frame). */
  hostBytes(addr: number, len: number): Uint8Array {
    return this.u8().subarray(addr, addr + len);
  }

  /** A DataView over the whole memory, addressed by hostAddr (for scalar access). */
  data(): DataView {
    if (this.view.length === 0) this.refreshViews();
    return this.dataView;
  }

  /** The whole memory as bytes, addressed by hostAddr (short kernel copies without a view per frame). */
  memoryBytes(): Uint8Array {
    return this.u8();
  }

  // memory.grow() detaches the old buffer, and views of a detached buffer
  // have length 0: checking that is a field load, where memory.buffer is a
  // call into the engine.
  private u8(): Uint8Array {
    if (this.view.length === 0) this.refreshViews();
    return this.view;
  }

  private refreshViews(): void {
    this.view = new Uint8Array(this.memory.buffer);
    this.dataView = new DataView(this.memory.buffer);
  }
}
