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
  TLB_ITLB_OFFSET,
  TLB_ADDEND,
  EXIT_BUDGET,
  EXIT_ECALL,
} from "../../src/cpu/layout.js";

const WASM_PAGE = 65536;
const DEFAULT_FRAMES = 64;
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

  constructor(frames = DEFAULT_FRAMES) {
    const size = FRAMES_BASE + frames * PAGE_SIZE;
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
    for (let done = 0; done < data.length; ) {
      const n = Math.min(data.length - done, this.pageRoom(va + BigInt(done)));
      this.bytes.set(data.subarray(done, done + n), this.host(va + BigInt(done)));
      done += n;
    }
  }

  read(va: bigint, n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let done = 0; done < n; ) {
      const k = Math.min(n - done, this.pageRoom(va + BigInt(done)));
      const h = this.host(va + BigInt(done));
      out.set(this.bytes.subarray(h, h + k), done);
      done += k;
    }
    return out;
  }

  private pageRoom(va: bigint): number {
    return PAGE_SIZE - Number(va & 0xfffn);
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

  /** The data table gets the read/write tags, the instruction table (TLB_ITLB_OFFSET) the exec tag. */
  private setEntry(i: number, r: bigint, w: bigint, x: bigint, addend: bigint): void {
    const e = TLB_BASE + i * TLB_ENTRY_SIZE;
    this.view.setBigInt64(e + TLB_READ_TAG, r, true);
    this.view.setBigInt64(e + TLB_WRITE_TAG, w, true);
    this.view.setBigInt64(e + TLB_EXEC_TAG, -1n, true);
    this.view.setBigInt64(e + TLB_ADDEND, addend, true);
    const ie = e + TLB_ITLB_OFFSET;
    this.view.setBigInt64(ie + TLB_READ_TAG, -1n, true);
    this.view.setBigInt64(ie + TLB_WRITE_TAG, -1n, true);
    this.view.setBigInt64(ie + TLB_EXEC_TAG, x, true);
    this.view.setBigInt64(ie + TLB_ADDEND, addend, true);
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

/**
 * Assembles many programs in one assembler run: program k is given its base
 * offset `k * stride` (to use in its `.org` directives) and gets the bytes
 * [k * stride, (k + 1) * stride) of the image, linked at `at`.
 */
export function assembleMany(count: number, stride: number, src: (base: number, k: number) => string): Uint8Array[] {
  const parts: string[] = [];
  for (let k = 0; k < count; k++) parts.push(src(k * stride, k));
  parts.push(`.org ${count * stride}`);
  const image = assemble(parts.join("\n"));
  return Array.from({ length: count }, (_, k) => image.subarray(k * stride, (k + 1) * stride));
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

const PT_LOAD = 1;
const SYS_WRITE = 64n;
const SYS_EXIT_GROUP = 94n;
const ENOSYS = 38n;
const STACK_TOP = 0x7fff0000n;
const STACK_PAGES = 16;

/** Maps a static ELF's PT_LOAD segments and a stack; returns the entry point. */
export function loadElf(m: Machine, elf: Uint8Array): bigint {
  const dv = new DataView(elf.buffer, elf.byteOffset, elf.byteLength);
  const phoff = Number(dv.getBigUint64(0x20, true));
  const phentsize = dv.getUint16(0x36, true);
  for (let i = 0; i < dv.getUint16(0x38, true); i++) {
    const ph = phoff + i * phentsize;
    if (dv.getUint32(ph, true) !== PT_LOAD) continue;
    const off = Number(dv.getBigUint64(ph + 8, true));
    const va = dv.getBigUint64(ph + 16, true);
    const filesz = Number(dv.getBigUint64(ph + 32, true));
    const memsz = dv.getBigUint64(ph + 40, true);
    for (let p = va & ~0xfffn; p < va + memsz; p += 0x1000n) m.map(p);
    m.write(va, elf.subarray(off, off + filesz));
  }
  for (let i = 1; i <= STACK_PAGES; i++) m.map(STACK_TOP - BigInt(i) * 0x1000n, "rw");
  m.cpu.setX(0, 2, STACK_TOP - 64n);
  return dv.getBigUint64(0x18, true);
}

/**
 * Runs a freestanding static program that only uses write and exit_group
 * (other syscalls get -ENOSYS); returns what it wrote.
 */
export function runElf(m: Machine, elf: Uint8Array, slice = 1_000_000): string {
  m.cpu.setPc(0, loadElf(m, elf));
  let out = "";
  for (;;) {
    const cause = m.run(slice);
    if (cause === EXIT_BUDGET) continue;
    if (cause !== EXIT_ECALL) throw new Error(`exit ${cause} at ${m.cpu.getPc(0).toString(16)}`);
    const nr = m.x(17);
    if (nr === SYS_EXIT_GROUP) return out;
    if (nr === SYS_WRITE) {
      out += Buffer.from(m.read(m.x(11), Number(m.x(12)))).toString("hex");
      m.cpu.setX(0, 10, m.x(12));
    } else {
      m.cpu.setX(0, 10, -ENOSYS);
    }
    m.cpu.setPc(0, m.cpu.getPc(0) + 4n);
  }
}
