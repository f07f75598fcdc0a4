// Reader for the Unix `ar` archives that .deb files are. The format is a
// magic string and 60-byte member headers; a .deb uses only the common
// variant, so a small bounds-checked reader beats an unmaintained dependency.
import { ImageError } from "./errors.js";

export interface ArMember {
  readonly name: string;
  readonly data: Uint8Array;
}

const MAGIC = "!<arch>\n";
const HEADER = 60;

export function readAr(buf: Uint8Array, what: string): ArMember[] {
  const text = (from: number, len: number): string => Buffer.from(buf.subarray(from, from + len)).toString("latin1");
  if (buf.length < MAGIC.length || text(0, MAGIC.length) !== MAGIC) {
    throw new ImageError("format", `${what}: not an ar archive (.deb)`);
  }
  const members: ArMember[] = [];
  let off = MAGIC.length;
  while (off + HEADER <= buf.length) {
    if (text(off + 58, 2) !== "`\n") throw new ImageError("format", `${what}: corrupt ar member header`);
    const name = text(off, 16).trim().replace(/\/$/, "");
    const size = Number.parseInt(text(off + 48, 10).trim(), 10);
    const start = off + HEADER;
    if (!Number.isSafeInteger(size) || size < 0 || start + size > buf.length) {
      throw new ImageError("format", `${what}: ar member ${name} runs past the end`);
    }
    members.push({ name, data: buf.subarray(start, start + size) });
    off = start + size + (size % 2); // members are 2-byte aligned
  }
  return members;
}
