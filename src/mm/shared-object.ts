// The pages behind a MAP_SHARED mapping, indexed by page offset in the
// object, so that every VMA (after splits, mremap, fork) that maps the same
// offset maps the same frame. Linux keeps these in a shmem file or the page
// cache; here one object exists per mmap() call. The object holds one frame
// reference per page; each VMA using the object holds one object reference.

import type { FileBacking } from "./file-backing.js";
import type { FrameAllocator } from "./frames.js";

let nextId = 1;

export class SharedObject {
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

  /** Drops a VMA's reference; frees every page with the last one. */
  put(): void {
    if (--this.refs > 0) return;
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
}
