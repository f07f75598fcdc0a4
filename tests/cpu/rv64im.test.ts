// RV64I and M: register-register and register-immediate operations checked
// against BigInt reference models over edge-case operands, plus branches,
// jumps, LUI/AUIPC, x0 and the instruction budget.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Machine, CODE, DATA, assemble } from "./machine.js";
import { EXIT_BUDGET, EXIT_EBREAK, EXIT_ECALL } from "../../src/cpu/layout.js";

const s64 = (v: bigint): bigint => BigInt.asIntN(64, v);
const u64 = (v: bigint): bigint => BigInt.asUintN(64, v);
const s32 = (v: bigint): bigint => BigInt.asIntN(32, v);
const u32 = (v: bigint): bigint => BigInt.asUintN(32, v);
const MIN64 = -(1n << 63n);
const MIN32 = -(1n << 31n);

const VALUES: bigint[] = ([
  0n, 1n, 2n, 3n, 7n, 31n, 32n, 63n, 64n, -1n, -2n, -7n, MIN64, (1n << 63n) - 1n,
  0x7fffffffn, 0x80000000n, 0xffffffffn, -0x80000000n, 0x123456789abcdef0n, 0xfedcba9876543210n,
]).map(s64);

type Op2 = (a: bigint, b: bigint) => bigint;

function div(a: bigint, b: bigint, min: bigint): bigint {
  if (b === 0n) return -1n;
  if (a === min && b === -1n) return min;
  return a / b;
}
function rem(a: bigint, b: bigint, min: bigint): bigint {
  if (b === 0n) return a;
  if (a === min && b === -1n) return 0n;
  return a % b;
}

// Each model gets operands as signed 64-bit values and returns the rd value.
const R_OPS: Record<string, Op2> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  sll: (a, b) => a << (b & 63n),
  slt: (a, b) => (a < b ? 1n : 0n),
  sltu: (a, b) => (u64(a) < u64(b) ? 1n : 0n),
  xor: (a, b) => a ^ b,
  srl: (a, b) => u64(a) >> (b & 63n),
  sra: (a, b) => a >> (b & 63n),
  or: (a, b) => a | b,
  and: (a, b) => a & b,
  addw: (a, b) => s32(a + b),
  subw: (a, b) => s32(a - b),
  sllw: (a, b) => s32(a << (b & 31n)),
  srlw: (a, b) => s32(u32(a) >> (b & 31n)),
  sraw: (a, b) => s32(a) >> (b & 31n),
  mul: (a, b) => a * b,
  mulh: (a, b) => (a * b) >> 64n,
  mulhsu: (a, b) => (a * u64(b)) >> 64n,
  mulhu: (a, b) => (u64(a) * u64(b)) >> 64n,
  div: (a, b) => div(a, b, MIN64),
  divu: (a, b) => (b === 0n ? -1n : u64(a) / u64(b)),
  rem: (a, b) => rem(a, b, MIN64),
  remu: (a, b) => (b === 0n ? a : u64(a) % u64(b)),
  mulw: (a, b) => s32(a * b),
  divw: (a, b) => s32(div(s32(a), s32(b), MIN32)),
  divuw: (a, b) => s32(u32(b) === 0n ? -1n : u32(a) / u32(b)),
  remw: (a, b) => s32(rem(s32(a), s32(b), MIN32)),
  remuw: (a, b) => s32(u32(b) === 0n ? u32(a) : u32(a) % u32(b)),
};

/** Runs code that stores results to DATA[8*k] for operands a0, a1; returns them. */
function runTable(m: Machine, code: bigint, a: bigint, b: bigint, n: number): bigint[] {
  m.cpu.setPc(0, code);
  m.cpu.setX(0, 10, a);
  m.cpu.setX(0, 11, b);
  m.cpu.setX(0, 8, DATA);
  assert.equal(m.run(), EXIT_EBREAK);
  return Array.from({ length: n }, (_, k) => s64(m.read64(DATA + BigInt(8 * k))));
}

test("register-register ops (RV64I, M) match the reference on edge operands", () => {
  const m = new Machine();
  const names = Object.keys(R_OPS);
  m.load(names.map((op, k) => `${op} t0, a0, a1\nsd t0, ${8 * k}(s0)`).join("\n") + "\nebreak");
  m.map(DATA, "rw");
  for (const a of VALUES) {
    for (const b of VALUES) {
      const got = runTable(m, CODE, a, b, names.length);
      names.forEach((op, k) => {
        assert.equal(got[k], s64(R_OPS[op](a, b)), `${op} ${a} ${b}`);
      });
    }
  }
});

test("register-immediate ops match the reference", () => {
  const imms = [0n, 1n, -1n, 5n, 2047n, -2048n, 0x555n];
  const shamts = [0n, 1n, 5n, 31n, 32n, 63n];
  const ops: Array<[string, bigint, Op2]> = [];
  for (const i of imms) {
    ops.push([`addi`, i, (a) => a + i], [`slti`, i, (a) => (a < i ? 1n : 0n)]);
    ops.push([`sltiu`, i, (a) => (u64(a) < u64(i) ? 1n : 0n)], [`xori`, i, (a) => a ^ i]);
    ops.push([`ori`, i, (a) => a | i], [`andi`, i, (a) => a & i], [`addiw`, i, (a) => s32(a + i)]);
  }
  for (const s of shamts) {
    ops.push([`slli`, s, (a) => a << s], [`srli`, s, (a) => u64(a) >> s], [`srai`, s, (a) => a >> s]);
    if (s < 32n) {
      ops.push([`slliw`, s, (a) => s32(a << s)], [`srliw`, s, (a) => s32(u32(a) >> s)]);
      ops.push([`sraiw`, s, (a) => s32(a) >> s]);
    }
  }
  const m = new Machine();
  m.load(ops.map(([op, i], k) => `${op} t0, a0, ${i}\nsd t0, ${8 * k}(s0)`).join("\n") + "\nebreak");
  m.map(DATA, "rw");
  for (const a of VALUES) {
    const got = runTable(m, CODE, a, 0n, ops.length);
    ops.forEach(([op, i, f], k) => assert.equal(got[k], s64(f(a, 0n)), `${op} ${a}, ${i}`));
  }
});

