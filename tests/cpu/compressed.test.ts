// RVC: every rv64 compressed instruction is run for one step and compared
// with its 32-bit expansion from the same starting state (registers,
// f registers and a data page), so decoding of every immediate and register
// field is checked against the assembler's encoding.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Machine, CODE, DATA, assembleMany } from "./machine.js";
import { EXIT_BUDGET } from "../../src/cpu/layout.js";

const START = CODE + 0x800n;

// Jump and branch targets at the extremes of c.j (±2 KiB) and c.b* (±256).
// Each program is one page; `b` is its offset in the batch image.
function program(insn: string, norvc: boolean, b: number, k: number): string {
  const body = insn.replace(/\b(J_LO|J_HI|B_LO|B_HI|MID)\b/g, `$1_${k}`);
  return `
    .org ${b}
  J_LO_${k}: .2byte 1
    .org ${b + 0x700}
  B_LO_${k}: .2byte 1
    .org ${b + 0x7a0}
  MID_${k}: .2byte 1
    .org ${b + 0x800}
    ${norvc ? ".option norvc" : ""}
    ${body}
    .option rvc
    .org ${b + 0x8fe}
  B_HI_${k}: .2byte 1
    .org ${b + 0xffe}
  J_HI_${k}: .2byte 1`;
}

