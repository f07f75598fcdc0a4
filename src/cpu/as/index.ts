// Aramid's CPU interpreter: RV64IMAC + Zicsr + Zifencei, and the F/D loads
// and stores (the FP arithmetic is in fpu.ts). Compiled to wasm so that
// 64-bit integer operations are native (DESIGN.md §3).
//
// run() keeps pc in a local and caches the host address of the page being
// executed; every other piece of state lives in the hart block in memory
// (layout.ts), which the kernel reads and writes between calls. There is no
// decoded-instruction cache: decoding is a few shifts and one br_table, and
// without a cache self-modifying code and fence.i need no extra work
// (measured ~250-300 M instructions/s, ~5x qemu-riscv64: tests/cpu/bench.ts).
//
// Exits never commit part of an instruction: every check that can fail
// (TLB, alignment, legality) happens before the first write. An instruction
// that exits (ecall, ebreak, a fault, an illegal one) is not counted in
// HART_INSTRET; the kernel decides whether a completed ecall counts.
//
// x0: writes to it go to memory like any other (no branch per write) and
// the slot is zeroed after every instruction, including ones in fpu.ts.

import {
  HART_BASE,
  HART_SIZE,
  HART_F,
  HART_PC,
  HART_FCSR,
  HART_RES_ADDR,
  HART_RES_VALID,
  HART_INSTRET,
  HART_EXIT_CAUSE,
  HART_EXIT_TVAL,
  TLB_BASE,
  TLB_BYTES,
  HART_TLB_BASE,
  TLB_READ_TAG,
  TLB_WRITE_TAG,
  TLB_EXEC_TAG,
  TLB_ITLB_OFFSET,
  TLB_ADDEND,
  EXIT_BUDGET,
  EXIT_ECALL,
  EXIT_EBREAK,
  EXIT_ILLEGAL,
  EXIT_FETCH_FAULT,
  EXIT_LOAD_FAULT,
  EXIT_STORE_FAULT,
  EXIT_MISALIGNED,
} from "../layout";
import {
  PAGE_MASK,
  gFault,
  gFaultAddr,
  gFetchPage,
  gFetchBase,
  tlbEntry,
  loadSlow,
  storeSlow,
  fetchSlow,
  clearFault,
  noteFaultAddr,
} from "./mem";
import {
  mulh,
  mulhsu,
  mulhu,
  div64,
  divu64,
  rem64,
  remu64,
  div32,
  divu32,
  rem32,
  remu32,
} from "./alu";
import { execFp } from "./fpu";

@external("env", "readTime")
declare function readTime(): i64;

// Instruction words with no register fields.
const INSN_ECALL: u32 = 0x00000073;
const INSN_EBREAK: u32 = 0x00100073;
const INSN_C_EBREAK: u32 = 0x9002;

// CSR numbers (Zicsr; the F extension's three, and the user counters).
const CSR_FFLAGS: u32 = 0x001;
const CSR_FRM: u32 = 0x002;
const CSR_FCSR: u32 = 0x003;
const CSR_CYCLE: u32 = 0xc00;
const CSR_TIME: u32 = 0xc01;
const CSR_INSTRET: u32 = 0xc02;
const FCSR_MASK: u32 = 0xff;
const FFLAGS_MASK: u32 = 0x1f;
const FRM_SHIFT: u32 = 5;
const FRM_MASK: u32 = 7;

// NaN-boxing: a single in a 64-bit f register has its upper 32 bits all ones.
const NAN_BOX: i64 = 0xffffffff00000000;

// AMO funct5 values (insn[31:27]).
const AMO_ADD: u32 = 0x00;
const AMO_SWAP: u32 = 0x01;
const AMO_LR: u32 = 0x02;
const AMO_SC: u32 = 0x03;
const AMO_XOR: u32 = 0x04;
const AMO_OR: u32 = 0x08;
const AMO_AND: u32 = 0x0c;
const AMO_MIN: u32 = 0x10;
const AMO_MAX: u32 = 0x14;
const AMO_MINU: u32 = 0x18;
const AMO_MAXU: u32 = 0x1c;

// funct7 values of OP / OP-32.
const F7_BASE: u32 = 0x00;
const F7_MULDIV: u32 = 0x01;
const F7_ALT: u32 = 0x20;

// ---------------------------------------------------------------------------
// Field extraction.

@inline function fRd(i: u32): u32 { return (i >> 7) & 31; }
@inline function fRs1(i: u32): u32 { return (i >> 15) & 31; }
@inline function fRs2(i: u32): u32 { return (i >> 20) & 31; }
@inline function fF3(i: u32): u32 { return (i >> 12) & 7; }

@inline function immI(i: u32): i64 { return <i64>(<i32>i >> 20); }
@inline function immU(i: u32): i64 { return <i64><i32>(i & 0xfffff000); }

@inline function immS(i: u32): i64 {
  return <i64>(((<i32>i >> 20) & ~31) | <i32>((i >> 7) & 31));
}

