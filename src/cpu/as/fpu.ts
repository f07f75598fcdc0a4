// F and D extensions: the arithmetic opcodes. The interpreter (index.ts)
// handles FP loads/stores and the fflags/frm/fcsr CSRs itself and calls
// execFp for OP-FP (0x53) and the fused multiply-adds (0x43/0x47/0x4b/0x4f).
//
// execFp returns false when the instruction is illegal (bad funct, bad rm),
// so the interpreter exits with EXIT_ILLEGAL without having changed state.
// The arithmetic itself is soft-float on integer bits (fp/*.ts): it is
// bit-exact with SoftFloat as qemu configures it for RISC-V, flags included.

import { HART_F, HART_FCSR, HART_X } from "../layout";
import { fpAdd, fpDiv, fpFma, fpMul, fpSqrt } from "./fp/arith";
import { fpConvert, fpToInt, intToFp } from "./fp/convert";
import { FMT_D, FMT_S, RM_DYN, RM_RMM, RM_RNE, RM_RTZ, fpFlags, resetFlags, signMask } from "./fp/core";
import {
  fastAddD, fastAddS, fastCvtDS, fastCvtSD, fastDivD, fastDivS, fastFmaD, fastFmaS, fastIntToFp, fastMulD,
  fastMulS, fastResult, fastToIntRtz,
} from "./fp/fast";
import { fpClass, fpCompare, fpMinMax, fpSgnj } from "./fp/misc";

const OP_FP: u32 = 0x53;
const OP_FMADD: u32 = 0x43;
const OP_FMSUB: u32 = 0x47;
const OP_FNMSUB: u32 = 0x4b;
const OP_FNMADD: u32 = 0x4f;

// funct5 (insn bits 31:27) of OP-FP.
const F5_ADD: u32 = 0x00;
const F5_SUB: u32 = 0x01;
const F5_MUL: u32 = 0x02;
const F5_DIV: u32 = 0x03;
const F5_SGNJ: u32 = 0x04;
const F5_MINMAX: u32 = 0x05;
const F5_CVT_FF: u32 = 0x08;
const F5_SQRT: u32 = 0x0b;
const F5_CMP: u32 = 0x14;
const F5_CVT_IF: u32 = 0x18; // fcvt.{w,wu,l,lu}.{s,d}
const F5_CVT_FI: u32 = 0x1a; // fcvt.{s,d}.{w,wu,l,lu}
const F5_MV_XF: u32 = 0x1c; // fmv.x.{w,d} and fclass
const F5_MV_FX: u32 = 0x1e; // fmv.{w,d}.x

const FCSR_FRM_SHIFT: u32 = 5;
const BOX_HIGH: u64 = 0xffffffff00000000;
const S_CANONICAL_NAN: u64 = 0x7fc00000;
const LOW32: u64 = 0xffffffff;

// Shared decode of the current instruction (set once per execFp call).
let gHart: usize = 0;
let gRd: u32 = 0;

@inline function fregAddr(r: u32): usize {
  return gHart + <usize>HART_F + (<usize>r << 3);
}

// An operand in the format's raw bits: a single that is not NaN-boxed
// reads as the canonical NaN.
function readF(r: u32, fmt: i32): u64 {
  const v = load<u64>(fregAddr(r));
  if (fmt == FMT_D) return v;
  return (v & BOX_HIGH) == BOX_HIGH ? v & LOW32 : S_CANONICAL_NAN;
}

function writeF(fmt: i32, bits: u64): void {
  store<u64>(fregAddr(gRd), fmt == FMT_D ? bits : bits | BOX_HIGH);
}

// x0 reads as zero whatever its memory slot holds.
function readX(r: u32): u64 {
  if (r == 0) return 0;
  return load<u64>(gHart + <usize>HART_X + (<usize>r << 3));
}

function writeX(v: u64): void {
  if (gRd != 0) store<u64>(gHart + <usize>HART_X + (<usize>gRd << 3), v);
}

// The effective rounding mode, or -1 when rm (or frm, for DYN) is reserved.
function resolveRm(rm: u32): i32 {
  if (rm == <u32>RM_DYN) rm = (load<u32>(gHart + <usize>HART_FCSR) >> FCSR_FRM_SHIFT) & 7;
  return rm <= <u32>RM_RMM ? <i32>rm : -1;
}

function commitFlags(): bool {
  const addr = gHart + <usize>HART_FCSR;
  store<u32>(addr, load<u32>(addr) | fpFlags);
  return true;
}

export function execFp(hart: usize, insn: u32): bool {
  gHart = hart;
  gRd = (insn >> 7) & 31;
  const fmt = <i32>((insn >> 25) & 3);
  if (fmt > FMT_D) return false; // H and Q are not implemented
  resetFlags();
  const opcode = insn & 0x7f;
  if (opcode == OP_FP) return execOpFp(insn, fmt);
  return execFma(insn, opcode, fmt);
}

function execFma(insn: u32, opcode: u32, fmt: i32): bool {
  const rm = resolveRm((insn >> 12) & 7);
  if (rm < 0) return false;
  const a = readF((insn >> 15) & 31, fmt);
  const b = readF((insn >> 20) & 31, fmt);
  const c = readF(insn >> 27, fmt);
  const negProd = opcode == OP_FNMSUB || opcode == OP_FNMADD;
  const negC = opcode == OP_FMSUB || opcode == OP_FNMADD;
  if (rm == RM_RNE && fastFma(a, b, c, negProd, negC, fmt)) {
    writeF(fmt, fastResult);
    return commitFlags();
  }
  writeF(fmt, fpFma(a, b, c, negProd, negC, fmt, rm));
  return commitFlags();
}

