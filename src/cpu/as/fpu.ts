// F and D extensions: the arithmetic opcodes. The interpreter (index.ts)
// handles FP loads/stores and the fflags/frm/fcsr CSRs itself and calls
// execFp for OP-FP (0x53) and the fused multiply-adds (0x43/0x47/0x4b/0x4f).
//
// execFp returns false when the instruction is illegal (bad funct, bad rm),
// so the interpreter exits with EXIT_ILLEGAL without having changed state.
export function execFp(hart: usize, insn: u32): bool {
  return false;
}
