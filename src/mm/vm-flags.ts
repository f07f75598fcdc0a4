// VMA flag bits, with Linux's values (include/linux/mm.h) so that merging
// rules and a later /proc/PID/smaps VmFlags line can follow Linux exactly.

import { PROT_EXEC, PROT_READ, PROT_WRITE } from "./mman.js";

export const VM_READ = 0x1;
export const VM_WRITE = 0x2;
export const VM_EXEC = 0x4;
export const VM_SHARED = 0x8;
export const VM_MAYREAD = 0x10;
export const VM_MAYWRITE = 0x20;
export const VM_MAYEXEC = 0x40;
export const VM_MAYSHARE = 0x80;
export const VM_GROWSDOWN = 0x100;
export const VM_LOCKED = 0x2000;
export const VM_SEQ_READ = 0x8000;
export const VM_RAND_READ = 0x10000;
export const VM_DONTCOPY = 0x20000;
export const VM_DONTEXPAND = 0x40000;
export const VM_ACCOUNT = 0x100000;
export const VM_NORESERVE = 0x200000;
export const VM_WIPEONFORK = 0x2000000;
export const VM_DONTDUMP = 0x4000000;
export const VM_HUGEPAGE = 0x20000000;
export const VM_NOHUGEPAGE = 0x40000000;

export const VM_ACCESS_FLAGS = VM_READ | VM_WRITE | VM_EXEC;
export const VM_MAY_FLAGS = VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;

// PROT_* and VM_READ/WRITE/EXEC share bit positions.
export function protToVm(prot: number): number {
  return prot & (PROT_READ | PROT_WRITE | PROT_EXEC);
}

// Linux's vm_stat_account classes (mm/internal.h).
export function isExecMapping(flags: number): boolean {
  return (flags & (VM_EXEC | VM_WRITE | VM_GROWSDOWN)) === VM_EXEC;
}

export function isStackMapping(flags: number): boolean {
  return (flags & VM_GROWSDOWN) !== 0;
}

export function isDataMapping(flags: number): boolean {
  return (flags & (VM_WRITE | VM_SHARED | VM_GROWSDOWN)) === VM_WRITE;
}
