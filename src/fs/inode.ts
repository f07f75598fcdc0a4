// The inode: one object in a filesystem (file, directory, symlink, device).
// Filesystems subclass it; the defaults are the errors Linux returns when an
// operation does not apply to the object's type.
import { EINVAL, ENOTDIR, EROFS } from "../kernel/errno.js";
import type { OpenFile } from "./open-file.js";
import { S_IFDIR, S_IFLNK, S_IFMT, S_IFREG, type DirEntry, type Stat } from "./types.js";

export abstract class Inode {
  abstract stat(): Stat;

  get mode(): number {
    return this.stat().mode;
  }
  isDirectory(): boolean {
    return (this.mode & S_IFMT) === S_IFDIR;
  }
  isSymlink(): boolean {
    return (this.mode & S_IFMT) === S_IFLNK;
  }
  isRegular(): boolean {
    return (this.mode & S_IFMT) === S_IFREG;
  }

  /** The child called `name` (never "." or ".."; the path walk handles those). */
  lookup(_name: string): Inode | number {
    return -ENOTDIR;
  }
  readdir(): DirEntry[] | number {
    return -ENOTDIR;
  }
  readlink(): string | number {
    return -EINVAL;
  }
  /** Opens the object; `flags` are the open(2) flags, already checked by the VFS. */
  abstract open(flags: number): OpenFile | number;

  /** Reads file content at `offset` into dest; returns bytes read or -errno. */
  readAt(_offset: number, _dest: Uint8Array): number {
    return -EINVAL;
  }
  writeAt(_offset: number, _src: Uint8Array): number {
    return -EROFS;
  }
}
