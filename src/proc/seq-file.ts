// A /proc file as Linux's seq_file serves it: the whole content is
// generated when reading from offset 0 (the first read, or after a rewind)
// and later reads take their bytes from that snapshot by offset, so a
// reader gets one consistent view however small its reads, and a fresh one
// each time it seeks back to the start.
import { EINVAL, ESRCH } from "../kernel/errno.js";
import { OpenFile, type IoResult } from "../fs/open-file.js";
import type { Inode } from "../fs/inode.js";

/** Produces the file's content now, or -errno (ESRCH once its task is gone). */
export type Generator = () => Uint8Array | string | number;

/** Accepts a write (comm, oom_score_adj): the bytes written, returns bytes taken or -errno. */
export type Writer = (data: Uint8Array) => number;

const encoder = new TextEncoder();

export class SeqFile extends OpenFile {
  private snapshot: Uint8Array | null = null;

  constructor(
    inode: Inode,
    flags: number,
    private readonly generate: Generator,
    private readonly writer: Writer | null,
  ) {
    super(inode, flags);
  }

  override read(dest: Uint8Array, pos: number | null): IoResult {
    const at = pos ?? this.offset;
    if (at === 0 || this.snapshot === null) {
      const g = this.generate();
      if (typeof g === "number") return g;
      this.snapshot = typeof g === "string" ? encoder.encode(g) : g;
    }
    const n = Math.max(0, Math.min(dest.length, this.snapshot.length - at));
    dest.set(this.snapshot.subarray(at, at + n));
    if (pos === null) this.offset += n;
    return n;
  }

  override write(src: Uint8Array, pos: number | null): IoResult {
    if (!this.writer) return -EINVAL;
    const n = this.writer(src);
    if (n > 0 && pos === null) this.offset += n;
    return n;
  }

  /** /proc files report size 0; SEEK_END counts from there, as on Linux. */
  override size(): number {
    return 0;
  }
}

export { ESRCH };
