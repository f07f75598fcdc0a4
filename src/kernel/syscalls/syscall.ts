// The shape of a syscall handler. Arguments arrive as numbers holding the
// signed 64-bit register values (exact up to 2^53, which covers every
// pointer, fd, size and flag word a guest can meaningfully pass); a handler
// that needs all 64 bits reads the register itself (Kernel.argU64).
import type { Kernel } from "../kernel.js";
import type { Task } from "../task.js";
import type { Blocked } from "../wait.js";

export type SyscallResult = number | Blocked;
export type SyscallHandler = (k: Kernel, t: Task, a: Float64Array) => SyscallResult;

/**
 * How --trace prints each argument: d = signed decimal, u = unsigned decimal,
 * x = hex, s = NUL-terminated string at a pointer, f = fd (AT_FDCWD named),
 * o = octal.
 */
export interface SyscallDef {
  nr: number;
  fn: SyscallHandler;
  args: string;
}

/** Interprets a register value (signed) as the unsigned 64-bit value C sees for size_t/unsigned long. */
export function unsigned(x: number): number {
  return x < 0 ? x + 18446744073709551616 : x;
}

/** The low 32 bits as a C int (how the kernel reads an `int` argument). */
export function int32(x: number): number {
  return x | 0; // ToInt32 is exact modulo 2^32 for integral doubles
}

/** The low 32 bits as a C unsigned int. */
export function uint32(x: number): number {
  return x >>> 0;
}

/**
 * Returned by a handler that has set the registers itself (rt_sigreturn):
 * the kernel leaves a0 alone. Not an errno and never a real result.
 */
export const KEEP_REGISTERS = -(2 ** 62);
