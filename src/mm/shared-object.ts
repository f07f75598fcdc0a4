// The pages behind a MAP_SHARED mapping, indexed by page offset in the
// object, so that every VMA (after splits, mremap, fork) that maps the same
// offset maps the same frame. For a file there is one object per inode while
// any mapping exists (file-backing.ts), so separate mmap() calls and
// processes share pages as through Linux's page cache; anonymous shared
// memory gets one object per mmap() call. The object holds one frame
// reference per page; each VMA using the object holds one object reference.

import { PAGE_SIZE } from "../cpu/layout.js";
import type { FileBacking, MappedPages } from "./file-backing.js";
import type { FrameAllocator } from "./frames.js";

let nextId = 1;

export class SharedObject implements MappedPages {
  readonly pages = new Map<number, number>();
  /** Inode number shown for shared anonymous memory in /proc/PID/maps. */
  readonly id = nextId++;
  private refs = 0;

  constructor(
    private readonly frames: FrameAllocator,
    readonly file: FileBacking | null,
  ) {}

  get(): void {
    this.refs++;
  }

  /** Drops a VMA's reference; with the last one, writes back and frees every page. */
  put(): void {
    if (--this.refs > 0) return;
    if (this.file !== null) {
      this.writeBackRange(0, Number.MAX_SAFE_INTEGER);
      this.file.dropSharedPages(this);
    }
    for (const f of this.pages.values()) this.frames.unref(f);
    this.pages.clear();
  }

  /** MADV_REMOVE: frees the object's pages in [firstPage, endPage). */
  punch(firstPage: number, endPage: number): void {
    for (const [pg, f] of this.pages) {
      if (pg >= firstPage && pg < endPage) {
        this.frames.unref(f);
        this.pages.delete(pg);
      }
    }
  }

  writeBackRange(offset: number, len: number): void {
    const file = this.file;
    if (file === null || this.pages.size === 0) return;
    const size = file.size();
    this.forPagesIn(offset, len, (pg, frame) => {
      const start = pg * PAGE_SIZE;
      if (start >= size) return;
      file.writeBack(start, this.frames.bytes(frame).subarray(0, Math.min(PAGE_SIZE, size - start)));
    });
  }

  reload(offset: number, len: number): void {
    const file = this.file;
    if (file === null || this.pages.size === 0) return;
    this.forPagesIn(offset, len, (pg, frame) => {
      const bytes = this.frames.bytes(frame);
      bytes.fill(0);
      file.readAt(pg * PAGE_SIZE, bytes);
    });
  }

  truncate(size: number): void {
    if (this.pages.size === 0) return;
    this.forPagesIn(size, Number.MAX_SAFE_INTEGER, (pg, frame) => {
      const from = Math.max(0, size - pg * PAGE_SIZE);
      this.frames.bytes(frame).fill(0, from);
    });
  }

  /** Calls fn for each resident page overlapping [offset, offset+len). */
  private forPagesIn(offset: number, len: number, fn: (pg: number, frame: number) => void): void {
    if (len <= 0) return;
    const first = Math.floor(offset / PAGE_SIZE);
    const end = Math.ceil(Math.min(offset + len, Number.MAX_SAFE_INTEGER) / PAGE_SIZE);
    if (end - first < this.pages.size) {
      for (let pg = first; pg < end; pg++) {
        const f = this.pages.get(pg);
        if (f !== undefined) fn(pg, f);
      }
      return;
    }
    for (const [pg, f] of this.pages) if (pg >= first && pg < end) fn(pg, f);
  }
}
