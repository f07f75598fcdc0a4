// Differential test against qemu-riscv64 (the CPU-semantics oracle,
// DESIGN.md §7): random straight-line programs of integer, M, A, memory,
// branch and CSR-free instructions, assembled for rv64gc (so the assembler
// picks compressed forms where it can), run on both; the register dump and
// the data buffer they write out must match byte for byte.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Machine, runElf } from "./machine.js";

const PROGRAMS = 6;
const LENGTH = 400;
const BUF_BYTES = 1536;
// Registers the generator may write: all but zero, sp, s11 (the buffer) and
// t6 (AMO and LR/SC addresses).
const REGS = [1, 3, 4, ...Array.from({ length: 22 }, (_, i) => i + 5), 28, 29, 30];

const R = ["add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and", "addw", "subw",
  "sllw", "srlw", "sraw", "mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu", "mulw",
  "divw", "divuw", "remw", "remuw"];
const I = ["addi", "slti", "sltiu", "xori", "ori", "andi", "addiw"];
const SHIFTS: Array<[string, number]> = [["slli", 64], ["srli", 64], ["srai", 64], ["slliw", 32], ["srliw", 32], ["sraiw", 32]];
const LOADS: Array<[string, number]> = [["lb", 1], ["lbu", 1], ["lh", 2], ["lhu", 2], ["lw", 4], ["lwu", 4], ["ld", 8]];
const STORES: Array<[string, number]> = [["sb", 1], ["sh", 2], ["sw", 4], ["sd", 8]];
const AMOS = ["amoswap", "amoadd", "amoxor", "amoand", "amoor", "amomin", "amomax", "amominu", "amomaxu"];
const BRANCHES = ["beq", "bne", "blt", "bge", "bltu", "bgeu"];

class Rng {
  constructor(private s: number) {}
  next(n: number): number { // xorshift32, in [0, n)
    this.s ^= this.s << 13;
    this.s ^= this.s >>> 17;
    this.s ^= this.s << 5;
    return (this.s >>> 0) % n;
  }
  pick<T>(xs: readonly T[]): T { return xs[this.next(xs.length)]; }
  reg(): string { return `x${this.pick(REGS)}`; }
  word(): string { return `0x${this.next(0x10000).toString(16)}${this.next(0x10000).toString(16).padStart(4, "0")}`; }
}

function instruction(r: Rng, label: number): string {
  const kind = r.next(100);
  if (kind < 30) return `${r.pick(R)} ${r.reg()}, ${r.reg()}, ${r.reg()}`;
  if (kind < 45) return `${r.pick(I)} ${r.reg()}, ${r.reg()}, ${r.next(4096) - 2048}`;
  if (kind < 55) {
    const [op, bits] = r.pick(SHIFTS);
    return `${op} ${r.reg()}, ${r.reg()}, ${r.next(bits)}`;
  }
  if (kind < 58) return `lui ${r.reg()}, ${r.next(1 << 20)}`;
  if (kind < 70) { // misaligned offsets included
    const [op] = r.pick(LOADS);
    return `${op} ${r.reg()}, ${r.next(BUF_BYTES - 8)}(s11)`;
  }
  if (kind < 80) {
    const [op] = r.pick(STORES);
    return `${op} ${r.reg()}, ${r.next(BUF_BYTES - 8)}(s11)`;
  }
  if (kind < 86) {
    const wide = r.next(2) === 1;
    const off = r.next(BUF_BYTES / 8) * 8 + (wide ? 0 : 4 * r.next(2));
    return `addi t6, s11, ${off}\n${r.pick(AMOS)}.${wide ? "d" : "w"} ${r.reg()}, ${r.reg()}, (t6)`;
  }
  if (kind < 90) {
    const wide = r.next(2) === 1;
    const off = r.next(BUF_BYTES / 8) * 8;
    const sfx = wide ? "d" : "w";
    return `addi t6, s11, ${off}\nlr.${sfx} ${r.reg()}, (t6)\nsc.${sfx} ${r.reg()}, ${r.reg()}, (t6)`;
  }
  // A forward branch over one instruction.
  return `${r.pick(BRANCHES)} ${r.reg()}, ${r.reg()}, 1f${label}\n${r.pick(I)} ${r.reg()}, ${r.reg()}, 7\n1f${label}:`;
}

function program(seed: number): string {
  const r = new Rng(seed * 2654435761 + 1);
  const lines = [".globl _start", "_start:", "la s11, buf"];
  for (const x of REGS) lines.push(`li x${x}, ${r.word()}${r.word().slice(2)}`);
  for (let i = 0; i < LENGTH; i++) lines.push(instruction(r, i).replace(/1f(\d+)/g, "L$1"));
  for (let x = 1; x < 32; x++) if (x !== 2) lines.push(`sd x${x}, ${BUF_BYTES + 8 * x}(s11)`);
  lines.push("li a7, 64", "li a0, 1", "mv a1, s11", `li a2, ${BUF_BYTES + 256}`, "ecall", "li a7, 94", "li a0, 0", "ecall");
  lines.push(".data", ".balign 8", "buf:");
  for (let i = 0; i < (BUF_BYTES + 256) / 8; i++) lines.push(`.quad ${r.word()}${r.word().slice(2)}`);
  return lines.join("\n") + "\n";
}

function hasQemu(): boolean {
  try {
    execFileSync("qemu-riscv64", ["--version"]);
    return true;
  } catch {
    return false;
  }
}

test("random instruction streams match qemu-riscv64", { skip: !hasQemu() && "no qemu-riscv64" }, () => {
  const dir = mkdtempSync(join(tmpdir(), "aramid-qdiff-"));
  try {
    for (let seed = 1; seed <= PROGRAMS; seed++) {
      const src = join(dir, `p${seed}.s`);
      const exe = join(dir, `p${seed}`);
      writeFileSync(src, program(seed));
      execFileSync("riscv64-linux-gnu-gcc", ["-march=rv64gc", "-static", "-nostdlib", "-o", exe, src]);
      const expected = execFileSync("qemu-riscv64", [exe]).toString("hex");
      const got = runElf(new Machine(), new Uint8Array(readFileSync(exe)));
      if (got !== expected) {
        const regs = (hex: string): string[] =>
          Array.from({ length: 32 }, (_, x) => hex.slice((BUF_BYTES + 8 * x) * 2, (BUF_BYTES + 8 * x + 8) * 2));
        const g = regs(got);
        const e = regs(expected);
        const diff = g.map((v, x) => (v !== e[x] ? `x${x}: got ${v} want ${e[x]}` : "")).filter(Boolean);
        let at = 0;
        while (got[at] === expected[at]) at++;
        const where = diff.join("; ") || `data buffer differs from byte ${at >> 1}`;
        assert.fail(`seed ${seed}: ${where} (source ${src})`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
