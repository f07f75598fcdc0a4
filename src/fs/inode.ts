// The inode: one object in a filesystem (file, directory, symlink, device).
// Filesystems subclass it; the defaults are the errors Linux returns when an
// operation does not apply to the object's type (or EROFS on a read-only one).
import { EINVAL, ENOTDIR, EPERM, EROFS } from "../kernel/errno.js";
import type { SharedObject } from "../mm/shared-object.js";
import { fsNow } from "./fs-clock.js";
import type { Dentry } from "./dentry.js";
import type { OpenFile } from "./open-file.js";
import { Pipe } from "./pipe.js";
import { S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFREG, type DirEntry, type Stat, type Timestamp } from "./types.js";

/** Who a new inode belongs to (the creating task's fsuid/fsgid, or the setgid directory's group). */
export interface Owner {
  uid: number;
  gid: number;
}

/** Changes for setattr (Linux's struct iattr); absent fields stay as they are. */
export interface SetAttr {
  mode?: number; // permission bits only (07777)
  uid?: number;
  gid?: number;
  size?: number;
  atime?: Timestamp;
  mtime?: Timestamp;
  ctime?: Timestamp;
}

// renameat2 flags.
export const RENAME_NOREPLACE = 1;
export const RENAME_EXCHANGE = 2;
export const RENAME_WHITEOUT = 4;

export abstract class Inode {
  private fifo: Pipe | null = null;
  /** The pages of this file's MAP_SHARED mappings while any exist (file-mapping.ts). */
  mapped: SharedObject | null = null;
  /** I_LINKABLE: an O_TMPFILE file (made without O_EXCL) that linkat may give a name although it has no links. */
  linkable = false;

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
  /**
   * A procfs "magic" link (/proc/PID/fd/N, cwd, root, exe): the object it
   * stands for, which the path walk jumps to instead of resolving the text
   * (Linux's nd_jump_link). Null for ordinary symlinks.
   */
  jump(): Dentry | number | null {
    return null;
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

  /** The pipe behind a FIFO node, made on first open and shared by every opener. */
  pipe(): Pipe | null {
    if ((this.mode & S_IFMT) !== S_IFIFO) return null;
    if (!this.fifo) {
      const st = this.stat();
      this.fifo = new Pipe(fsNow, st.uid, st.gid);
    }
    return this.fifo;
  }

  // ---- directory operations (inode_operations); the VFS has checked names, permissions and existence ----

  private dirError(): number {
    return this.isDirectory() ? -EROFS : -ENOTDIR;
  }
  /** Creates a non-directory (regular, FIFO, device, socket); `mode` includes the type. */
  create(_name: string, _mode: number, _rdev: number, _owner: Owner): Inode | number {
    return this.dirError();
  }
  mkdir(_name: string, _mode: number, _owner: Owner): Inode | number {
    return this.dirError();
  }
  symlink(_name: string, _target: string, _owner: Owner): Inode | number {
    return this.dirError();
  }
  /** A new name for `target`, which lives in the same filesystem. */
  link(_name: string, _target: Inode): number {
    return this.dirError();
  }
  unlink(_name: string): number {
    return this.dirError();
  }
  rmdir(_name: string): number {
    return this.dirError();
  }
  /** Moves `name` to `newDir`/`newName` (same filesystem); RENAME_* flags already validated. */
  rename(_name: string, _newDir: Inode, _newName: string, _flags: number): number {
    return this.dirError();
  }
  /** chmod/chown/utimes/truncate; ctime is the caller's to set. */
  setattr(_attr: SetAttr): number {
    return -EROFS;
  }
  /** fallocate: reserve [offset, offset+len); grows the size unless keepSize. */
  allocate(_offset: number, _len: number, _keepSize: boolean): number {
    return this.isRegular() ? -EROFS : -EPERM;
  }
}
