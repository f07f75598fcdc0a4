// The A extension: every AMO in .w and .d against a reference model,
// LR/SC reservation rules, alignment and permission exits.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Machine, CODE, DATA } from "./machine.js";
import { EXIT_EBREAK, EXIT_MISALIGNED, EXIT_STORE_FAULT, EXIT_LOAD_FAULT } from "../../src/cpu/layout.js";

const s64 = (v: bigint): bigint => BigInt.asIntN(64, v);
const u64 = (v: bigint): bigint => BigInt.asUintN(64, v);

type Amo = (a: bigint, b: bigint, bits: bigint) => bigint;
const AMOS: Record<string, Amo> = {
  amoswap: (_a, b) => b,
  amoadd: (a, b) => a + b,
  amoxor: (a, b) => a ^ b,
  amoand: (a, b) => a & b,
  amoor: (a, b) => a | b,
  amomin: (a, b, n) => (BigInt.asIntN(Number(n), a) < BigInt.asIntN(Number(n), b) ? a : b),
  amomax: (a, b, n) => (BigInt.asIntN(Number(n), a) > BigInt.asIntN(Number(n), b) ? a : b),
  amominu: (a, b, n) => (BigInt.asUintN(Number(n), a) < BigInt.asUintN(Number(n), b) ? a : b),
  amomaxu: (a, b, n) => (BigInt.asUintN(Number(n), a) > BigInt.asUintN(Number(n), b) ? a : b),
};

const OPERANDS: Array<[bigint, bigint]> = [
  [5n, 7n],
  [-1n, 1n],
  [0x80000000n, 0x7fffffffn],
  [0xfffffffff0000000n, 0x0000000080000001n],
  [-(1n << 63n), (1n << 63n) - 1n],
];

test("every AMO .w and .d returns the old value and stores op(old, rs2)", () => {
  const names = Object.keys(AMOS);
  for (const width of ["w", "d"] as const) {
    const bits = width === "w" ? 32n : 64n;
    const m = new Machine();
    m.load(names.map((op, k) => `addi s0, s1, ${8 * k}\n${op}.${width}.aqrl t${k % 3}, a1, (s0)\nsd t${k % 3}, ${8 * k}(s2)`).join("\n") + "\nebreak");
    m.map(DATA, "rw");
    for (const [a, b] of OPERANDS) {
      names.forEach((_, k) => m.write64(DATA + BigInt(8 * k), a));
      m.cpu.setPc(0, CODE);
      m.cpu.setX(0, 9, DATA);
      m.cpu.setX(0, 18, DATA + 0x800n);
      m.cpu.setX(0, 11, b);
      assert.equal(m.run(), EXIT_EBREAK);
      names.forEach((op, k) => {
        const what = `${op}.${width} ${a} ${b}`;
        const mem = m.read64(DATA + BigInt(8 * k));
        const rd = m.read64(DATA + 0x800n + BigInt(8 * k));
        const expected = BigInt.asUintN(Number(bits), AMOS[op](a, b, bits));
        if (width === "w") {
          assert.equal(mem & 0xffffffffn, expected, `${what}: memory`);
          assert.equal(mem >> 32n, u64(a) >> 32n, `${what}: upper word untouched`);
          assert.equal(rd, u64(BigInt.asIntN(32, a)), `${what}: rd sign-extended`);
        } else {
          assert.equal(mem, expected, `${what}: memory`);
          assert.equal(rd, u64(a), `${what}: rd`);
        }
      });
    }
  }
});

test("LR/SC: success, failure without or with another reservation, always cleared", () => {
  const m = new Machine();
  m.load(`
    lr.d a0, (s0)
    addi a0, a0, 1
    sc.d a1, a0, (s0)     # succeeds: a1 = 0
    sc.d a2, a0, (s0)     # reservation gone: a2 = 1
    lr.w a3, (s1)
    sc.w a4, a0, (s0)     # other address: fails, clears
    sc.w a5, a0, (s1)     # cleared by the failed sc: fails
    lr.w.aq a3, (s1)
    sc.w.rl a6, a0, (s1)  # succeeds
    ebreak`);
  m.map(DATA, "rw");
  m.write64(DATA, 41n);
  m.write64(DATA + 8n, 0xffffffff80000000n);
  m.cpu.setX(0, 8, DATA);
  m.cpu.setX(0, 9, DATA + 8n);
  assert.equal(m.run(), EXIT_EBREAK);
  assert.equal(m.x(10), 42n);
  assert.equal(m.x(11), 0n);
  assert.equal(m.x(12), 1n);
  assert.equal(m.x(13), u64(-0x80000000n));
  assert.equal(m.x(14), 1n);
  assert.equal(m.x(15), 1n);
  assert.equal(m.x(16), 0n);
  assert.equal(m.read64(DATA), 42n);
  assert.equal(m.read64(DATA + 8n), 0xffffffff0000002an);
});

test("misaligned LR, SC and AMO exit with EXIT_MISALIGNED and change nothing", () => {
  for (const [insn, addr] of [
    ["amoadd.w a0, a1, (s0)", DATA + 2n],
    ["amoswap.d a0, a1, (s0)", DATA + 4n],
    ["lr.d a0, (s0)", DATA + 4n],
    ["lr.w a0, (s0)", DATA + 1n],
    ["sc.w a0, a1, (s0)", DATA + 6n],
  ] as const) {
    const m = new Machine();
    m.load(`${insn}\nebreak`);
    m.map(DATA, "rw");
    m.cpu.setX(0, 8, addr);
    m.cpu.setX(0, 10, 99n);
    m.cpu.setX(0, 11, 5n);
    assert.equal(m.run(), EXIT_MISALIGNED, insn);
    assert.equal(m.cpu.exitTval(0), addr, insn);
    assert.equal(m.cpu.getPc(0), CODE, insn);
    assert.equal(m.x(10), 99n, insn);
    assert.equal(m.read64(DATA), 0n, insn);
  }
});

test("AMOs and a held SC need the write tag; LR needs the read tag", () => {
  const m = new Machine();
  m.load(`lr.d a0, (s0)\nsc.d a1, a2, (s0)\namoor.d a3, a2, (s0)\nebreak`);
  m.cpu.setX(0, 8, DATA);
  m.cpu.setX(0, 12, 0xf0n);
  assert.equal(m.run(), EXIT_LOAD_FAULT);
  assert.equal(m.cpu.exitTval(0), DATA);
  m.map(DATA, "r");
  m.write64(DATA, 0x0fn);
  assert.equal(m.run(), EXIT_STORE_FAULT); // the sc, reservation still held
  assert.equal(m.cpu.getPc(0), CODE + 4n);
  assert.equal(m.cpu.exitTval(0), DATA);
  m.map(DATA, "rw");
  assert.equal(m.run(), EXIT_EBREAK);
  assert.equal(m.x(11), 0n);
  assert.equal(m.x(13), 0xf0n);
  assert.equal(m.read64(DATA), 0xf0n);
});

test("a failing SC writes rd = 1 without touching memory or needing the page", () => {
  const m = new Machine();
  m.load(`sc.d a1, a2, (s0)\nebreak`);
  m.cpu.setX(0, 8, DATA);
  assert.equal(m.run(), EXIT_EBREAK);
  assert.equal(m.x(11), 1n);
  assert.equal(s64(m.x(11)), 1n);
});
