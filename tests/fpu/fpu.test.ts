// Bit-exact check of the F/D arithmetic (src/cpu/as/fpu.ts) against
// qemu-riscv64: tests/fpu/oracle.c runs every instruction on interesting
// and random operands under every rounding mode and prints registers and
// fflags; each line is replayed here through execFp (fpu.ts compiled on
// its own into build/fpu/fpu.wasm) and must match exactly.
//
// Outputs are cached under build/fpu/ and rebuilt when a source is newer.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, statSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { HART_BASE, HART_F, HART_FCSR, HART_SIZE, HART_X } from "../../src/cpu/layout.js";
import { BUILD, ROOT } from "../harness/run.js";

const OUT = join(BUILD, "fpu");
const ORACLE_SRC = join(ROOT, "tests", "fpu", "oracle.c");
const ORACLE_BIN = join(OUT, "oracle");
// FPU_ORACLE_ARGS="NRAND NPAIRS NFMA SEED" runs a bigger or differently
// seeded oracle (a stress run); its output is cached under its own name.
const ORACLE_ARGS = (process.env.FPU_ORACLE_ARGS ?? "").split(/\s+/).filter((s) => s.length > 0);
const ORACLE_TXT = join(OUT, ORACLE_ARGS.length > 0 ? `oracle-${ORACLE_ARGS.join("-")}.txt` : "oracle.txt");
const FPU_WASM = join(OUT, "fpu.wasm");
const SELFTEST_WASM = join(OUT, "selftest.wasm");
const AS_DIR = join(ROOT, "src", "cpu", "as");

const SENTINEL = "5a5a5a5a5a5a5a5a";
const HART = HART_BASE; // the single hart block the tests use
const WASM_PAGE = 65536;
// Registers fixed by oracle.c's encodings.
const F_RS1 = 10, F_RS2 = 11, F_RS3 = 12, F_RD = 13, X_RS1 = 11, X_RD = 12;

