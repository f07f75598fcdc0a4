// Loads and stores through the software TLB: widths and extension,
// misaligned and page-crossing accesses, faults that commit nothing and
// succeed after the TLB is filled, and page-crossing instruction fetch.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Machine, CODE, DATA, w16, w32 } from "./machine.js";
import {
  EXIT_EBREAK,
  EXIT_FETCH_FAULT,
  EXIT_LOAD_FAULT,
  EXIT_STORE_FAULT,
  EXIT_BUDGET,
} from "../../src/cpu/layout.js";

const u64 = (v: bigint): bigint => BigInt.asUintN(64, v);
const PATTERN = Uint8Array.from({ length: 16 }, (_, i) => 0xf0 + i); // f0 f1 ... ff

test("loads zero- or sign-extend each width; stores write each width", () => {
  const m = new Machine();
  m.load(`
    lb a0, 1(s0)
    lbu a1, 1(s0)
    lh a2, 2(s0)
    lhu a3, 2(s0)
    lw a4, 4(s0)
    lwu a5, 4(s0)
    ld a6, 8(s0)
    lb a7, -1(s1)
    sb a0, 0(s2)
    sh a2, 2(s2)
    sw a4, 4(s2)
    sd a6, 8(s2)
    lw x0, 0(s0)
    ebreak`);
  m.map(DATA, "rw");
  m.write(DATA, PATTERN);
  m.cpu.setX(0, 8, DATA);
  m.cpu.setX(0, 9, DATA + 1n);
  m.cpu.setX(0, 18, DATA + 0x100n);
  assert.equal(m.run(), EXIT_EBREAK);
  assert.equal(m.x(10), u64(-0x0fn));
  assert.equal(m.x(11), 0xf1n);
  assert.equal(m.x(12), u64(-0x0c0en)); // 0xf3f2
  assert.equal(m.x(13), 0xf3f2n);
  assert.equal(m.x(14), u64(-0x08090a0cn)); // 0xf7f6f5f4
  assert.equal(m.x(15), 0xf7f6f5f4n);
  assert.equal(m.x(16), 0xfffefdfcfbfaf9f8n);
  assert.equal(m.x(17), u64(-0x10n));
  assert.equal(m.x(0), 0n);
  assert.deepEqual([...m.read(DATA + 0x100n, 16)], [0xf1, 0, 0xf2, 0xf3, ...PATTERN.subarray(4, 16)]);
});

test("misaligned loads and stores inside a page", () => {
  const m = new Machine();
  m.load(`ld a0, 3(s0)\nlw a1, 7(s0)\nlh a2, 9(s0)\nsd a0, 0x101(s0)\nsw a1, 0x10b(s0)\nsh a2, 0x111(s0)\nebreak`);
  m.map(DATA, "rw");
  m.write(DATA, PATTERN);
  m.cpu.setX(0, 8, DATA);
  assert.equal(m.run(), EXIT_EBREAK);
  assert.equal(m.x(10), 0xfaf9f8f7f6f5f4f3n);
  assert.equal(m.x(11), u64(BigInt.asIntN(32, 0xfaf9f8f7n)));
  assert.equal(m.x(12), u64(BigInt.asIntN(16, 0xfaf9n)));
  assert.equal(m.read64(DATA + 0x101n), 0xfaf9f8f7f6f5f4f3n);
  assert.deepEqual([...m.read(DATA + 0x10bn, 4)], [0xf7, 0xf8, 0xf9, 0xfa]);
  assert.deepEqual([...m.read(DATA + 0x111n, 2)], [0xf9, 0xfa]);
});

test("a load crossing into an unmapped page faults there, then succeeds", () => {
  const m = new Machine();
  const next = DATA + 0x1000n;
  m.load(`ld a0, 0(s0)\nebreak`);
  m.map(DATA, "rw");
  m.map(next, "rw");
  m.write(DATA + 0xffdn, PATTERN.subarray(0, 8));
  m.unmap(next);
  m.cpu.setX(0, 8, DATA + 0xffdn);
  m.cpu.setX(0, 10, 77n);
  assert.equal(m.run(), EXIT_LOAD_FAULT);
  assert.equal(m.cpu.exitTval(0), next);
  assert.equal(m.cpu.getPc(0), CODE);
  assert.equal(m.x(10), 77n);
  assert.equal(m.cpu.instret(0), 0n);
  m.map(next, "r");
  assert.equal(m.run(), EXIT_EBREAK);
  assert.equal(m.x(10), 0xf7f6f5f4f3f2f1f0n);
});