type Kind = "seq" | "jump" | "link";
const PAIRS: Array<[string, string, Kind?]> = [
  ["c.addi4spn a0, sp, 16", "addi a0, sp, 16"],
  ["c.addi4spn s1, sp, 1020", "addi s1, sp, 1020"],
  ["c.addi4spn a5, sp, 4", "addi a5, sp, 4"],
  ["c.fld fa0, 8(a1)", "fld fa0, 8(a1)"],
  ["c.fld fs1, 248(a5)", "fld fs1, 248(a5)"],
  ["c.lw a0, 4(a1)", "lw a0, 4(a1)"],
  ["c.lw a5, 124(s0)", "lw a5, 124(s0)"],
  ["c.lw s1, 64(a2)", "lw s1, 64(a2)"],
  ["c.ld a0, 8(a1)", "ld a0, 8(a1)"],
  ["c.ld a4, 248(s1)", "ld a4, 248(s1)"],
  ["c.ld s0, 128(a3)", "ld s0, 128(a3)"],
  ["c.fsd fa0, 8(a1)", "fsd fa0, 8(a1)"],
  ["c.fsd fs0, 248(a5)", "fsd fs0, 248(a5)"],
  ["c.sw a0, 4(a1)", "sw a0, 4(a1)"],
  ["c.sw a5, 124(s0)", "sw a5, 124(s0)"],
  ["c.sw s1, 64(a2)", "sw s1, 64(a2)"],
  ["c.sd a0, 8(a1)", "sd a0, 8(a1)"],
  ["c.sd a4, 248(s1)", "sd a4, 248(s1)"],
  ["c.sd s0, 128(a3)", "sd s0, 128(a3)"],
  ["c.nop", "addi x0, x0, 0"],
  ["c.addi a0, 1", "addi a0, a0, 1"],
  ["c.addi t6, -32", "addi t6, t6, -32"],
  ["c.addi sp, 31", "addi sp, sp, 31"],
  ["c.addiw a0, 1", "addiw a0, a0, 1"],
  ["c.addiw s11, -32", "addiw s11, s11, -32"],
  ["c.addiw t0, 0", "addiw t0, t0, 0"],
  ["c.li a0, -32", "addi a0, x0, -32"],
  ["c.li ra, 31", "addi ra, x0, 31"],
  ["c.li t0, 0", "addi t0, x0, 0"],
  ["c.addi16sp sp, 16", "addi sp, sp, 16"],
  ["c.addi16sp sp, -512", "addi sp, sp, -512"],
  ["c.addi16sp sp, 496", "addi sp, sp, 496"],
  ["c.addi16sp sp, 32", "addi sp, sp, 32"],
  ["c.addi16sp sp, 64", "addi sp, sp, 64"],
  ["c.addi16sp sp, 128", "addi sp, sp, 128"],
  ["c.addi16sp sp, 256", "addi sp, sp, 256"],
  ["c.addi16sp sp, -16", "addi sp, sp, -16"],
  ["c.lui a0, 1", "lui a0, 1"],
  ["c.lui t1, 31", "lui t1, 31"],
  ["c.lui ra, 0xfffe0", "lui ra, 0xfffe0"],
  ["c.lui s0, 0xfffff", "lui s0, 0xfffff"],
  ["c.srli a0, 1", "srli a0, a0, 1"],
  ["c.srli s1, 63", "srli s1, s1, 63"],
  ["c.srli a5, 32", "srli a5, a5, 32"],
  ["c.srai a0, 33", "srai a0, a0, 33"],
  ["c.srai s0, 1", "srai s0, s0, 1"],
  ["c.andi a0, -1", "andi a0, a0, -1"],
  ["c.andi s0, 17", "andi s0, s0, 17"],
  ["c.andi a2, -32", "andi a2, a2, -32"],
  ["c.andi a3, 0", "andi a3, a3, 0"],
  ["c.sub s0, a5", "sub s0, s0, a5"],
  ["c.xor a0, a1", "xor a0, a0, a1"],
  ["c.or s1, s0", "or s1, s1, s0"],
  ["c.and a2, a3", "and a2, a2, a3"],
  ["c.subw a0, a1", "subw a0, a0, a1"],
  ["c.addw a4, a5", "addw a4, a4, a5"],
  ["c.j J_LO", "jal x0, J_LO", "jump"],
  ["c.j J_HI", "jal x0, J_HI", "jump"],
  ["c.j MID", "jal x0, MID", "jump"],
  ["c.beqz a0, B_LO", "beq a0, x0, B_LO", "jump"],
  ["c.beqz s1, B_HI", "beq s1, x0, B_HI", "jump"],
  ["c.bnez a0, B_LO", "bne a0, x0, B_LO", "jump"],
  ["c.bnez a5, B_HI", "bne a5, x0, B_HI", "jump"],
  ["c.slli a0, 1", "slli a0, a0, 1"],
  ["c.slli t6, 63", "slli t6, t6, 63"],
  ["c.slli ra, 32", "slli ra, ra, 32"],
  ["c.fldsp fa0, 8(sp)", "fld fa0, 8(sp)"],
  ["c.fldsp ft0, 504(sp)", "fld ft0, 504(sp)"],
  ["c.fldsp f31, 0(sp)", "fld f31, 0(sp)"],
  ["c.lwsp a0, 4(sp)", "lw a0, 4(sp)"],
  ["c.lwsp t6, 252(sp)", "lw t6, 252(sp)"],
  ["c.lwsp ra, 128(sp)", "lw ra, 128(sp)"],
  ["c.ldsp a0, 8(sp)", "ld a0, 8(sp)"],
  ["c.ldsp t6, 504(sp)", "ld t6, 504(sp)"],
  ["c.ldsp s0, 256(sp)", "ld s0, 256(sp)"],
  ["c.jr a0", "jalr x0, 0(a0)", "jump"],
  ["c.jr ra", "jalr x0, 0(ra)", "jump"],
  ["c.mv a0, a1", "add a0, x0, a1"],
  ["c.mv t6, ra", "add t6, x0, ra"],
  ["c.jalr a0", "jalr ra, 0(a0)", "link"],
  ["c.jalr ra", "jalr ra, 0(ra)", "link"],
  ["c.add a0, a1", "add a0, a0, a1"],
  ["c.add sp, t6", "add sp, sp, t6"],
  ["c.fsdsp fa0, 8(sp)", "fsd fa0, 8(sp)"],
  ["c.fsdsp f31, 504(sp)", "fsd f31, 504(sp)"],
  ["c.swsp a0, 4(sp)", "sw a0, 4(sp)"],
  ["c.swsp t6, 252(sp)", "sw t6, 252(sp)"],
  ["c.sdsp a0, 8(sp)", "sd a0, 8(sp)"],
  ["c.sdsp ra, 504(sp)", "sd ra, 504(sp)"],
];