function mtime(path: string): number {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

function fpuSources(): string[] {
  const fp = join(AS_DIR, "fp");
  const files = [join(AS_DIR, "fpu.ts"), join(ROOT, "src", "cpu", "layout.ts")];
  for (const name of existsSync(fp) ? readdirSync(fp) : []) files.push(join(fp, name));
  return files;
}

function haveTool(name: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${name}`]).status === 0;
}

// Compiles an AssemblyScript entry on its own (so that its exports are
// callable from here) unless the output is newer than every FPU source.
function buildAs(entry: string, out: string): void {
  if (Math.max(...fpuSources().map(mtime)) < mtime(out)) return;
  execFileSync(join(ROOT, "node_modules", ".bin", "asc"), [
    entry, "--runtime", "stub", "--noAssert", "-O3", "--memoryBase", "4096", "--outFile", out,
  ], { cwd: ROOT, stdio: "inherit" });
}

function buildWasm(): void {
  buildAs(join(AS_DIR, "fpu.ts"), FPU_WASM);
}

function buildOracle(): void {
  if (mtime(ORACLE_SRC) > mtime(ORACLE_BIN)) {
    execFileSync("riscv64-linux-gnu-gcc", ["-static", "-O1", "-o", ORACLE_BIN, ORACLE_SRC, "-lm"], { stdio: "inherit" });
  }
  if (mtime(ORACLE_BIN) > mtime(ORACLE_TXT)) {
    const fd = openSync(ORACLE_TXT + ".tmp", "w");
    try {
      execFileSync("qemu-riscv64", [ORACLE_BIN, ...ORACLE_ARGS], { stdio: ["ignore", fd, "inherit"] });
    } finally {
      closeSync(fd);
    }
    renameSync(ORACLE_TXT + ".tmp", ORACLE_TXT);
  }
}

interface Fpu {
  execFp(hart: number, insn: number): number;
  mem: Uint32Array;
}

function loadFpu(): Fpu {
  const module = new WebAssembly.Module(readFileSync(FPU_WASM));
  const inst = new WebAssembly.Instance(module, {
    env: { abort: () => { throw new Error("abort"); } },
  });
  const memory = inst.exports.memory as WebAssembly.Memory;
  const need = Math.ceil((HART + HART_SIZE) / WASM_PAGE) - memory.buffer.byteLength / WASM_PAGE;
  if (need > 0) memory.grow(need);
  return {
    execFp: inst.exports.execFp as (hart: number, insn: number) => number,
    mem: new Uint32Array(memory.buffer),
  };
}

// 64-bit registers as 16-digit hex strings, through 32-bit halves.
function setReg(fpu: Fpu, addr: number, hex: string): void {
  fpu.mem[addr >>> 2] = parseInt(hex.slice(8), 16);
  fpu.mem[(addr >>> 2) + 1] = parseInt(hex.slice(0, 8), 16);
}

function getReg(fpu: Fpu, addr: number): string {
  const lo = fpu.mem[addr >>> 2].toString(16).padStart(8, "0");
  return fpu.mem[(addr >>> 2) + 1].toString(16).padStart(8, "0") + lo;
}

const fAddr = (r: number): number => HART + HART_F + 8 * r;
const xAddr = (r: number): number => HART + HART_X + 8 * r;

// Replays one oracle line; returns a description of the difference or null.
function replay(fpu: Fpu, line: string): string | null {
  const [name, word, frm, a, b, c, x, f13, x12, flags] = line.split(" ");
  setReg(fpu, fAddr(F_RS1), a);
  setReg(fpu, fAddr(F_RS2), b);
  setReg(fpu, fAddr(F_RS3), c);
  setReg(fpu, xAddr(X_RS1), x);
  setReg(fpu, fAddr(F_RD), SENTINEL);
  setReg(fpu, xAddr(X_RD), SENTINEL);
  const fcsr = Number(frm) << 5;
  fpu.mem[(HART + HART_FCSR) >>> 2] = fcsr;
  const ok = fpu.execFp(HART, parseInt(word, 16));
  const gotF = getReg(fpu, fAddr(F_RD));
  const gotX = getReg(fpu, xAddr(X_RD));
  const gotFcsr = fpu.mem[(HART + HART_FCSR) >>> 2];
  const gotFlags = (gotFcsr & 0x1f).toString(16).padStart(2, "0");
  if (ok && gotF === f13 && gotX === x12 && gotFlags === flags && (gotFcsr & ~0x1f) === fcsr) return null;
  return `${name} insn=${word} frm=${frm} a=${a} b=${b} c=${c} x=${x}: want f=${f13} x=${x12} fl=${flags}, ` +
    `got ${ok ? "" : "ILLEGAL "}f=${gotF} x=${gotX} fcsr=${gotFcsr.toString(16)}`;
}

// The oracle's lines, read in chunks (a stress run's output can exceed the
// largest string V8 allows).
function* readLines(path: string): Generator<string> {
  const CHUNK = 1 << 24;
  const buf = Buffer.alloc(CHUNK);
  const fd = openSync(path, "r");
  try {
    let carry = "";
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      const parts = (carry + buf.toString("latin1", 0, n)).split("\n");
      carry = parts.pop() ?? "";
      yield* parts;
    }
    if (carry.length > 0) yield carry;
  } finally {
    closeSync(fd);
  }
}

const tools = haveTool("riscv64-linux-gnu-gcc") && haveTool("qemu-riscv64");

test("F/D arithmetic matches qemu-riscv64 bit for bit", { skip: !tools && "needs riscv64-linux-gnu-gcc and qemu-riscv64" }, () => {
  mkdirSync(OUT, { recursive: true });
  buildWasm();
  buildOracle();
  const fpu = loadFpu();
  const failures: string[] = [];
  const perInsn = new Map<string, number>();
  let count = 0;
  for (const line of readLines(ORACLE_TXT)) {
    count++;
    const diff = replay(fpu, line);
    if (diff === null) continue;
    failures.push(diff);
    const name = line.slice(0, line.indexOf(" "));
    perInsn.set(name, (perInsn.get(name) ?? 0) + 1);
  }
  const summary = [...perInsn].map(([n, k]) => `${n}: ${k}`).join(", ");
  assert.ok(count > 1000, "oracle produced too few cases");
  assert.equal(failures.length, 0,
    `${failures.length}/${count} cases differ (${summary})\n${failures.slice(0, 25).join("\n")}`);
});

// FPU_SELFTEST_ROUNDS raises the number of random rounds (stress run).
const SELFTEST_ROUNDS = Number(process.env.FPU_SELFTEST_ROUNDS ?? 100_000);
const SELFTEST_KINDS = ["fma.d", "fma.s", "add.d", "add.s", "mul.d", "mul.s", "div.d", "div.s",
  "cvt.s.d", "cvt.d.s", "int-to-float", "float-to-int rtz"];

test("hardware-float fast paths agree with the soft-float paths", () => {
  mkdirSync(OUT, { recursive: true });
  buildAs(join(AS_DIR, "fp", "selftest.ts"), SELFTEST_WASM);
  const inst = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(SELFTEST_WASM)), {
    env: { abort: () => { throw new Error("abort"); } },
  });
  const ex = inst.exports as Record<string, unknown>;
  const value = (name: string): bigint | number => (ex[name] as WebAssembly.Global).value as bigint | number;
  const ok = (ex.differential as (n: number, seed: bigint) => number)(SELFTEST_ROUNDS, 1n);
  const hex = (name: string): string => (value(name) as bigint).toString(16);
  assert.equal(ok, 1, `fast path differs: ${SELFTEST_KINDS[value("badKind") as number]} ` +
    `a=${hex("badA")} b=${hex("badB")} c=${hex("badC")}`);
  assert.ok((value("fastHits") as bigint) > BigInt(SELFTEST_ROUNDS), "fast paths were hardly taken");
});

// Encodes an OP-FP instruction.
function opFp(funct5: number, fmt: number, rs2: number, rs1: number, f3: number, rd: number): number {
  return ((funct5 << 27) | (fmt << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | 0x53) >>> 0;
}

function fma(opcode: number, fmt: number, f3: number): number {
  return ((3 << 27) | (fmt << 25) | (2 << 20) | (1 << 15) | (f3 << 12) | (4 << 7) | opcode) >>> 0;
}

test("illegal F/D encodings return false and change nothing", () => {
  mkdirSync(OUT, { recursive: true });
  buildWasm();
  const fpu = loadFpu();
  const RM_USERS = [
    opFp(0x00, 1, 2, 1, 0, 3), opFp(0x03, 0, 2, 1, 0, 3), opFp(0x0b, 1, 0, 1, 0, 3),
    opFp(0x08, 0, 1, 1, 0, 3), opFp(0x08, 1, 0, 1, 0, 3), opFp(0x18, 1, 2, 1, 0, 3),
    opFp(0x1a, 0, 3, 1, 0, 3), fma(0x43, 1, 0), fma(0x4f, 0, 0),
  ];
  const cases: Array<[number, number]> = []; // [insn, frm]
  for (const insn of RM_USERS) {
    for (const rm of [5, 6]) cases.push([(insn | (rm << 12)) >>> 0, 0]);
    for (const frm of [5, 6, 7]) cases.push([(insn | (7 << 12)) >>> 0, frm]);
  }
  cases.push(
    [opFp(0x00, 2, 2, 1, 0, 3), 0], // fadd.h: no Zfh
    [opFp(0x00, 3, 2, 1, 0, 3), 0], // fadd.q: no Q
    [fma(0x43, 3, 0), 0],
    [opFp(0x0b, 1, 1, 1, 0, 3), 0], // fsqrt with rs2 != 0
    [opFp(0x04, 0, 2, 1, 3, 3), 0], // fsgnj funct3 3
    [opFp(0x05, 1, 2, 1, 2, 3), 0], // fmin funct3 2 (Zfa fminm)
    [opFp(0x14, 1, 2, 1, 3, 3), 0], // compare funct3 3
    [opFp(0x08, 0, 0, 1, 0, 3), 0], // fcvt.s.s
    [opFp(0x08, 1, 1, 1, 0, 3), 0], // fcvt.d.d
    [opFp(0x18, 0, 4, 1, 0, 3), 0], // fcvt to int, rs2 4
    [opFp(0x1c, 0, 0, 1, 2, 3), 0], // fmv.x.w funct3 2
    [opFp(0x1c, 1, 1, 1, 0, 3), 0], // fmv.x.d rs2 1
    [opFp(0x1e, 0, 0, 1, 1, 3), 0], // fmv.w.x funct3 1
    [opFp(0x06, 0, 2, 1, 0, 3), 0], // unused funct5
    [opFp(0x1f, 1, 0, 1, 0, 3), 0],
  );
  const base = (HART >>> 2);
  for (let i = 0; i < HART_SIZE / 4; i++) fpu.mem[base + i] = (i * 0x9e3779b1) >>> 0;
  for (const [insn, frm] of cases) {
    fpu.mem[(HART + HART_FCSR) >>> 2] = (frm << 5) | 0x3;
    const before = fpu.mem.slice(base, base + HART_SIZE / 4);
    const ok = fpu.execFp(HART, insn);
    assert.equal(ok, 0, `insn ${insn.toString(16)} frm=${frm} should be illegal`);
    assert.deepEqual(fpu.mem.slice(base, base + HART_SIZE / 4), before, `insn ${insn.toString(16)} changed state`);
  }
});

test("x0 reads as zero and integer results to x0 are discarded", () => {
  mkdirSync(OUT, { recursive: true });
  buildWasm();
  const fpu = loadFpu();
  setReg(fpu, xAddr(0), "0000000000000000");
  setReg(fpu, fAddr(1), "3ff0000000000000");
  fpu.mem[(HART + HART_FCSR) >>> 2] = 0;
  for (const insn of [opFp(0x14, 1, 1, 1, 2, 0), opFp(0x1c, 1, 0, 1, 1, 0), opFp(0x18, 1, 2, 1, 0, 0),
    opFp(0x1c, 1, 0, 1, 0, 0)]) {
    assert.equal(fpu.execFp(HART, insn), 1);
    assert.equal(getReg(fpu, xAddr(0)), "0000000000000000");
  }
  // fcvt.d.l f3, x0 and fmv.d.x f3, x0 ignore whatever x0's slot holds.
  setReg(fpu, xAddr(0), "4000000000000000");
  for (const insn of [opFp(0x1a, 1, 2, 0, 0, 3), opFp(0x1e, 1, 0, 0, 0, 3)]) {
    setReg(fpu, fAddr(3), SENTINEL);
    assert.equal(fpu.execFp(HART, insn), 1);
    assert.equal(getReg(fpu, fAddr(3)), "0000000000000000");
  }
});
