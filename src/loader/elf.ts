// ELF64 header and program-header parsing with the checks Linux makes in
// fs/binfmt_elf.c. Anything malformed is ENOEXEC; nothing here throws on
// hostile input.
import { ENOEXEC } from "../kernel/errno.js";

export const ET_EXEC = 2;
export const ET_DYN = 3;
export const EM_RISCV = 243;
export const PT_LOAD = 1;
export const PT_INTERP = 3;
export const PT_PHDR = 6;
export const PT_GNU_STACK = 0x6474e551;
export const PF_X = 1;
export const PF_W = 2;
export const PF_R = 4;

const ELF_HEADER_SIZE = 64;
export const PHDR_SIZE = 56;
/** Linux refuses program-header tables larger than this (ELF_MIN_ALIGN, 64 KiB on riscv... and 4 KiB pages: 65536). */
const MAX_PHDR_BYTES = 65536;
const PATH_MAX = 4096;

export interface ProgramHeader {
  type: number;
  flags: number;
  offset: number;
  vaddr: number;
  filesz: number;
  memsz: number;
  align: number;
}

export interface ElfImage {
  type: number;
  entry: number;
  phoff: number;
  phnum: number;
  phdrs: ProgramHeader[];
  /** The PT_INTERP path, if any. */
  interp: string | null;
  /** PT_GNU_STACK asks for an executable stack. */
  execStack: boolean;
}

/** Reads `length` bytes of the file at `offset`; fewer when the file is shorter. */
export type ReadAt = (offset: number, length: number) => Uint8Array | number;

/** Numbers above 2^53 cannot be valid offsets or addresses here; map them to Infinity so range checks fail. */
function u64(v: DataView, at: number): number {
  const x = v.getBigUint64(at, true);
  return x > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(x);
}

export function isElf(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46;
}

export function parseElf(readAt: ReadAt): ElfImage | number {
  const head = readAt(0, ELF_HEADER_SIZE);
  if (typeof head === "number") return head;
  if (head.length < ELF_HEADER_SIZE || !isElf(head)) return -ENOEXEC;
  const v = new DataView(head.buffer, head.byteOffset, head.byteLength);
  // elf_check_arch: 64-bit RISC-V; little-endian is the only riscv64 encoding.
  if (head[4] !== 2 || head[5] !== 1) return -ENOEXEC;
  const type = v.getUint16(16, true);
  if (type !== ET_EXEC && type !== ET_DYN) return -ENOEXEC;
  if (v.getUint16(18, true) !== EM_RISCV) return -ENOEXEC;
  const phentsize = v.getUint16(54, true);
  const phnum = v.getUint16(56, true);
  const phoff = u64(v, 32);
  const bytes = phnum * PHDR_SIZE;
  if (phentsize !== PHDR_SIZE || bytes === 0 || bytes > MAX_PHDR_BYTES || !Number.isFinite(phoff)) return -ENOEXEC;
  const table = readAt(phoff, bytes);
  if (typeof table === "number") return table;
  if (table.length < bytes) return -ENOEXEC;
  const phdrs = parsePhdrs(table, phnum);
  if (typeof phdrs === "number") return phdrs;
  const interp = readInterp(readAt, phdrs);
  if (typeof interp === "number") return interp;
  const stack = phdrs.find((p) => p.type === PT_GNU_STACK);
  return {
    type, entry: u64(v, 24), phoff, phnum, phdrs, interp,
    execStack: stack !== undefined && (stack.flags & PF_X) !== 0,
  };
}

function parsePhdrs(table: Uint8Array, phnum: number): ProgramHeader[] | number {
  const v = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const out: ProgramHeader[] = [];
  for (let i = 0; i < phnum; i++) {
    const at = i * PHDR_SIZE;
    const p: ProgramHeader = {
      type: v.getUint32(at, true), flags: v.getUint32(at + 4, true), offset: u64(v, at + 8),
      vaddr: u64(v, at + 16), filesz: u64(v, at + 32), memsz: u64(v, at + 40), align: u64(v, at + 48),
    };
    if (p.type === PT_LOAD && !validLoad(p)) return -ENOEXEC;
    out.push(p);
  }
  return out;
}

/** A loadable segment must be representable and congruent with its file offset modulo the page size. */
function validLoad(p: ProgramHeader): boolean {
  if (![p.offset, p.vaddr, p.filesz, p.memsz].every(Number.isFinite)) return false;
  if (p.filesz > p.memsz) return false;
  if (p.vaddr + p.memsz > 2 ** 47) return false;
  return (p.vaddr % 4096) === (p.offset % 4096);
}

function readInterp(readAt: ReadAt, phdrs: ProgramHeader[]): string | null | number {
  const p = phdrs.find((h) => h.type === PT_INTERP);
  if (!p) return null;
  if (p.filesz < 2 || p.filesz > PATH_MAX || !Number.isFinite(p.offset)) return -ENOEXEC;
  const raw = readAt(p.offset, p.filesz);
  if (typeof raw === "number") return raw;
  if (raw.length < p.filesz || raw[p.filesz - 1] !== 0) return -ENOEXEC;
  return new TextDecoder().decode(raw.subarray(0, p.filesz - 1));
}
