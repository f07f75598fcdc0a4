// personality(2) (kernel/exec_domain.c) and what exec does to it
// (SET_PERSONALITY): an execution domain in the low byte and flags such as
// ADDR_NO_RANDOMIZE, which the next exec reads to decide on randomisation
// (`setarch -R` sets it and execs the program). fork copies it.
import type { Task } from "../task.js";
import * as SYS from "./numbers.js";
import { uint32, type SyscallDef } from "./syscall.js";

/** include/uapi/linux/personality.h */
export const PER_LINUX = 0x0000;
export const PER_LINUX32 = 0x0008;
export const PER_MASK = 0x00ff;
/** personality(0xffffffff) only asks. */
const PER_QUERY = 0xffffffff;

/** Sets the personality (any value: Linux checks none) unless asked only; returns the old one. */
function personality(t: Task, persona: number): number {
  const old = t.personality;
  if (persona !== PER_QUERY) t.personality = persona;
  return old;
}

/**
 * SET_PERSONALITY at exec (arch/riscv/include/asm/elf.h): the domain goes
 * back to PER_LINUX unless it is PER_LINUX32; the flags stay.
 */
export function execPersonality(p: number): number {
  if ((p & PER_MASK) === PER_LINUX32) return p;
  return ((p & ~PER_MASK) | PER_LINUX) >>> 0;
}

export const personalitySyscalls: SyscallDef[] = [
  { nr: SYS.SYS_personality, args: "x", fn: (_k, t, a) => personality(t, uint32(a[0])) },
];