@inline function immB(i: u32): i64 {
  return <i64>(((<i32>i >> 19) & ~0xfff) | <i32>(((i << 4) & 0x800) | ((i >> 20) & 0x7e0) | ((i >> 7) & 0x1e)));
}

@inline function immJ(i: u32): i64 {
  return <i64>(((<i32>i >> 11) & ~0xfffff) | <i32>((i & 0xff000) | ((i >> 9) & 0x800) | ((i >> 20) & 0x7fe)));
}

// Compressed-format fields. Sign bits come from insn[12] shifted to bit 31.
@inline function cRdp(c: u32): u32 { return 8 + ((c >> 2) & 7); } // rd'/rs2'
@inline function cRs1p(c: u32): u32 { return 8 + ((c >> 7) & 7); } // rs1'/rd'
@inline function cRd(c: u32): u32 { return (c >> 7) & 31; }
@inline function cRs2(c: u32): u32 { return (c >> 2) & 31; }

@inline function cImm6(c: u32): i64 { // CI: imm[5] = 12, imm[4:0] = 6:2
  return <i64>(((<i32>(c << 19) >> 26) & ~31) | <i32>((c >> 2) & 31));
}
@inline function cShamt(c: u32): u32 { return ((c >> 7) & 0x20) | ((c >> 2) & 31); }

@inline function cAddi4spnImm(c: u32): i64 {
  return <i64>(((c >> 7) & 0x30) | ((c >> 1) & 0x3c0) | ((c >> 4) & 4) | ((c >> 2) & 8));
}
@inline function cLwImm(c: u32): i64 {
  return <i64>(((c >> 7) & 0x38) | ((c >> 4) & 4) | ((c << 1) & 0x40));
}
@inline function cLdImm(c: u32): i64 {
  return <i64>(((c >> 7) & 0x38) | ((c << 1) & 0xc0));
}
@inline function cAddi16spImm(c: u32): i64 {
  return <i64>(((<i32>(c << 19) >> 22) & ~0x1ff) |
    <i32>(((c >> 2) & 0x10) | ((c << 1) & 0x40) | ((c << 4) & 0x180) | ((c << 3) & 0x20)));
}
@inline function cJImm(c: u32): i64 {
  return <i64>(((<i32>(c << 19) >> 20) & ~0x7ff) |
    <i32>(((c >> 7) & 0x10) | ((c >> 1) & 0x300) | ((c << 2) & 0x400) | ((c >> 1) & 0x40) |
      ((c << 1) & 0x80) | ((c >> 2) & 0xe) | ((c << 3) & 0x20)));
}
@inline function cBImm(c: u32): i64 {
  return <i64>(((<i32>(c << 19) >> 23) & ~0xff) |
    <i32>(((c >> 7) & 0x18) | ((c << 1) & 0xc0) | ((c >> 2) & 6) | ((c << 3) & 0x20)));
}
@inline function cLwspImm(c: u32): i64 {
  return <i64>(((c >> 7) & 0x20) | ((c >> 2) & 0x1c) | ((c << 4) & 0xc0));
}
@inline function cLdspImm(c: u32): i64 {
  return <i64>(((c >> 7) & 0x20) | ((c >> 2) & 0x18) | ((c << 4) & 0x1c0));
}
@inline function cSwspImm(c: u32): i64 {
  return <i64>(((c >> 7) & 0x3c) | ((c >> 1) & 0xc0));
}
@inline function cSdspImm(c: u32): i64 {
  return <i64>(((c >> 7) & 0x38) | ((c >> 1) & 0x1c0));
}

// ---------------------------------------------------------------------------
// Register file and memory.

@inline function getX(hb: usize, r: u32): i64 { return load<i64>(hb + (<usize>r << 3)); }
// Writes to x0 land in memory and are wiped after the instruction.
@inline function setX(hb: usize, r: u32, v: i64): void { store<i64>(hb + (<usize>r << 3), v); }
@inline function getF(hb: usize, r: u32): i64 { return load<i64>(hb + (<usize>r << 3), HART_F); }
@inline function setF(hb: usize, r: u32, v: i64): void { store<i64>(hb + (<usize>r << 3), v, HART_F); }

// Zero-extended load of `size` bytes through the read tag. A miss or a
// misaligned address goes to loadSlow, which sets gFault on a real fault.
@inline function ldRaw(tlb: usize, addr: i64, size: i32): i64 {
  const e = tlbEntry(tlb, addr);
  if (load<i64>(e, TLB_READ_TAG) == (addr & (PAGE_MASK | <i64>(size - 1)))) {
    const h = <usize>(addr + load<i64>(e, TLB_ADDEND));
    if (size == 1) return <i64>load<u8>(h);
    if (size == 2) return <i64>load<u16>(h);
    if (size == 4) return <i64>load<u32>(h);
    return load<i64>(h);
  }
  return loadSlow(tlb, addr, size, TLB_READ_TAG);
}

