// Address-space layout of a 64-bit riscv process, Sv48 (shared/RISCV-ABI.md
// §5.3): the fixed points Linux lays a program out from. With randomisation
// (aslr.ts) the stack top, mmap base, PIE base and break move away from them.
export const TASK_SIZE = 0x800000000000;
export const STACK_TOP = 0x800000000000;
/**
 * ELF_ET_DYN_BASE, (DEFAULT_MAP_WINDOW / 3) * 2 as Linux computes it, not
 * page-aligned: a PIE with an interpreter is loaded at it (aligned down),
 * a static PIE's break starts at it (aligned up).
 */
export const ELF_ET_DYN_BASE = 0x555555555554;
/** Initial stack VMA size below the argument area (setup_arg_pages' stack_expand). */
export const STACK_EXPAND = 131072;
export const DEFAULT_STACK_RLIMIT = 8 * 1024 * 1024;
