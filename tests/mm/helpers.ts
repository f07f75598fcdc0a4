// Shared fixtures for the memory-manager tests: a small guest RAM, an
// in-memory FileBacking, and shorthands.

import { FRAMES_BASE, PAGE_SIZE } from "../../src/cpu/layout.js";
import { AddressSpace, type VmaInfo } from "../../src/mm/address-space.js";
import type { FileBacking } from "../../src/mm/file-backing.js";
import { FrameAllocator } from "../../src/mm/frames.js";
import { MAP_ANONYMOUS, MAP_PRIVATE, PROT_READ, PROT_WRITE } from "../../src/mm/mman.js";
import type { SharedObject } from "../../src/mm/shared-object.js";
import { Tlb } from "../../src/mm/tlb.js";

export const P = PAGE_SIZE;
export const RW = PROT_READ | PROT_WRITE;
export const ANON = MAP_PRIVATE | MAP_ANONYMOUS;

export interface Machine {
  memory: WebAssembly.Memory;
  frames: FrameAllocator;
  tlb: Tlb;
  as: AddressSpace;
}

export function machine(frameCount = 1024): Machine {
  const bytes = FRAMES_BASE + frameCount * PAGE_SIZE;
  const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
  const frames = new FrameAllocator(memory, frameCount);
  const tlb = new Tlb(memory, 0);
  tlb.flushAll();
  const as = new AddressSpace(frames);
  as.attachTlb(tlb);
  return { memory, frames, tlb, as };
}

export class MemFile implements FileBacking {
  constructor(
    public data: Uint8Array,
    readonly writable = false,
    readonly path = "/lib/test.so",
    readonly dev = 0x801,
    readonly ino = 42,
  ) {}
  readAt(offset: number, dest: Uint8Array): number {
    const n = Math.max(0, Math.min(dest.length, this.data.length - offset));
    dest.set(this.data.subarray(offset, offset + n));
    return n;
  }
  writeBack(offset: number, src: Uint8Array): void {
    this.data.set(src.subarray(0, Math.max(0, this.data.length - offset)), offset);
  }
  size(): number {
    return this.data.length;
  }
  /** The shared page object while mapped, as an inode keeps it. */
  mapped: SharedObject | null = null;
  sharedPages(make: () => SharedObject): SharedObject {
    return (this.mapped ??= make());
  }
  dropSharedPages(obj: SharedObject): void {
    if (this.mapped === obj) this.mapped = null;
  }
}

/** A file whose byte i is (i * 7 + 3) & 0xff. */
export function patternFile(size: number, writable = false): MemFile {
  const d = new Uint8Array(size);
  for (let i = 0; i < size; i++) d[i] = (i * 7 + 3) & 0xff;
  return new MemFile(d, writable);
}

export function maps(as: AddressSpace): VmaInfo[] {
  return [...as.vmas()];
}

/** Compact "start-end rwxp name" lines, like /proc/PID/maps. */
export function mapLines(as: AddressSpace): string[] {
  return maps(as).map((v) => {
    const perms = (v.flags & 1 ? "r" : "-") + (v.flags & 2 ? "w" : "-") + (v.flags & 4 ? "x" : "-") + (v.shared ? "s" : "p");
    return `${v.start.toString(16)}-${v.end.toString(16)} ${perms}${v.name ? " " + v.name : ""}`;
  });
}

export function byte(as: AddressSpace, addr: number): number {
  const r = as.read(addr, 1);
  if (typeof r === "number") throw new Error(`read ${addr.toString(16)} failed: ${r}`);
  return r[0];
}

export function poke(as: AddressSpace, addr: number, value: number): void {
  const r = as.write(addr, Uint8Array.of(value));
  if (r !== 0) throw new Error(`write ${addr.toString(16)} failed: ${r}`);
}
