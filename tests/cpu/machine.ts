// Test helper: a one-hart machine over a small WebAssembly.Memory of the
// kernel's layout, whose TLB the test fills by hand, plus an assembler
// wrapper (riscv64-linux-gnu-as) for placing code.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Cpu } from "../../src/cpu/cpu.js";
import { loadCpuModule } from "../../src/host/cpu-module-node.js";
import {
  FRAMES_BASE,
  PAGE_SIZE,
  TLB_BASE,
  TLB_ENTRIES,
  TLB_ENTRY_SIZE,
  TLB_READ_TAG,
  TLB_WRITE_TAG,
  TLB_EXEC_TAG,
  TLB_ADDEND,
} from "../../src/cpu/layout.js";

const WASM_PAGE = 65536;
const FRAMES = 64;
const INVALID = -1n;

export const CODE = 0x10000n;
export const DATA = 0x20000n;

export class Machine {
  readonly memory: WebAssembly.Memory;
  readonly cpu: Cpu;
  readonly bytes: Uint8Array;
  readonly view: DataView;
  time = 12345n;
  private nextFrame = 0;
  private readonly frames = new Map<bigint, number>();

  constructor() {
    const size = FRAMES_BASE + FRAMES * PAGE_SIZE;
    this.memory = new WebAssembly.Memory({ initial: Math.ceil(size / WASM_PAGE) });
    this.cpu = Cpu.create(this.memory, loadCpuModule(), () => this.time);
    this.bytes = new Uint8Array(this.memory.buffer);
    this.view = new DataView(this.memory.buffer);
    for (let i = 0; i < TLB_ENTRIES; i++) this.setEntry(i, INVALID, INVALID, INVALID, 0n);
  }

  /** Maps the page at `va` to a fresh frame (or its old one) with `perms` ⊆ "rwx". */
  map(va: bigint, perms = "rwx"): void {
    let frame = this.frames.get(va);
    if (frame === undefined) {
      frame = this.nextFrame++;
      this.frames.set(va, frame);
    }
    const addend = BigInt(FRAMES_BASE + frame * PAGE_SIZE) - va;
    const tag = (p: string): bigint => (perms.includes(p) ? va : INVALID);
    this.setEntry(this.index(va), tag("r"), tag("w"), tag("x"), addend);
  }

  unmap(va: bigint): void {
    this.setEntry(this.index(va), INVALID, INVALID, INVALID, 0n);
  }

  /** Host offset of guest byte `va` (its page must have been mapped once). */
  host(va: bigint): number {
    const page = va & ~0xfffn;
    const frame = this.frames.get(page);
    if (frame === undefined) throw new Error(`page ${page.toString(16)} never mapped`);
    return FRAMES_BASE + frame * PAGE_SIZE + Number(va - page);
  }

  write(va: bigint, data: Uint8Array): void {
    for (let i = 0; i < data.length; i++) this.bytes[this.host(va + BigInt(i))] = data[i];
  }

  read(va: bigint, n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.bytes[this.host(va + BigInt(i))];
    return out;
  }

  read64(va: bigint): bigint {
    return new DataView(this.read(va, 8).buffer).getBigUint64(0, true);
  }

  write64(va: bigint, v: bigint): void {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, v), true);
    this.write(va, b);
  }

  /** Assembles `src`, maps its pages rwx at `at`, and points pc at it. */
  load(src: string, at = CODE): Uint8Array {
    const code = assemble(src, at);
    for (let p = at & ~0xfffn; p < at + BigInt(code.length); p += 0x1000n) this.map(p);
    this.write(at, code);
    this.cpu.setPc(0, at);
    return code;
  }

  run(budget = 1_000_000): number {
    return this.cpu.run(0, budget);
  }

  x(i: number): bigint {
    return BigInt.asUintN(64, this.cpu.getX(0, i));
  }

  private index(va: bigint): number {
    return Number((va >> 12n) & BigInt(TLB_ENTRIES - 1));
  }

  private setEntry(i: number, r: bigint, w: bigint, x: bigint, addend: bigint): void {
    const e = TLB_BASE + i * TLB_ENTRY_SIZE;
    this.view.setBigInt64(e + TLB_READ_TAG, r, true);
    this.view.setBigInt64(e + TLB_WRITE_TAG, w, true);
    this.view.setBigInt64(e + TLB_EXEC_TAG, x, true);
    this.view.setBigInt64(e + TLB_ADDEND, addend, true);
  }
}

/**
 * Assembles RISC-V source (rv64gc) and links it at address `at` without
 * relaxation, so that `la` and branches resolve; returns the raw bytes.
 */
export function assemble(src: string, at = CODE): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), "aramid-cpu-"));
  try {
    writeFileSync(join(dir, "a.s"), src + "\n");
    execFileSync("riscv64-linux-gnu-as", ["-march=rv64gc", "-mno-relax", "-o", join(dir, "a.o"), join(dir, "a.s")]);
    execFileSync("riscv64-linux-gnu-ld", [
      "--no-relax", "-e", "0", `-Ttext=0x${at.toString(16)}`, "-o", join(dir, "a.elf"), join(dir, "a.o"),
    ]);
    execFileSync("riscv64-linux-gnu-objcopy", ["-O", "binary", "-j", ".text", join(dir, "a.elf"), join(dir, "a.bin")]);
    return new Uint8Array(readFileSync(join(dir, "a.bin")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Little-endian bytes of 32-bit instruction words. */
export function w32(...ws: number[]): Uint8Array {
  const out = new Uint8Array(ws.length * 4);
  const dv = new DataView(out.buffer);
  ws.forEach((w, i) => dv.setUint32(i * 4, w >>> 0, true));
  return out;
}

/** Little-endian bytes of 16-bit (compressed) instruction parcels. */
export function w16(...ws: number[]): Uint8Array {
  const out = new Uint8Array(ws.length * 2);
  const dv = new DataView(out.buffer);
  ws.forEach((w, i) => dv.setUint16(i * 2, w & 0xffff, true));
  return out;
}
