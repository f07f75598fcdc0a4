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
  /** The snapshot's bytes, once needed (a generated string is encoded lazily). */
  private snapshot: Uint8Array | null = null;
  /** The snapshot as generated, while it is text whose bytes have not been needed yet. */
  private text: string | null = null;
  /** Its length in bytes once known (a first read took all of it), else -1. */
  private textBytes = -1;

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
    let n: number;
    if (at === 0 || (this.snapshot === null && this.text === null)) {
      const g = this.generate();
      if (typeof g === "number") return g;
      n = typeof g === "string" ? this.takeText(g, dest, at) : this.takeBytes(g, dest, at);
    } else if (this.snapshot === null && this.textBytes >= 0 && at >= this.textBytes) {
      n = 0; // the read after a whole-file first read: end of file without encoding anything
    } else {
      n = this.copyOut(this.bytes(), dest, at);
    }
    if (pos === null) this.offset += n;
    return n;
  }

  /**
   * A fresh text snapshot. The usual reader takes the whole file at offset 0
   * into a big enough buffer: the text is encoded straight into it, and only
   * a later partial read makes the snapshot's bytes.
   */
  private takeText(g: string, dest: Uint8Array, at: number): number {
    this.snapshot = null;
    this.text = g;
    this.textBytes = -1;
    if (at === 0 && dest.length >= g.length) {
      const r = encoder.encodeInto(g, dest);
      if (r.read === g.length) {
        this.textBytes = r.written;
        return r.written;
      }
    }
    return this.copyOut(this.bytes(), dest, at);
  }

  private takeBytes(g: Uint8Array, dest: Uint8Array, at: number): number {
    this.snapshot = g;
    this.text = null;
    return this.copyOut(g, dest, at);
  }

  /** The snapshot's bytes, encoding the text snapshot the first time they are needed. */
  private bytes(): Uint8Array {
    if (this.snapshot === null) {
      this.snapshot = encoder.encode(this.text ?? "");
      this.text = null;
    }
    return this.snapshot;
  }

  private copyOut(snap: Uint8Array, dest: Uint8Array, at: number): number {
    const n = Math.max(0, Math.min(dest.length, snap.length - at));
    dest.set(snap.subarray(at, at + n));
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
