// Zicsr (fflags, frm, fcsr and the read-only counters) and the F/D loads
// and stores that the interpreter itself implements.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Machine, DATA } from "./machine.js";
import { EXIT_EBREAK } from "../../src/cpu/layout.js";

test("fflags, frm and fcsr share fcsr's 8 bits", () => {
  const m = new Machine();
  m.load(`
    li t0, 0xfff
    csrrw a0, fcsr, t0      # a0 = old fcsr; fcsr keeps 8 bits
    csrr a1, fcsr
    csrrwi a2, frm, 2       # a2 = 7
    csrr a3, fflags         # 0x1f
    csrrci a4, fflags, 3    # a4 = 0x1f, fflags = 0x1c
    csrrs a5, frm, x0       # a5 = 2, no write
    li t1, 0x21
    csrrs a6, fflags, t1    # a6 = 0x1c, fflags = 0x1d (bit 5 dropped)
    csrr a7, fcsr           # 0x5d
    csrrc x0, fcsr, x0      # a write-free read with rd = x0
    ebreak`);
  m.cpu.setFcsr(0, 0x41);
  assert.equal(m.run(), EXIT_EBREAK);
  assert.equal(m.x(10), 0x41n);
  assert.equal(m.x(11), 0xffn);
  assert.equal(m.x(12), 7n);
  assert.equal(m.x(13), 0x1fn);
  assert.equal(m.x(14), 0x1fn);
  assert.equal(m.x(15), 2n);
  assert.equal(m.x(16), 0x1cn);
  assert.equal(m.x(17), 0x5dn);
  assert.equal(m.cpu.getFcsr(0), 0x5d);
});

test("cycle and instret count retired instructions; time comes from the kernel", () => {
  const m = new Machine();
  m.time = 0x123456789n;
  m.load(`.option norvc\nnop\nnop\nrdinstret a0\nrdcycle a1\nrdtime a2\ncsrrs a3, instret, x0\ncsrrsi a4, cycle, 0\nebreak`);
  assert.equal(m.run(), EXIT_EBREAK);
  assert.equal(m.x(10), 2n);
  assert.equal(m.x(11), 3n);
  assert.equal(m.x(12), 0x123456789n);
  assert.equal(m.x(13), 5n);
  assert.equal(m.x(14), 6n);
  assert.equal(m.cpu.instret(0), 7n);
});

test("flw NaN-boxes; fsw stores the low word; fld/fsd move 64 bits", () => {
  const m = new Machine();
  m.load(`
    flw fa0, 0(s0)
    fld fa1, 8(s0)
    fsw fa1, 16(s0)
    fsd fa0, 24(s0)
    flw ft0, 1(s0)          # misaligned is fine
    ebreak`);
  m.map(DATA, "rw");
  m.write64(DATA, 0x111111113f800000n);
  m.write64(DATA + 8n, 0x400921fb54442d18n);
  m.write64(DATA + 16n, 0xaaaaaaaaaaaaaaaan);
  m.cpu.setX(0, 8, DATA);
  assert.equal(m.run(), EXIT_EBREAK);
  assert.equal(m.cpu.getF(0, 10), 0xffffffff3f800000n);
  assert.equal(m.cpu.getF(0, 11), 0x400921fb54442d18n);
  assert.equal(m.read64(DATA + 16n), 0xaaaaaaaa54442d18n);
  assert.equal(m.read64(DATA + 24n), 0xffffffff3f800000n);
  assert.equal(m.cpu.getF(0, 0), 0xffffffff113f8000n);
});

test("Cpu accessors round-trip and x0 stays zero", () => {
  const m = new Machine();
  m.cpu.setX(0, 0, 5n);
  assert.equal(m.cpu.getX(0, 0), 0n);
  m.cpu.setX(0, 31, -1n);
  assert.equal(m.cpu.getX(0, 31), -1n);
  m.cpu.setF(0, 31, 0xffffffffffffffffn);
  assert.equal(m.cpu.getF(0, 31), 0xffffffffffffffffn);
  m.cpu.setPc(0, 0xfffffffffffff000n);
  assert.equal(m.cpu.getPc(0), 0xfffffffffffff000n);
  m.cpu.setFcsr(0, 0x1ff);
  assert.equal(m.cpu.getFcsr(0), 0xff);
  assert.equal(m.cpu.getX(1, 31), 0n);
});
