// Builds the malformed executables for the loader's error-path tests from a
// good static riscv64 binary: each is a file the kernel must refuse (or, for
// bad segment offsets, at least not crash on) without a JavaScript stack
// trace reaching the user.
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface BadElf {
  name: string;
  /** Why Linux refuses it; the expected message, when there is one. */
  message: RegExp | null;
}

const ENOEXEC = /exec format error/i;

export const BAD_ELVES: readonly BadElf[] = [
  { name: "empty", message: ENOEXEC },
  { name: "truncated-header", message: ENOEXEC },
  { name: "wrong-machine", message: ENOEXEC },
  { name: "wrong-class", message: ENOEXEC },
  { name: "wrong-endian", message: ENOEXEC },
  { name: "text-file", message: ENOEXEC },
  { name: "phdrs-beyond-file", message: ENOEXEC },
  // Linux maps the segment anyway and the process faults or is killed, so
  // only "no crash, no success" is required here.
  { name: "segment-beyond-file", message: null },
];

// ELF64 header field offsets (see RISCV-ABI.md, ELF constants).
const EI_CLASS = 4;
const EI_DATA = 5;
const E_PHOFF = 0x20;
const E_PHNUM = 0x38;
const PT_LOAD = 1;

function firstLoadHeader(elf: Buffer): number {
  const phoff = Number(elf.readBigUInt64LE(E_PHOFF));
  const phnum = elf.readUInt16LE(E_PHNUM);
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * 56;
    if (elf.readUInt32LE(at) === PT_LOAD) return at;
  }
  throw new Error("no PT_LOAD in the template binary");
}

/** Writes every bad executable into `dir` (mode 0755) from `good`. */
export function writeBadElves(dir: string, good: string, foreign: string): void {
  mkdirSync(dir, { recursive: true });
  const elf = readFileSync(good);
  const put = (name: string, data: Buffer | string): void => {
    writeFileSync(join(dir, name), data);
    chmodSync(join(dir, name), 0o755);
  };
  put("empty", Buffer.alloc(0));
  put("truncated-header", elf.subarray(0, 40));
  copyFileSync(foreign, join(dir, "wrong-machine"));
  chmodSync(join(dir, "wrong-machine"), 0o755);
  put("wrong-class", patch(elf, (b) => b.writeUInt8(1, EI_CLASS)));
  put("wrong-endian", patch(elf, (b) => b.writeUInt8(2, EI_DATA)));
  put("text-file", "this is just text, not a script\n");
  put("phdrs-beyond-file", patch(elf, (b) => b.writeBigUInt64LE(BigInt(elf.length + 4096), E_PHOFF)));
  put("segment-beyond-file", patch(elf, (b) => b.writeBigUInt64LE(0x10000000n, firstLoadHeader(b) + 8)));
  put("good", elf);
  writeFileSync(join(dir, "not-executable"), elf);
  chmodSync(join(dir, "not-executable"), 0o644);
}

function patch(elf: Buffer, edit: (b: Buffer) => void): Buffer {
  const copy = Buffer.from(elf);
  edit(copy);
  return copy;
}