class Rng {
  constructor(private s: bigint) {}
  next(): bigint {
    let x = this.s;
    x ^= BigInt.asUintN(64, x << 13n);
    x ^= x >> 7n;
    x ^= BigInt.asUintN(64, x << 17n);
    this.s = x;
    return x;
  }
}

interface Snapshot {
  exit: number;
  tval: bigint;
  pc: bigint;
  x: bigint[];
  f: bigint[];
  data: number[];
}

// Registers point into the data page (pointer state) or are random.
function setState(m: Machine, seed: number, pointers: boolean): void {
  const rng = new Rng(BigInt(seed) * 0x9e3779b97f4a7c15n + 1n);
  for (let i = 1; i < 32; i++) {
    m.cpu.setX(0, i, pointers ? DATA + 0x400n + BigInt(8 * i) : rng.next());
    m.cpu.setF(0, i, rng.next());
  }
  m.cpu.setF(0, 0, rng.next());
  if (pointers) {
    m.cpu.setX(0, 10, CODE + 0x7a1n); // a0: a jump target (bit 0 set, must be cleared)
    m.cpu.setX(0, 9, 0n); // s1 = 0 for c.beqz
  }
  const page = new Uint8Array(4096);
  page.forEach((_, i) => (page[i] = Number(rng.next() & 0xffn)));
  m.write(DATA, page);
}

function step(m: Machine, code: Uint8Array, seed: number, pointers: boolean): Snapshot {
  m.map(CODE);
  m.write(CODE, code);
  m.map(DATA, "rw");
  setState(m, seed, pointers);
  m.cpu.setPc(0, START);
  const exit = m.run(1);
  return {
    exit,
    tval: exit === EXIT_BUDGET ? 0n : m.cpu.exitTval(0),
    pc: m.cpu.getPc(0),
    x: Array.from({ length: 32 }, (_, i) => m.cpu.getX(0, i)),
    f: Array.from({ length: 32 }, (_, i) => m.cpu.getF(0, i)),
    data: [...m.read(DATA, 4096)],
  };
}

test("each compressed instruction behaves as its 32-bit expansion", () => {
  const m = new Machine();
  // Even k: the compressed form of pair k/2; odd k: its expansion.
  const images = assembleMany(PAIRS.length * 2, 0x1000, (b, k) => {
    const [c, e] = PAIRS[k >> 1];
    return program((k & 1) === 1 ? e : c, (k & 1) === 1, b, k);
  });
  // The instruction under test really is 16-bit / 32-bit.
  images.forEach((img, k) => assert.equal((img[0x800] & 3) === 3, (k & 1) === 1, PAIRS[k >> 1][k & 1]));
  PAIRS.forEach(([c, e, kind = "seq"], p) => {
    for (const [seed, pointers] of [[1, true], [2, false], [3, true]] as const) {
      const sc = step(m, images[2 * p], seed, pointers);
      const se = step(m, images[2 * p + 1], seed, pointers);
      const what = `${c} vs ${e} (seed ${seed})`;
      assert.equal(sc.exit, se.exit, `${what}: exit`);
      assert.equal(sc.tval, se.tval, `${what}: tval`);
      const fellThrough = sc.pc === START + 2n && se.pc === START + 4n;
      if (kind === "jump" && sc.exit === EXIT_BUDGET && fellThrough) {
        // a branch not taken
      } else if (kind === "seq" && sc.exit === EXIT_BUDGET) {
        assert.equal(sc.pc, START + 2n, `${what}: pc`);
        assert.equal(se.pc, START + 4n, `${what}: pc`);
      } else {
        assert.equal(sc.pc, se.pc, `${what}: pc`);
      }
      if (kind === "link" && sc.exit === EXIT_BUDGET) {
        assert.equal(sc.x[1], START + 2n, `${what}: link`);
        sc.x[1] = se.x[1] = 0n;
      }
      assert.deepEqual(sc.x, se.x, `${what}: x`);
      assert.deepEqual(sc.f, se.f, `${what}: f`);
      assert.deepEqual(sc.data, se.data, `${what}: data`);
    }
  });
});