@inline function stRaw(tlb: usize, addr: i64, v: i64, size: i32): void {
  const e = tlbEntry(tlb, addr);
  if (load<i64>(e, TLB_WRITE_TAG) == (addr & (PAGE_MASK | <i64>(size - 1)))) {
    const h = <usize>(addr + load<i64>(e, TLB_ADDEND));
    if (size == 1) store<u8>(h, <u8>v);
    else if (size == 2) store<u16>(h, <u16>v);
    else if (size == 4) store<u32>(h, <u32>v);
    else store<i64>(h, v);
    return;
  }
  storeSlow(tlb, addr, size, v, TLB_WRITE_TAG);
}

// Host address of a naturally aligned `size`-byte word through the write
// tag (AMO, SC), or 0 on a miss. Alignment is checked by the caller.
@inline function amoHost(tlb: usize, addr: i64): usize {
  const e = tlbEntry(tlb, addr);
  if (load<i64>(e, TLB_WRITE_TAG) != (addr & PAGE_MASK)) return 0;
  return <usize>(addr + load<i64>(e, TLB_ADDEND));
}

// Records an exit in the hart block and returns its cause.
function finish(hb: usize, pc: i64, retired: i32, cause: i32, tval: i64): i32 {
  store<i64>(hb, 0); // x0 may hold a discarded write
  store<i64>(hb, pc, HART_PC);
  store<i64>(hb, load<i64>(hb, HART_INSTRET) + <i64>retired, HART_INSTRET);
  store<u32>(hb, cause, HART_EXIT_CAUSE);
  store<i64>(hb, tval, HART_EXIT_TVAL);
  return cause;
}

// ---------------------------------------------------------------------------
// The interpreter loop.

