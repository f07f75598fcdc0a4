// A sparse page table: virtual page number → entry, as leaf tables of 512
// Int32 entries (one per 2 MiB, like a Linux PTE page) in a Map keyed by
// vpn / 512. Virtual page numbers reach 2^35, so no bitwise ops on them.
//
// An entry is 0 (not present) or frame * 8 + kind. Access rights are not
// stored: they are the VMA's, checked at fault time; copy-on-write is decided
// from the kind and the frame's reference count.

export const LEAF_ENTRIES = 512;

export const KIND_ANON = 1; // private anonymous (or written private file) page
export const KIND_FILE = 2; // file content: private unwritten, or MAP_SHARED file
export const KIND_SHMEM = 3; // MAP_SHARED anonymous page
export const KIND_ZERO = 4; // the shared zero frame, read-only, not resident

export function makeEntry(frame: number, kind: number): number {
  return frame * 8 + kind;
}

export function entryFrame(entry: number): number {
  return entry >>> 3;
}

export function entryKind(entry: number): number {
  return entry & 7;
}

class Leaf {
  readonly entries = new Int32Array(LEAF_ENTRIES);
  present = 0;
}

export class PageTable {
  private readonly leaves = new Map<number, Leaf>();

  /** Number of leaf tables, for VmPTE. */
  get leafCount(): number {
    return this.leaves.size;
  }

  get(vpn: number): number {
    const leaf = this.leaves.get(Math.floor(vpn / LEAF_ENTRIES));
    return leaf === undefined ? 0 : leaf.entries[vpn % LEAF_ENTRIES];
  }

  /** Sets a non-zero entry; returns the previous one. */
  set(vpn: number, entry: number): number {
    const key = Math.floor(vpn / LEAF_ENTRIES);
    let leaf = this.leaves.get(key);
    if (leaf === undefined) {
      leaf = new Leaf();
      this.leaves.set(key, leaf);
    }
    const i = vpn % LEAF_ENTRIES;
    const old = leaf.entries[i];
    if (old === 0) leaf.present++;
    leaf.entries[i] = entry;
    return old;
  }

  /** Clears an entry; returns the previous one. Empty leaves are freed. */
  clear(vpn: number): number {
    const key = Math.floor(vpn / LEAF_ENTRIES);
    const leaf = this.leaves.get(key);
    if (leaf === undefined) return 0;
    const i = vpn % LEAF_ENTRIES;
    const old = leaf.entries[i];
    if (old === 0) return 0;
    leaf.entries[i] = 0;
    if (--leaf.present === 0) this.leaves.delete(key);
    return old;
  }

  /**
   * Calls fn for every present entry in [startVpn, endVpn), in no particular
   * order. Cost follows the present leaves, not the range size, so a 2^46-byte
   * NORESERVE mapping costs nothing. fn may clear the entry it is given.
   */
  forEach(startVpn: number, endVpn: number, fn: (vpn: number, entry: number) => void): void {
    for (const key of this.leafKeys(startVpn, endVpn)) {
      const leaf = this.leaves.get(key);
      if (leaf === undefined) continue;
      const base = key * LEAF_ENTRIES;
      const lo = Math.max(startVpn, base) - base;
      const hi = Math.min(endVpn, base + LEAF_ENTRIES) - base;
      for (let i = lo; i < hi; i++) {
        const e = leaf.entries[i];
        if (e !== 0) fn(base + i, e);
      }
    }
  }

  // Keys of leaves that may overlap the range: walk the range when it is
  // small, the map when it is large.
  private leafKeys(startVpn: number, endVpn: number): number[] {
    const first = Math.floor(startVpn / LEAF_ENTRIES);
    const last = Math.floor((endVpn - 1) / LEAF_ENTRIES);
    if (endVpn <= startVpn) return [];
    if (last - first + 1 <= this.leaves.size) {
      const keys: number[] = [];
      for (let k = first; k <= last; k++) if (this.leaves.has(k)) keys.push(k);
      return keys;
    }
    return [...this.leaves.keys()].filter((k) => k >= first && k <= last);
  }
}