test("a load from an unmapped or unreadable page faults at its address", () => {
  const m = new Machine();
  m.load(`lw a0, 4(s0)\nebreak`);
  m.cpu.setX(0, 8, DATA);
  assert.equal(m.run(), EXIT_LOAD_FAULT);
  assert.equal(m.cpu.exitTval(0), DATA + 4n);
  m.map(DATA, "w");
  assert.equal(m.run(), EXIT_LOAD_FAULT);
  m.map(DATA, "r");
  assert.equal(m.run(), EXIT_EBREAK);
});

test("a store crossing into a read-only page writes nothing, then succeeds", () => {
  const m = new Machine();
  const next = DATA + 0x1000n;
  m.load(`sd a0, 0(s0)\nebreak`);
  m.map(DATA, "rw");
  m.map(next, "r");
  m.cpu.setX(0, 8, DATA + 0xffan);
  m.cpu.setX(0, 10, 0x1122334455667788n);
  assert.equal(m.run(), EXIT_STORE_FAULT);
  assert.equal(m.cpu.exitTval(0), next);
  assert.deepEqual([...m.read(DATA + 0xffan, 8)], [0, 0, 0, 0, 0, 0, 0, 0]);
  m.map(next, "rw");
  assert.equal(m.run(), EXIT_EBREAK);
  assert.equal(m.read64(DATA + 0xffan), 0x1122334455667788n);
});

test("a store to a read-only page faults at its address; a store to a write tag works", () => {
  const m = new Machine();
  m.load(`sb a0, 7(s0)\nebreak`);
  m.map(DATA, "r");
  m.cpu.setX(0, 8, DATA);
  m.cpu.setX(0, 10, 0x5an);
  assert.equal(m.run(), EXIT_STORE_FAULT);
  assert.equal(m.cpu.exitTval(0), DATA + 7n);
  assert.equal(m.read(DATA + 7n, 1)[0], 0);
  m.map(DATA, "rw");
  assert.equal(m.run(), EXIT_EBREAK);
  assert.equal(m.read(DATA + 7n, 1)[0], 0x5a);
});

test("fetch from a non-executable page faults with pc and tval = the target", () => {
  const m = new Machine();
  m.load(`jalr ra, 0(s0)`);
  m.map(DATA, "rw");
  m.write(DATA, w32(0x00100073));
  m.cpu.setX(0, 8, DATA);
  assert.equal(m.run(), EXIT_FETCH_FAULT);
  assert.equal(m.cpu.exitTval(0), DATA);
  assert.equal(m.cpu.getPc(0), DATA);
  assert.equal(m.cpu.instret(0), 1n);
  m.map(DATA, "rx");
  assert.equal(m.run(), EXIT_EBREAK);
  assert.equal(m.cpu.getPc(0), DATA);
});

test("a 32-bit instruction across a page boundary needs both pages", () => {
  const m = new Machine();
  const page2 = CODE + 0x1000n;
  m.map(CODE);
  m.map(page2);
  // c.nop at 0xffc, then addi a0, a0, 1 split over 0xffe..0x1001, then ebreak.
  m.write(CODE + 0xffcn, w16(0x0001));
  m.write(CODE + 0xffen, w32(0x00150513));
  m.write(page2 + 2n, w32(0x00100073));
  m.unmap(page2);
  m.cpu.setPc(0, CODE + 0xffcn);
  assert.equal(m.run(), EXIT_FETCH_FAULT);
  assert.equal(m.cpu.exitTval(0), page2);
  assert.equal(m.cpu.getPc(0), CODE + 0xffen);
  assert.equal(m.x(10), 0n);
  m.map(page2, "x");
  assert.equal(m.run(), EXIT_EBREAK);
  assert.equal(m.x(10), 1n);
  assert.equal(m.cpu.getPc(0), page2 + 2n);
});

test("a compressed instruction at the end of a page does not touch the next", () => {
  const m = new Machine();
  m.map(CODE);
  m.write(CODE + 0xffen, w16(0x0505)); // c.addi a0, 1
  m.cpu.setPc(0, CODE + 0xffen);
  assert.equal(m.run(1), EXIT_BUDGET);
  assert.equal(m.x(10), 1n);
  assert.equal(m.run(1), EXIT_FETCH_FAULT);
  assert.equal(m.cpu.exitTval(0), CODE + 0x1000n);
});

test("code runs on across page boundaries and sees its own stores", () => {
  const m = new Machine();
  // Patch the instruction at `slot` (li a0, 1 → li a0, 2) before reaching it.
  m.load(`
    .option norvc
    la t0, slot
    li t1, 0x00200513
    sw t1, 0(t0)
    fence.i
    .fill 1100, 4, 0x00000013
  slot: li a0, 1
    ebreak`);
  assert.equal(m.run(), EXIT_EBREAK);
  assert.equal(m.x(10), 2n);
});