// Runs hart `hart` until `budget` instructions have retired or an exit.
export function run(hart: i32, budget: i32): i32 {
  const hb: usize = <usize>HART_BASE + <usize>hart * <usize>HART_SIZE;
  const bank: usize = <usize>load<u32>(hb + HART_TLB_BASE);
  const tlb: usize = bank != 0 ? bank : <usize>TLB_BASE + <usize>hart * <usize>TLB_BYTES;
  // pc[0] does not exist with C (IALIGN = 16); a pc set by the kernel, e.g.
  // from a signal frame, loses it as on hardware.
  let pc = load<i64>(hb, HART_PC) & ~1;
  let left = budget;
  clearFault();
  store<i64>(hb, 0);
  // The fetch cache: pc is in it when (pc ^ fpage) <= 0xffc, i.e. on page
  // fpage with a whole 32-bit word before the page end. pc ^ 0x1000 starts
  // it off guaranteed to miss.
  let fpage: i64 = pc ^ 0x1000;
  let fbase: usize = 0;

  while (left > 0) {
    let insn: u32;
    const off = pc ^ fpage;
    if (<u64>off <= 0xffc) {
      insn = load<u32>(fbase + <usize>off);
    } else {
      const r = fetchSlow(tlb + <usize>TLB_ITLB_OFFSET, pc, TLB_EXEC_TAG);
      if (r < 0) return finish(hb, pc, budget - left, EXIT_FETCH_FAULT, gFaultAddr);
      insn = <u32>r;
      fpage = gFetchPage;
      fbase = gFetchBase;
    }

    // Two dense switches, one br_table each: opcode[6:2] of a 32-bit
    // instruction, or quadrant * 8 + funct3 of a compressed one.
    const quadrant = insn & 3;
    if (quadrant == 3) switch ((insn >> 2) & 31) {
      // ---------------------------------------------------------------- RV64I
      case 0x00: { // LOAD
        const f3 = fF3(insn);
        const addr = getX(hb, fRs1(insn)) + immI(insn);
        let v: i64;
        switch (f3) {
          case 0: v = <i64><i8>ldRaw(tlb, addr, 1); break;
          case 1: v = <i64><i16>ldRaw(tlb, addr, 2); break;
          case 2: v = <i64><i32>ldRaw(tlb, addr, 4); break;
          case 3: v = ldRaw(tlb, addr, 8); break;
          case 4: v = ldRaw(tlb, addr, 1); break;
          case 5: v = ldRaw(tlb, addr, 2); break;
          case 6: v = ldRaw(tlb, addr, 4); break;
          default: return finish(hb, pc, budget - left, EXIT_ILLEGAL, <i64>insn);
        }
        if (gFault) return finish(hb, pc, budget - left, EXIT_LOAD_FAULT, gFaultAddr);
        setX(hb, fRd(insn), v);
        pc += 4;
        break;
      }
      case 0x03: { // MISC-MEM: fence (any pred/succ, fence.tso, pause), fence.i
        if (fF3(insn) > 1) return finish(hb, pc, budget - left, EXIT_ILLEGAL, <i64>insn);
        pc += 4;
        break;
      }
      case 0x04: { // OP-IMM
        const a = getX(hb, fRs1(insn));
        const imm = immI(insn);
        let v: i64;
        switch (fF3(insn)) {
          case 0: v = a + imm; break;
          case 1: {
            if ((insn >> 26) != 0) return finish(hb, pc, budget - left, EXIT_ILLEGAL, <i64>insn);
            v = a << (imm & 63);
            break;
          }
          case 2: v = <i64>(a < imm); break;
          case 3: v = <i64>(<u64>a < <u64>imm); break;
          case 4: v = a ^ imm; break;
          case 5: {
            const f6 = insn >> 26;
            if (f6 == 0) v = <i64>(<u64>a >> <u64>(imm & 63));
            else if (f6 == 0x10) v = a >> (imm & 63);
            else return finish(hb, pc, budget - left, EXIT_ILLEGAL, <i64>insn);
            break;
          }
          case 6: v = a | imm; break;
          default: v = a & imm; break;
        }
        setX(hb, fRd(insn), v);
        pc += 4;
        break;
      }
      case 0x05: { // AUIPC
        setX(hb, fRd(insn), pc + immU(insn));
        pc += 4;
        break;
      }
      case 0x06: { // OP-IMM-32
        const a = <i32>getX(hb, fRs1(insn));
        const f3 = fF3(insn);
        const f7 = insn >> 25;
        const sh = <i32>fRs2(insn);
        let v: i32;
        if (f3 == 0) v = a + <i32>immI(insn);
        else if (f3 == 1 && f7 == F7_BASE) v = a << sh;
        else if (f3 == 5 && f7 == F7_BASE) v = <i32>(<u32>a >> sh);
        else if (f3 == 5 && f7 == F7_ALT) v = a >> sh;
        else return finish(hb, pc, budget - left, EXIT_ILLEGAL, <i64>insn);
        setX(hb, fRd(insn), <i64>v);
        pc += 4;
        break;
      }
      case 0x08: { // STORE
        const f3 = fF3(insn);
        const addr = getX(hb, fRs1(insn)) + immS(insn);
        const v = getX(hb, fRs2(insn));
        switch (f3) {
          case 0: stRaw(tlb, addr, v, 1); break;
          case 1: stRaw(tlb, addr, v, 2); break;
          case 2: stRaw(tlb, addr, v, 4); break;
          case 3: stRaw(tlb, addr, v, 8); break;
          default: return finish(hb, pc, budget - left, EXIT_ILLEGAL, <i64>insn);
        }
        if (gFault) return finish(hb, pc, budget - left, EXIT_STORE_FAULT, gFaultAddr);
        pc += 4;
        break;
      }
      case 0x0b: { // AMO
        const cause = execAmo(hb, tlb, insn);
        if (cause >= 0) {
          return finish(hb, pc, budget - left, cause, cause == EXIT_ILLEGAL ? <i64>insn : gFaultAddr);
        }
        pc += 4;
        break;
      }
      case 0x0c: { // OP
        const a = getX(hb, fRs1(insn));
        const b = getX(hb, fRs2(insn));
        const f7 = insn >> 25;
        let v: i64;
        if (f7 == F7_BASE) {
          switch (fF3(insn)) {
            case 0: v = a + b; break;
            case 1: v = a << (b & 63); break;
            case 2: v = <i64>(a < b); break;
            case 3: v = <i64>(<u64>a < <u64>b); break;
            case 4: v = a ^ b; break;
            case 5: v = <i64>(<u64>a >> <u64>(b & 63)); break;
            case 6: v = a | b; break;
            default: v = a & b; break;
          }
        } else if (f7 == F7_MULDIV) {
          switch (fF3(insn)) {
            case 0: v = a * b; break;
            case 1: v = mulh(a, b); break;
            case 2: v = mulhsu(a, b); break;
            case 3: v = <i64>mulhu(<u64>a, <u64>b); break;
            case 4: v = div64(a, b); break;
            case 5: v = divu64(a, b); break;
            case 6: v = rem64(a, b); break;
            default: v = remu64(a, b); break;
          }
        } else if (f7 == F7_ALT && fF3(insn) == 0) {
          v = a - b;
        } else if (f7 == F7_ALT && fF3(insn) == 5) {
          v = a >> (b & 63);
        } else {
          return finish(hb, pc, budget - left, EXIT_ILLEGAL, <i64>insn);
        }
        setX(hb, fRd(insn), v);
        pc += 4;
        break;
      }
      case 0x0d: { // LUI
        setX(hb, fRd(insn), immU(insn));
        pc += 4;
        break;
      }
      case 0x0e: { // OP-32
        const a = <i32>getX(hb, fRs1(insn));
        const b = <i32>getX(hb, fRs2(insn));
        const f3 = fF3(insn);
        const f7 = insn >> 25;
        let v: i32;
        if (f7 == F7_BASE) {
          if (f3 == 0) v = a + b;
          else if (f3 == 1) v = a << (b & 31);
          else if (f3 == 5) v = <i32>(<u32>a >> <u32>(b & 31));
          else return finish(hb, pc, budget - left, EXIT_ILLEGAL, <i64>insn);
        } else if (f7 == F7_MULDIV) {
          switch (f3) {
            case 0: v = a * b; break;
            case 4: v = div32(a, b); break;
            case 5: v = divu32(a, b); break;
            case 6: v = rem32(a, b); break;
            case 7: v = remu32(a, b); break;
            default: return finish(hb, pc, budget - left, EXIT_ILLEGAL, <i64>insn);
          }
        } else if (f7 == F7_ALT && f3 == 0) {
          v = a - b;
        } else if (f7 == F7_ALT && f3 == 5) {
          v = a >> (b & 31);
        } else {
          return finish(hb, pc, budget - left, EXIT_ILLEGAL, <i64>insn);
        }
        setX(hb, fRd(insn), <i64>v);
        pc += 4;
        break;
      }
      case 0x18: { // BRANCH
        const a = getX(hb, fRs1(insn));
        const b = getX(hb, fRs2(insn));
        let taken: bool;
        switch (fF3(insn)) {
          case 0: taken = a == b; break;
          case 1: taken = a != b; break;
          case 4: taken = a < b; break;
          case 5: taken = a >= b; break;
          case 6: taken = <u64>a < <u64>b; break;
          case 7: taken = <u64>a >= <u64>b; break;
          default: return finish(hb, pc, budget - left, EXIT_ILLEGAL, <i64>insn);
        }
        pc += taken ? immB(insn) : 4;
        break;
      }
      case 0x19: { // JALR
        if (fF3(insn) != 0) return finish(hb, pc, budget - left, EXIT_ILLEGAL, <i64>insn);
        const target = (getX(hb, fRs1(insn)) + immI(insn)) & ~1;
        setX(hb, fRd(insn), pc + 4);
        pc = target;
        break;
      }
      case 0x1b: { // JAL
        setX(hb, fRd(insn), pc + 4);
        pc += immJ(insn);
        break;
      }
      case 0x1c: { // SYSTEM
        const f3 = fF3(insn);
        if (f3 == 0) {
          if (insn == INSN_ECALL) return finish(hb, pc, budget - left, EXIT_ECALL, 0);
          if (insn == INSN_EBREAK) return finish(hb, pc, budget - left, EXIT_EBREAK, 0);
          return finish(hb, pc, budget - left, EXIT_ILLEGAL, <i64>insn);
        }
        if (!execCsr(hb, insn, load<i64>(hb, HART_INSTRET) + <i64>(budget - left))) {
          return finish(hb, pc, budget - left, EXIT_ILLEGAL, <i64>insn);
        }
        pc += 4;
        break;
      }

      // ------------------------------------------------------ F/D memory, FP
      case 0x01: { // LOAD-FP: flw, fld
        const f3 = fF3(insn);
        const addr = getX(hb, fRs1(insn)) + immI(insn);
        let v: i64;
        if (f3 == 2) v = ldRaw(tlb, addr, 4) | NAN_BOX;
        else if (f3 == 3) v = ldRaw(tlb, addr, 8);
        else return finish(hb, pc, budget - left, EXIT_ILLEGAL, <i64>insn);
        if (gFault) return finish(hb, pc, budget - left, EXIT_LOAD_FAULT, gFaultAddr);
        setF(hb, fRd(insn), v);
        pc += 4;
        break;
      }
      case 0x09: { // STORE-FP: fsw, fsd
        const f3 = fF3(insn);
        const addr = getX(hb, fRs1(insn)) + immS(insn);
        const v = getF(hb, fRs2(insn));
        if (f3 == 2) stRaw(tlb, addr, v, 4);
        else if (f3 == 3) stRaw(tlb, addr, v, 8);
        else return finish(hb, pc, budget - left, EXIT_ILLEGAL, <i64>insn);
        if (gFault) return finish(hb, pc, budget - left, EXIT_STORE_FAULT, gFaultAddr);
        pc += 4;
        break;
      }
      case 0x10: // MADD
      case 0x11: // MSUB
      case 0x12: // NMSUB
      case 0x13: // NMADD
      case 0x14: { // OP-FP
        if (!execFp(hb, insn)) return finish(hb, pc, budget - left, EXIT_ILLEGAL, <i64>insn);
        pc += 4;
        break;
      }

      // opcode[4:2] = 111 (48-bit and longer encodings), custom and
      // reserved major opcodes.
      default: return finish(hb, pc, budget - left, EXIT_ILLEGAL, <i64>insn);
    } else switch ((quadrant << 3) | ((insn >> 13) & 7)) {
      // ---------------------------------------------------- C, quadrant 0
      case 0 + 0: { // c.addi4spn (imm = 0, including 0x0000, is reserved)
        const imm = cAddi4spnImm(insn);
        if (imm == 0) return finish(hb, pc, budget - left, EXIT_ILLEGAL, <i64>(insn & 0xffff));
        setX(hb, cRdp(insn), getX(hb, 2) + imm);
        pc += 2;
        break;
      }
      case 0 + 1: { // c.fld
        const v = ldRaw(tlb, getX(hb, cRs1p(insn)) + cLdImm(insn), 8);
        if (gFault) return finish(hb, pc, budget - left, EXIT_LOAD_FAULT, gFaultAddr);
        setF(hb, cRdp(insn), v);
        pc += 2;
        break;
      }
      case 0 + 2: { // c.lw
        const v = <i64><i32>ldRaw(tlb, getX(hb, cRs1p(insn)) + cLwImm(insn), 4);
        if (gFault) return finish(hb, pc, budget - left, EXIT_LOAD_FAULT, gFaultAddr);
        setX(hb, cRdp(insn), v);
        pc += 2;
        break;
      }
      case 0 + 3: { // c.ld
        const v = ldRaw(tlb, getX(hb, cRs1p(insn)) + cLdImm(insn), 8);
        if (gFault) return finish(hb, pc, budget - left, EXIT_LOAD_FAULT, gFaultAddr);
        setX(hb, cRdp(insn), v);
        pc += 2;
        break;
      }
      case 0 + 5: { // c.fsd
        stRaw(tlb, getX(hb, cRs1p(insn)) + cLdImm(insn), getF(hb, cRdp(insn)), 8);
        if (gFault) return finish(hb, pc, budget - left, EXIT_STORE_FAULT, gFaultAddr);
        pc += 2;
        break;
      }
      case 0 + 6: { // c.sw
        stRaw(tlb, getX(hb, cRs1p(insn)) + cLwImm(insn), getX(hb, cRdp(insn)), 4);
        if (gFault) return finish(hb, pc, budget - left, EXIT_STORE_FAULT, gFaultAddr);
        pc += 2;
        break;
      }
      case 0 + 7: { // c.sd
        stRaw(tlb, getX(hb, cRs1p(insn)) + cLdImm(insn), getX(hb, cRdp(insn)), 8);
        if (gFault) return finish(hb, pc, budget - left, EXIT_STORE_FAULT, gFaultAddr);
        pc += 2;
        break;
      }

      // ---------------------------------------------------- C, quadrant 1
      case 8 + 0: { // c.addi / c.nop (rd = 0 or imm = 0 are hints: harmless)
        const rd = cRd(insn);
        setX(hb, rd, getX(hb, rd) + cImm6(insn));
        pc += 2;
        break;
      }
      case 8 + 1: { // c.addiw (rd = 0 reserved)
        const rd = cRd(insn);
        if (rd == 0) return finish(hb, pc, budget - left, EXIT_ILLEGAL, <i64>(insn & 0xffff));
        setX(hb, rd, <i64>(<i32>getX(hb, rd) + <i32>cImm6(insn)));
        pc += 2;
        break;
      }
      case 8 + 2: { // c.li
        setX(hb, cRd(insn), cImm6(insn));
        pc += 2;
        break;
      }
      case 8 + 3: { // c.addi16sp (rd = 2) / c.lui; imm = 0 reserved for both
        const rd = cRd(insn);
        if (rd == 2) {
          const imm = cAddi16spImm(insn);
          if (imm == 0) return finish(hb, pc, budget - left, EXIT_ILLEGAL, <i64>(insn & 0xffff));
          setX(hb, 2, getX(hb, 2) + imm);
        } else {
          const imm = cImm6(insn);
          if (imm == 0) return finish(hb, pc, budget - left, EXIT_ILLEGAL, <i64>(insn & 0xffff));
          setX(hb, rd, imm << 12);
        }
        pc += 2;
        break;
      }
      case 8 + 4: { // c.srli, c.srai, c.andi, c.sub/xor/or/and, c.subw/addw
        if (!execCArith(hb, insn)) {
          return finish(hb, pc, budget - left, EXIT_ILLEGAL, <i64>(insn & 0xffff));
        }
        pc += 2;
        break;
      }
      case 8 + 5: { // c.j
        pc += cJImm(insn);
        break;
      }
      case 8 + 6: { // c.beqz
        pc += getX(hb, cRs1p(insn)) == 0 ? cBImm(insn) : 2;
        break;
      }
      case 8 + 7: { // c.bnez
        pc += getX(hb, cRs1p(insn)) != 0 ? cBImm(insn) : 2;
        break;
      }

      // ---------------------------------------------------- C, quadrant 2
      case 16 + 0: { // c.slli (rd = 0 or shamt = 0 are hints)
        const rd = cRd(insn);
        setX(hb, rd, getX(hb, rd) << <i64>cShamt(insn));
        pc += 2;
        break;
      }
      case 16 + 1: { // c.fldsp
        const v = ldRaw(tlb, getX(hb, 2) + cLdspImm(insn), 8);
        if (gFault) return finish(hb, pc, budget - left, EXIT_LOAD_FAULT, gFaultAddr);
        setF(hb, cRd(insn), v);
        pc += 2;
        break;
      }
      case 16 + 2: { // c.lwsp (rd = 0 reserved)
        const rd = cRd(insn);
        if (rd == 0) return finish(hb, pc, budget - left, EXIT_ILLEGAL, <i64>(insn & 0xffff));
        const v = <i64><i32>ldRaw(tlb, getX(hb, 2) + cLwspImm(insn), 4);
        if (gFault) return finish(hb, pc, budget - left, EXIT_LOAD_FAULT, gFaultAddr);
        setX(hb, rd, v);
        pc += 2;
        break;
      }
      case 16 + 3: { // c.ldsp (rd = 0 reserved)
        const rd = cRd(insn);
        if (rd == 0) return finish(hb, pc, budget - left, EXIT_ILLEGAL, <i64>(insn & 0xffff));
        const v = ldRaw(tlb, getX(hb, 2) + cLdspImm(insn), 8);
        if (gFault) return finish(hb, pc, budget - left, EXIT_LOAD_FAULT, gFaultAddr);
        setX(hb, rd, v);
        pc += 2;
        break;
      }
      case 16 + 4: { // c.jr, c.mv, c.ebreak, c.jalr, c.add
        const rd = cRd(insn);
        const rs2 = cRs2(insn);
        if ((insn & 0x1000) == 0) {
          if (rs2 != 0) { // c.mv
            setX(hb, rd, getX(hb, rs2));
            pc += 2;
          } else { // c.jr
            if (rd == 0) return finish(hb, pc, budget - left, EXIT_ILLEGAL, <i64>(insn & 0xffff));
            pc = getX(hb, rd) & ~1;
          }
        } else if (rs2 != 0) { // c.add
          setX(hb, rd, getX(hb, rd) + getX(hb, rs2));
          pc += 2;
        } else if (rd == 0) { // c.ebreak
          return finish(hb, pc, budget - left, EXIT_EBREAK, 0);
        } else { // c.jalr: read the target before linking, rd may be x1
          const target = getX(hb, rd) & ~1;
          setX(hb, 1, pc + 2);
          pc = target;
        }
        break;
      }
      case 16 + 5: { // c.fsdsp
        stRaw(tlb, getX(hb, 2) + cSdspImm(insn), getF(hb, cRs2(insn)), 8);
        if (gFault) return finish(hb, pc, budget - left, EXIT_STORE_FAULT, gFaultAddr);
        pc += 2;
        break;
      }
      case 16 + 6: { // c.swsp
        stRaw(tlb, getX(hb, 2) + cSwspImm(insn), getX(hb, cRs2(insn)), 4);
        if (gFault) return finish(hb, pc, budget - left, EXIT_STORE_FAULT, gFaultAddr);
        pc += 2;
        break;
      }
      case 16 + 7: { // c.sdsp
        stRaw(tlb, getX(hb, 2) + cSdspImm(insn), getX(hb, cRs2(insn)), 8);
        if (gFault) return finish(hb, pc, budget - left, EXIT_STORE_FAULT, gFaultAddr);
        pc += 2;
        break;
      }

      // Quadrant 0 funct3 100 is reserved.
      default: return finish(hb, pc, budget - left, EXIT_ILLEGAL, <i64>(insn & 0xffff));
    }
    store<i64>(hb, 0); // x0 is hard-wired to zero
    left--;
  }
  return finish(hb, pc, budget - left, EXIT_BUDGET, 0);
}