@inline function fastFma(a: u64, b: u64, c: u64, negProd: bool, negC: bool, fmt: i32): bool {
  return fmt == FMT_D ? fastFmaD(a, b, c, negProd, negC) : fastFmaS(a, b, c, negProd, negC);
}

function execOpFp(insn: u32, fmt: i32): bool {
  const funct5 = insn >> 27;
  const f3 = (insn >> 12) & 7;
  const rs1 = (insn >> 15) & 31;
  const rs2 = (insn >> 20) & 31;
  switch (funct5) {
    case F5_ADD:
    case F5_SUB:
    case F5_MUL:
    case F5_DIV: return execBinary(funct5, f3, rs1, rs2, fmt);
    case F5_SQRT: {
      const rm = resolveRm(f3);
      if (rs2 != 0 || rm < 0) return false;
      writeF(fmt, fpSqrt(readF(rs1, fmt), fmt, rm));
      return commitFlags();
    }
    case F5_SGNJ: {
      if (f3 > 2) return false;
      writeF(fmt, fpSgnj(readF(rs1, fmt), readF(rs2, fmt), <i32>f3, fmt));
      return commitFlags();
    }
    case F5_MINMAX: {
      if (f3 > 1) return false;
      writeF(fmt, fpMinMax(readF(rs1, fmt), readF(rs2, fmt), f3 == 1, fmt));
      return commitFlags();
    }
    case F5_CVT_FF: return execConvertFF(f3, rs1, rs2, fmt);
    case F5_CMP: {
      if (f3 > 2) return false;
      writeX(fpCompare(readF(rs1, fmt), readF(rs2, fmt), <i32>f3, fmt));
      return commitFlags();
    }
    case F5_CVT_IF: {
      const rm = resolveRm(f3);
      if (rs2 > 3 || rm < 0) return false;
      const a = readF(rs1, fmt);
      writeX(rm == RM_RTZ && fastToIntRtz(a, fmt, <i32>rs2) ? fastResult : fpToInt(a, fmt, <i32>rs2, rm));
      return commitFlags();
    }
    case F5_CVT_FI: {
      const rm = resolveRm(f3);
      if (rs2 > 3 || rm < 0) return false;
      const x = readX(rs1);
      writeF(fmt, fastIntToFp(x, <i32>rs2, fmt, rm == RM_RNE) ? fastResult : intToFp(x, <i32>rs2, fmt, rm));
      return commitFlags();
    }
    case F5_MV_XF: return execMoveOrClass(f3, rs1, rs2, fmt);
    case F5_MV_FX: {
      if (f3 != 0 || rs2 != 0) return false;
      const x = readX(rs1);
      // fmv.w.x moves raw bits; writeF NaN-boxes them.
      writeF(fmt, fmt == FMT_D ? x : x & LOW32);
      return commitFlags();
    }
    default: return false;
  }
}

function execBinary(funct5: u32, f3: u32, rs1: u32, rs2: u32, fmt: i32): bool {
  const rm = resolveRm(f3);
  if (rm < 0) return false;
  const a = readF(rs1, fmt);
  const b = readF(rs2, fmt);
  if (rm == RM_RNE && fastBinary(funct5, a, b, fmt)) {
    writeF(fmt, fastResult);
    return commitFlags();
  }
  let r: u64;
  if (funct5 == F5_MUL) r = fpMul(a, b, fmt, rm);
  else if (funct5 == F5_DIV) r = fpDiv(a, b, fmt, rm);
  else r = fpAdd(a, b, funct5 == F5_SUB, fmt, rm);
  writeF(fmt, r);
  return commitFlags();
}

// Hardware-float path for round-to-nearest-even (fp/fast.ts); false when
// the operands or the result need the soft-float path.
@inline function fastBinary(funct5: u32, a: u64, b: u64, fmt: i32): bool {
  if (funct5 == F5_SUB) b ^= signMask(fmt);
  if (fmt == FMT_D) {
    if (funct5 == F5_MUL) return fastMulD(a, b);
    if (funct5 == F5_DIV) return fastDivD(a, b);
    return fastAddD(a, b);
  }
  if (funct5 == F5_MUL) return fastMulS(a, b);
  if (funct5 == F5_DIV) return fastDivS(a, b);
  return fastAddS(a, b);
}

// fcvt.s.d (fmt S, rs2 = 1) and fcvt.d.s (fmt D, rs2 = 0).
function execConvertFF(f3: u32, rs1: u32, rs2: u32, fmt: i32): bool {
  const from = fmt == FMT_D ? FMT_S : FMT_D;
  const rm = resolveRm(f3);
  if (rs2 != <u32>from || rm < 0) return false;
  const a = readF(rs1, from);
  const fast = fmt == FMT_D ? fastCvtDS(a) : rm == RM_RNE && fastCvtSD(a);
  writeF(fmt, fast ? fastResult : fpConvert(a, from, fmt, rm));
  return commitFlags();
}

// fmv.x.w / fmv.x.d (funct3 0) and fclass (funct3 1).
function execMoveOrClass(f3: u32, rs1: u32, rs2: u32, fmt: i32): bool {
  if (rs2 != 0 || f3 > 1) return false;
  if (f3 == 1) {
    writeX(fpClass(readF(rs1, fmt), fmt));
    return commitFlags();
  }
  // fmv.x.w moves the low word as is (no NaN-box check), sign-extended.
  const v = load<u64>(fregAddr(rs1));
  writeX(fmt == FMT_D ? v : <u64><i64><i32>v);
  return commitFlags();
}