test("branches take the right direction", () => {
  const conds: Record<string, (a: bigint, b: bigint) => boolean> = {
    beq: (a, b) => a === b,
    bne: (a, b) => a !== b,
    blt: (a, b) => a < b,
    bge: (a, b) => a >= b,
    bltu: (a, b) => u64(a) < u64(b),
    bgeu: (a, b) => u64(a) >= u64(b),
  };
  const names = Object.keys(conds);
  const src = names
    .map((op, k) => `li t0, 0\n${op} a0, a1, 1f\nli t0, 2\n1: addi t0, t0, 1\nsd t0, ${8 * k}(s0)`)
    .join("\n");
  const m = new Machine();
  m.load(src + "\nebreak");
  m.map(DATA, "rw");
  for (const a of VALUES) {
    for (const b of [0n, 1n, -1n, MIN64, a]) {
      const got = runTable(m, CODE, a, b, names.length);
      names.forEach((op, k) => assert.equal(got[k], conds[op](a, b) ? 1n : 3n, `${op} ${a} ${b}`));
    }
  }
});

test("jal, jalr (bit 0 cleared, rd = rs1), lui, auipc, x0", () => {
  const m = new Machine();
  m.load(`
    .option norvc
    jal ra, 1f          # 0x00
    ebreak              # 0x04
  1: lui a0, 0xfffff     # 0x08
    auipc a1, 0x1       # 0x0c
    la a2, 2f           # 0x10, 0x14
    addi a2, a2, 1      # 0x18: odd target, bit 0 must be cleared
    jalr a2, 0(a2)      # 0x1c: rd == rs1
    ebreak
  2: addi x0, x0, 5
    add a3, x0, x0
    lui x0, 1
    ori a4, x0, 0
    jalr x0, 0(ra)`);
  assert.equal(m.run(), EXIT_EBREAK);
  assert.equal(m.cpu.getPc(0), CODE + 4n);
  assert.equal(m.x(1), CODE + 4n);
  assert.equal(m.x(10), u64(-4096n));
  assert.equal(m.x(11), CODE + 0x0cn + 0x1000n);
  assert.equal(m.x(12), CODE + 0x20n);
  assert.equal(m.x(13), 0n);
  assert.equal(m.x(14), 0n);
  assert.equal(m.x(0), 0n);
});

test("the budget stops after exactly that many instructions", () => {
  const m = new Machine();
  m.load(`.option norvc\nli a0, 0\n1: addi a0, a0, 1\nj 1b`);
  const before = m.cpu.instret(0);
  assert.equal(m.run(7), EXIT_BUDGET);
  assert.equal(m.cpu.instret(0) - before, 7n);
  assert.equal(m.x(10), 3n);
  assert.equal(m.cpu.getPc(0), CODE + 4n);
  assert.equal(m.run(0), EXIT_BUDGET);
  assert.equal(m.cpu.instret(0) - before, 7n);
});

test("ecall and ebreak exit with pc at the instruction, not retired", () => {
  const m = new Machine();
  m.load(`.option norvc\nli a7, 93\necall\nebreak`);
  assert.equal(m.run(), EXIT_ECALL);
  assert.equal(m.cpu.getPc(0), CODE + 4n);
  assert.equal(m.cpu.instret(0), 1n);
  assert.equal(m.x(17), 93n);
  m.cpu.setPc(0, CODE + 8n);
  assert.equal(m.run(), EXIT_EBREAK);
  assert.equal(m.cpu.getPc(0), CODE + 8n);
  assert.equal(m.cpu.instret(0), 1n);
});

test("assembler sanity: ecall encodes as 0x00000073", () => {
  assert.deepEqual([...assemble("ecall")], [0x73, 0, 0, 0]);
});

test("a pc with bit 0 set (from the kernel) runs from the even address", () => {
  const m = new Machine();
  m.load(`.option norvc\nli a0, 5\nebreak`);
  m.cpu.setPc(0, CODE + 1n);
  assert.equal(m.run(), EXIT_EBREAK);
  assert.equal(m.x(10), 5n);
});

test("fences execute as no-ops; c.ebreak exits with pc at it", () => {
  const m = new Machine();
  m.load(`
    .option norvc
    fence
    fence rw, rw
    fence.tso
    .4byte 0x0100000f   # pause (Zihintpause): fence w, 0
    fence.i
    li a0, 9
    .option rvc
    c.ebreak`);
  assert.equal(m.run(), EXIT_EBREAK);
  assert.equal(m.x(10), 9n);
  assert.equal(m.cpu.getPc(0), CODE + 24n);
  assert.equal(m.cpu.instret(0), 6n);
  assert.equal(m.cpu.exitTval(0), 0n);
});
