// A virtual memory area and the sorted list of an address space's areas.

import { PAGE_SIZE } from "../cpu/layout.js";
import type { FileBacking } from "./file-backing.js";
import type { SharedObject } from "./shared-object.js";
import { VM_DONTEXPAND, VM_MAYSHARE } from "./vm-flags.js";

export class Vma {
  constructor(
    public start: number,
    public end: number,
    /** VM_* flags; the low three bits are the protection. */
    public flags: number,
    readonly file: FileBacking | null,
    /**
     * Byte offset of `start` in the file or shared object. For private
     * anonymous memory it is the creation address, as Linux's vm_pgoff,
     * which decides (as in Linux) whether neighbours can merge.
     */
    public offset: number,
    /** The pages of a MAP_SHARED mapping (anonymous or file). */
    readonly object: SharedObject | null,
    /** A fixed name such as [vdso]; null for ordinary memory. */
    readonly name: string | null,
  ) {}

  get pages(): number {
    return (this.end - this.start) / PAGE_SIZE;
  }

  // VM_MAYSHARE, not VM_SHARED: a read-only MAP_SHARED file mapping loses
  // VM_SHARED in Linux but still shares its pages.
  get isShared(): boolean {
    return (this.flags & VM_MAYSHARE) !== 0;
  }

  /** Page index in the file or object of the page holding vaddr. */
  pgoff(vaddr: number): number {
    return Math.floor((this.offset + (vaddr - this.start)) / PAGE_SIZE);
  }

  /** Splits off and returns [addr, end); this keeps [start, addr). */
  splitAt(addr: number): Vma {
    const tail = new Vma(addr, this.end, this.flags, this.file, this.offset + (addr - this.start), this.object, this.name);
    this.object?.get();
    this.end = addr;
    return tail;
  }

  /** Linux's is_mergeable_vma plus pgoff continuity: next may follow this. */
  canMergeWith(next: Vma): boolean {
    return (
      this.end === next.start &&
      this.flags === next.flags &&
      (this.flags & VM_DONTEXPAND) === 0 &&
      this.file === next.file &&
      this.object === next.object &&
      this.name === next.name &&
      this.offset + (this.end - this.start) === next.offset
    );
  }

  copy(): Vma {
    this.object?.get();
    return new Vma(this.start, this.end, this.flags, this.file, this.offset, this.object, this.name);
  }
}

/** VMAs sorted by start, never overlapping. Binary search for lookups. */
export class VmaList {
  readonly list: Vma[] = [];
  private cache: Vma | null = null;

  get count(): number {
    return this.list.length;
  }

  /** Index of the first VMA with end > addr (list.length if none). */
  indexAfter(addr: number): number {
    let lo = 0;
    let hi = this.list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.list[mid].end > addr) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** The VMA containing addr, or null. */
  find(addr: number): Vma | null {
    const c = this.cache;
    if (c !== null && c.start <= addr && addr < c.end) return c;
    const v = this.list[this.indexAfter(addr)];
    if (v === undefined || v.start > addr) return null;
    this.cache = v;
    return v;
  }

  /** Whether any VMA intersects [start, end). */
  intersects(start: number, end: number): boolean {
    const v = this.list[this.indexAfter(start)];
    return v !== undefined && v.start < end;
  }

  insert(v: Vma): number {
    const i = this.indexAfter(v.start);
    this.list.splice(i, 0, v);
    return i;
  }

  removeAt(i: number): Vma {
    const [v] = this.list.splice(i, 1);
    if (v === this.cache) this.cache = null;
    return v;
  }

  /** Splits list[i] at addr (strictly inside it); returns the tail's index. */
  splitAt(i: number, addr: number): number {
    const tail = this.list[i].splitAt(addr);
    this.list.splice(i + 1, 0, tail);
    this.cache = null;
    return i + 1;
  }
}
