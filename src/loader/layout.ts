// Address-space layout of a 64-bit riscv process, Sv48 without ASLR
// (shared/RISCV-ABI.md §5.3): what Linux gives a program with
// randomize_va_space = 0. Randomisation can be layered on later.
export const TASK_SIZE = 0x800000000000;
export const STACK_TOP = 0x800000000000;
/** Where a PIE with an interpreter is loaded (ELF_ET_DYN_BASE, page-aligned). */
export const ELF_ET_DYN_BASE = 0x555555555000;
/** Initial stack VMA size below the argument area (setup_arg_pages' stack_expand). */
export const STACK_EXPAND = 131072;
export const DEFAULT_STACK_RLIMIT = 8 * 1024 * 1024;