// ---------------------------------------------------------------------------
// Less frequent instruction groups, kept out of the loop body.

// Quadrant 1, funct3 100. Returns false for the reserved encodings.
function execCArith(hb: usize, c: u32): bool {
  const rd = cRs1p(c);
  const a = getX(hb, rd);
  switch ((c >> 10) & 3) {
    case 0: setX(hb, rd, <i64>(<u64>a >> <u64>cShamt(c))); return true; // c.srli
    case 1: setX(hb, rd, a >> <i64>cShamt(c)); return true; // c.srai
    case 2: setX(hb, rd, a & cImm6(c)); return true; // c.andi
    default: break;
  }
  const b = getX(hb, cRdp(c));
  const op = (c >> 5) & 3;
  if ((c & 0x1000) == 0) {
    switch (op) {
      case 0: setX(hb, rd, a - b); break; // c.sub
      case 1: setX(hb, rd, a ^ b); break; // c.xor
      case 2: setX(hb, rd, a | b); break; // c.or
      default: setX(hb, rd, a & b); break; // c.and
    }
    return true;
  }
  if (op == 0) { setX(hb, rd, <i64>(<i32>a - <i32>b)); return true; } // c.subw
  if (op == 1) { setX(hb, rd, <i64>(<i32>a + <i32>b)); return true; } // c.addw
  return false;
}

