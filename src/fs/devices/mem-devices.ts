// The memory devices of drivers/char/mem.c and random.c: null, zero, full,
// random and urandom (major 1).
import { ENOSPC } from "../../kernel/errno.js";
import type { Inode } from "../inode.js";
import { OpenFile, type IoResult } from "../open-file.js";
import { registerCharDevice } from "./char-devices.js";

export const MEM_MAJOR = 1;
export const NULL_MINOR = 3;
export const ZERO_MINOR = 5;
export const FULL_MINOR = 7;
export const RANDOM_MINOR = 8;
export const URANDOM_MINOR = 9;

/** A device whose reads and writes never depend on a position; lseek always lands at 0. */
abstract class MemDeviceFile extends OpenFile {
  constructor(node: Inode, flags: number) {
    super(node, flags);
  }
  override lseek(): number {
    // null_lseek / zero_lseek: "seeking" succeeds and the position stays 0.
    this.offset = 0;
    return 0;
  }
  override write(src: Uint8Array): IoResult {
    return src.length;
  }
}

class NullFile extends MemDeviceFile {
  override read(): IoResult {
    return 0;
  }
}

class ZeroFile extends MemDeviceFile {
  override read(dest: Uint8Array): IoResult {
    dest.fill(0);
    return dest.length;
  }
}

class FullFile extends ZeroFile {
  override write(src: Uint8Array): IoResult {
    return src.length === 0 ? 0 : -ENOSPC;
  }
}

class RandomFile extends MemDeviceFile {
  constructor(
    node: Inode,
    flags: number,
    private readonly random: (dest: Uint8Array) => void,
  ) {
    super(node, flags);
  }
  override read(dest: Uint8Array): IoResult {
    this.random(dest);
    return dest.length;
  }
}

/** Installs the memory devices; `random` fills a buffer from the host's CSPRNG. */
export function registerMemDevices(random: (dest: Uint8Array) => void): void {
  registerCharDevice(MEM_MAJOR, NULL_MINOR, (n, f) => new NullFile(n, f));
  registerCharDevice(MEM_MAJOR, ZERO_MINOR, (n, f) => new ZeroFile(n, f));
  registerCharDevice(MEM_MAJOR, FULL_MINOR, (n, f) => new FullFile(n, f));
  registerCharDevice(MEM_MAJOR, RANDOM_MINOR, (n, f) => new RandomFile(n, f, random));
  registerCharDevice(MEM_MAJOR, URANDOM_MINOR, (n, f) => new RandomFile(n, f, random));
}
