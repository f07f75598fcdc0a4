// Reserved and unimplemented encodings exit with EXIT_ILLEGAL, tval = the
// instruction bits (16 for compressed), pc at the instruction, and no state
// changed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Machine, CODE, DATA, w16, w32 } from "./machine.js";
import { EXIT_ILLEGAL } from "../../src/cpu/layout.js";

const COMPRESSED: Array<[number, string]> = [
  [0x0000, "all-zero parcel"],
  [0x0004, "c.addi4spn with imm 0"],
  [0x8000, "Q0 funct3 100"],
  [0x9c04, "Q0 funct3 100 with bits set"],
  [0x2001, "c.addiw rd=0"],
  [0x2005, "c.addiw rd=0 imm=1"],
  [0x6281, "c.lui t0, 0"],
  [0x6101, "c.addi16sp 0"],
  [0x8002, "c.jr x0"],
  [0x4002, "c.lwsp x0"],
  [0x6002, "c.ldsp x0"],
  [0x9c41, "Q1 reserved subw-group op 10"],
  [0x9c61, "Q1 reserved subw-group op 11"],
];

const WORDS: Array<[number, string]> = [
  [0xffffffff, "all ones (48-bit+ prefix)"],
  [0x0000001f, "48-bit prefix"],
  [0x0000003f, "64-bit prefix"],
  [0x0000000b, "custom-0"],
  [0x0000002b, "custom-1"],
  [0x00000057, "OP-V"],
  [0x0000005b, "custom-2"],
  [0x00000077, "OP-P/reserved"],
  [0x0000007b, "custom-3"],
  [0x04051513, "slli shamt bit 6"],
  [0x44055513, "srli with funct6 0x11"],
  [0x0205151b, "slliw shamt 32"],
  [0x0205551b, "srliw shamt 32"],
  [0x4205551b, "sraiw shamt 32"],
  [0x0005251b, "OP-IMM-32 funct3 2"],
  [0x04b50533, "OP funct7 2"],
  [0x40b52533, "OP funct7 0x20 funct3 2"],
  [0x02b5153b, "OP-32 funct7 1 funct3 1"],
  [0x00b5253b, "OP-32 funct3 2"],
  [0x00007503, "load funct3 7"],
  [0x00a04023, "store funct3 4"],
  [0x00a02063 | 0x2000, "branch funct3 2"],
  [0x00a03063, "branch funct3 3"],
  [0x00051567, "jalr funct3 5"],
  [0x0000200f, "MISC-MEM funct3 2"],
  [0x30200073, "mret"],
  [0x10200073, "sret"],
  [0x10500073, "wfi"],
  [0x12000073, "sfence.vma"],
  [0x00004073, "SYSTEM funct3 4"],
  [0x30002573, "csrr mstatus"],
  [0xc0051073, "csrw cycle"],
  [0xc010d073, "csrwi time, 1"],
  [0xc0252073, "csrs instret, a0"],
  [0x10002573, "csrr sstatus"],
  [0x00452573, "csrr 0x004"],
  [0x101525af, "lr.w with rs2 != 0"],
  [0x2805252f, "AMO funct5 0x05"],
  [0x0005052f, "AMO funct3 0"],
  [0x0005452f, "AMO funct3 4"],
  [0x00050007, "LOAD-FP funct3 0"],
  [0x00054007, "LOAD-FP funct3 4"],
  [0x00a50027, "STORE-FP funct3 0"],
];

function expectIllegal(bytes: Uint8Array, bits: number, what: string): void {
  const m = new Machine();
  m.map(CODE);
  m.map(DATA, "rw");
  m.write(CODE, bytes);
  for (let i = 1; i < 32; i++) m.cpu.setX(0, i, DATA + BigInt(i * 8));
  m.cpu.setPc(0, CODE);
  const before = Array.from({ length: 32 }, (_, i) => m.cpu.getX(0, i));
  const data = [...m.read(DATA, 4096)];
  assert.equal(m.run(10), EXIT_ILLEGAL, what);
  assert.equal(m.cpu.exitTval(0), BigInt(bits >>> 0), `${what}: tval`);
  assert.equal(m.cpu.getPc(0), CODE, `${what}: pc`);
  assert.equal(m.cpu.instret(0), 0n, `${what}: instret`);
  assert.deepEqual(Array.from({ length: 32 }, (_, i) => m.cpu.getX(0, i)), before, `${what}: x`);
  assert.deepEqual([...m.read(DATA, 4096)], data, `${what}: memory`);
  assert.equal(m.run(10), EXIT_ILLEGAL, `${what}: again`);
}

test("reserved compressed encodings are illegal, tval = 16 bits", () => {
  for (const [bits, what] of COMPRESSED) {
    // Followed by a parcel with bits set, which must not leak into tval.
    expectIllegal(w16(bits, 0xffff), bits, what);
  }
});

test("reserved and unimplemented 32-bit encodings are illegal", () => {
  for (const [bits, what] of WORDS) expectIllegal(w32(bits), bits, what);
});