// Zicsr. `instret` is the retired count including this run's progress.
// Returns false (illegal) for an unknown CSR or a write to a read-only one.
function execCsr(hb: usize, insn: u32, instret: i64): bool {
  const f3 = fF3(insn);
  if (f3 == 4) return false;
  const csr = insn >> 20;
  const rs1 = fRs1(insn);
  // csrrw(i) always writes; csrrs(i)/csrrc(i) write unless rs1/uimm is 0.
  const writes = (f3 & 3) == 1 || rs1 != 0;
  const fcsr = load<u32>(hb, HART_FCSR);
  let old: i64;
  switch (csr) {
    case CSR_FFLAGS: old = <i64>(fcsr & FFLAGS_MASK); break;
    case CSR_FRM: old = <i64>((fcsr >> FRM_SHIFT) & FRM_MASK); break;
    case CSR_FCSR: old = <i64>(fcsr & FCSR_MASK); break;
    case CSR_CYCLE:
    case CSR_INSTRET: old = instret; break;
    case CSR_TIME: old = readTime(); break;
    default: return false;
  }
  if (writes) {
    if (csr >= CSR_CYCLE) return false;
    const src: i64 = (f3 & 4) != 0 ? <i64>rs1 : getX(hb, rs1);
    let nv: i64;
    switch (f3 & 3) {
      case 1: nv = src; break;
      case 2: nv = old | src; break;
      default: nv = old & ~src; break;
    }
    const n = <u32>nv;
    let f: u32;
    if (csr == CSR_FFLAGS) f = (fcsr & ~FFLAGS_MASK) | (n & FFLAGS_MASK);
    else if (csr == CSR_FRM) f = (fcsr & FFLAGS_MASK) | ((n & FRM_MASK) << FRM_SHIFT);
    else f = n;
    store<u32>(hb, f & FCSR_MASK, HART_FCSR);
  }
  setX(hb, fRd(insn), old);
  return true;
}

