// What a file mapping needs from the file system: page contents and identity.
//
// Limits, deliberately: MAP_SHARED file mappings are not written back (the
// root filesystem is read-only for now), and there is no page cache, so two
// separate MAP_SHARED mappings of one file do not see each other's writes
// (one mapping and its fork() children do share pages).

export interface FileBacking {
  /**
   * Reads up to dest.length bytes at offset into dest; returns the count
   * read. dest arrives zeroed, so bytes beyond the count stay zero.
   */
  readAt(offset: number, dest: Uint8Array): number;
  /** Current size in bytes; pages wholly beyond it fault with SIGBUS. */
  size(): number;
  /** Opened for writing: decides whether MAP_SHARED may be PROT_WRITE. */
  readonly writable: boolean;
  readonly dev: number;
  readonly ino: number;
  /** Path shown in /proc/PID/maps. */
  readonly path: string;
}
