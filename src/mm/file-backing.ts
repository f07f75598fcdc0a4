// What a file mapping needs from the file system: page contents and identity.
//
// MAP_SHARED file pages live in one SharedObject per inode (the mapped part
// of Linux's page cache), found through sharedPages(); its frames hold the
// newest content of the pages they cover. The VFS keeps read(2)/write(2)
// coherent with them (see MappedPages), and the object writes its pages back
// on msync and when the last mapping goes. There is no page cache for
// unmapped files: private file faults read a fresh frame each time.

import type { SharedObject } from "./shared-object.js";

export interface FileBacking {
  /**
   * Reads up to dest.length bytes at offset into dest; returns the count
   * read. dest arrives zeroed, so bytes beyond the count stay zero.
   */
  readAt(offset: number, dest: Uint8Array): number;
  /** Stores src at offset without growing the file (write-back of mapped pages). */
  writeBack(offset: number, src: Uint8Array): void;
  /** Current size in bytes; pages wholly beyond it fault with SIGBUS. */
  size(): number;
  /** The file's shared page object: the existing one, or `make()` registered as it. */
  sharedPages(make: () => SharedObject): SharedObject;
  /** The object's last mapping is gone: forget it. */
  dropSharedPages(obj: SharedObject): void;
  /** Opened for writing: decides whether MAP_SHARED may be PROT_WRITE. */
  readonly writable: boolean;
  readonly dev: number;
  readonly ino: number;
  /** Path shown in /proc/PID/maps. */
  readonly path: string;
}

/**
 * The VFS's view of a file's mapped pages: what read(2), write(2) and
 * truncate must do so that they and stores through MAP_SHARED mappings see
 * each other at once, as with Linux's shared page cache.
 */
export interface MappedPages {
  /** Copies resident pages overlapping [offset, offset+len) into the file. */
  writeBackRange(offset: number, len: number): void;
  /** The file changed in [offset, offset+len): reload the resident pages there. */
  reload(offset: number, len: number): void;
  /** The file was cut to `size`: mapped bytes beyond it become zero. */
  truncate(size: number): void;
}