// The A extension. Returns -1 when the instruction completed, else the exit
// cause (EXIT_ILLEGAL, or a fault / misalignment with gFaultAddr set).
function execAmo(hb: usize, tlb: usize, insn: u32): i32 {
  const f3 = fF3(insn);
  const f5 = insn >> 27;
  if (f3 != 2 && f3 != 3) return EXIT_ILLEGAL;
  if (!amoKnown(f5) || (f5 == AMO_LR && fRs2(insn) != 0)) return EXIT_ILLEGAL;
  const wide = f3 == 3;
  const addr = getX(hb, fRs1(insn));
  if ((addr & (wide ? 7 : 3)) != 0) return amoFault(EXIT_MISALIGNED, addr);
  const rd = fRd(insn);

  if (f5 == AMO_LR) {
    const e = tlbEntry(tlb, addr);
    if (load<i64>(e, TLB_READ_TAG) != (addr & PAGE_MASK)) return amoFault(EXIT_LOAD_FAULT, addr);
    const h = <usize>(addr + load<i64>(e, TLB_ADDEND));
    setX(hb, rd, wide ? load<i64>(h) : <i64>load<i32>(h));
    store<i64>(hb, addr, HART_RES_ADDR);
    store<u32>(hb, 1, HART_RES_VALID);
    return -1;
  }

  const b = getX(hb, fRs2(insn));
  if (f5 == AMO_SC) {
    const held = load<u32>(hb, HART_RES_VALID) != 0 && load<i64>(hb, HART_RES_ADDR) == addr;
    if (held) {
      const h = amoHost(tlb, addr);
      if (h == 0) return amoFault(EXIT_STORE_FAULT, addr);
      if (wide) store<i64>(h, b);
      else store<i32>(h, <i32>b);
    }
    store<u32>(hb, 0, HART_RES_VALID);
    setX(hb, rd, held ? 0 : 1);
    return -1;
  }

  const h = amoHost(tlb, addr);
  if (h == 0) return amoFault(EXIT_STORE_FAULT, addr);
  if (wide) {
    const old = load<i64>(h);
    store<i64>(h, amoOp64(f5, old, b));
    setX(hb, rd, old);
  } else {
    const old = load<i32>(h);
    store<i32>(h, amoOp32(f5, old, <i32>b));
    setX(hb, rd, <i64>old);
  }
  return -1;
}

function amoKnown(f5: u32): bool {
  switch (f5) {
    case AMO_ADD: case AMO_SWAP: case AMO_LR: case AMO_SC: case AMO_XOR:
    case AMO_OR: case AMO_AND: case AMO_MIN: case AMO_MAX: case AMO_MINU:
    case AMO_MAXU: return true;
    default: return false;
  }
}

function amoFault(cause: i32, addr: i64): i32 {
  noteFaultAddr(addr);
  return cause;
}

function amoOp64(f5: u32, a: i64, b: i64): i64 {
  switch (f5) {
    case AMO_ADD: return a + b;
    case AMO_SWAP: return b;
    case AMO_XOR: return a ^ b;
    case AMO_OR: return a | b;
    case AMO_AND: return a & b;
    case AMO_MIN: return a < b ? a : b;
    case AMO_MAX: return a > b ? a : b;
    case AMO_MINU: return <u64>a < <u64>b ? a : b;
    default: return <u64>a > <u64>b ? a : b; // AMO_MAXU
  }
}

function amoOp32(f5: u32, a: i32, b: i32): i32 {
  switch (f5) {
    case AMO_ADD: return a + b;
    case AMO_SWAP: return b;
    case AMO_XOR: return a ^ b;
    case AMO_OR: return a | b;
    case AMO_AND: return a & b;
    case AMO_MIN: return a < b ? a : b;
    case AMO_MAX: return a > b ? a : b;
    case AMO_MINU: return <u32>a < <u32>b ? a : b;
    default: return <u32>a > <u32>b ? a : b; // AMO_MAXU
  }
}
