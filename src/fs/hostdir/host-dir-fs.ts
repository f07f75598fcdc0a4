// A directory of the host served as a guest filesystem: the read-only lower
// layer of the root overlay (DESIGN.md §6), and the filesystem of --bind
// mounts, which may be writable. Inodes are looked up by host path below the
// directory's root; the guest never names a host path itself — the path walk
// in src/fs/path-walk.ts resolves every component (symlinks included) inside
// the guest, so each relative path here is a chain of real host directories.
import { EEXIST, EINVAL, ENOENT, EPERM, EROFS, EXDEV } from "../../kernel/errno.js";
import type { FileSystem } from "../filesystem.js";
import { isWritableHostFs, type HostFs, type HostStat, type WritableHostFs } from "../host-fs.js";
import { Inode, RENAME_NOREPLACE, type Owner, type SetAttr } from "../inode.js";
import { DirectoryFile, InodeFile, O_ACCMODE, O_RDONLY, type OpenFile } from "../open-file.js";
import { EXT4_SUPER_MAGIC, memoryStatFs, type StatFs } from "../statfs.js";
import { dtypeOf, makeDev, S_IFMT, S_IFDIR, S_IFREG, type DirEntry, type Stat } from "../types.js";

/** The device number the guest sees for this filesystem (an overlay's is anonymous, major 0). */
const HOSTDIR_DEV = makeDev(0, 0x20);

export class HostDirFs implements FileSystem {
  /** Host directories are reported as the ext4 they usually are on a Linux host. */
  readonly type = "ext4";
  private inodes = new Map<string, HostDirInode>();
  readonly root: HostDirInode;
  /** The host's write operations, when this filesystem may be written. */
  readonly writer: WritableHostFs | null;

  constructor(
    readonly host: HostFs,
    readonly hostRoot: string,
    readonly dev = HOSTDIR_DEV,
    writable = false,
  ) {
    this.writer = writable && isWritableHostFs(host) ? host : null;
    this.root = this.inodeAt("");
  }

  /** The inode for a path relative to the image root ("" is the root). */
  inodeAt(rel: string): HostDirInode {
    let node = this.inodes.get(rel);
    if (!node) {
      node = new HostDirInode(this, rel);
      this.inodes.set(rel, node);
    }
    return node;
  }

  hostPath(rel: string): string {
    return rel === "" ? this.hostRoot : `${this.hostRoot}/${rel}`;
  }

  /** After a change on the host: attributes are re-read, and names at or below `rel` looked up again. */
  changed(rel: string | null): void {
    for (const [path, node] of this.inodes) {
      node.forgetStat();
      if (rel !== null && (path === rel || path.startsWith(rel + "/"))) this.inodes.delete(path);
    }
  }

  statfs(): StatFs {
    return memoryStatFs(EXT4_SUPER_MAGIC, 1 << 24, 1 << 23, 1 << 22, 1 << 20, this.dev);
  }

  superOptions(): string {
    return this.writer ? "rw" : "ro";
  }
}

export class HostDirInode extends Inode {
  private cachedStat: Stat | null = null;
  private handle = -1;
  private writeHandle = -1;

  constructor(
    readonly fs: HostDirFs,
    readonly rel: string,
  ) {
    super();
  }

  private hostStat(): HostStat | number {
    return this.fs.host.lstat(this.fs.hostPath(this.rel));
  }

  forgetStat(): void {
    this.cachedStat = null;
  }

  override stat(): Stat {
    if (this.cachedStat) return this.cachedStat;
    const s = this.hostStat();
    if (typeof s === "number") {
      // The host file vanished under us: report an empty regular file.
      return { dev: this.fs.dev, ino: 0, mode: 0o100000, nlink: 0, uid: 0, gid: 0, rdev: 0, size: 0,
        blksize: 4096, blocks: 0, atime: { sec: 0, nsec: 0 }, mtime: { sec: 0, nsec: 0 }, ctime: { sec: 0, nsec: 0 } };
    }
    // The image is owned by whoever unpacked it on the host; inside the guest
    // it belongs to root, as an installed system does.
    this.cachedStat = {
      dev: this.fs.dev, ino: s.ino, mode: s.mode, nlink: s.nlink, uid: 0, gid: 0, rdev: s.rdev,
      size: s.size, blksize: 4096, blocks: s.blocks, atime: s.atime, mtime: s.mtime, ctime: s.ctime,
    };
    return this.cachedStat;
  }

  exists(): boolean {
    return typeof this.hostStat() !== "number";
  }

  private child(name: string): string {
    return this.rel === "" ? name : `${this.rel}/${name}`;
  }
  private childPath(name: string): string {
    return this.fs.hostPath(this.child(name));
  }

  override lookup(name: string): Inode | number {
    const node = this.fs.inodeAt(this.child(name));
    return node.exists() ? node : -ENOENT;
  }

  override readdir(): DirEntry[] | number {
    const names = this.fs.host.readdir(this.fs.hostPath(this.rel));
    if (typeof names === "number") return names;
    const self = this.stat();
    const parent = this.rel === "" ? self : this.fs.inodeAt(this.rel.split("/").slice(0, -1).join("/")).stat();
    const out: DirEntry[] = [
      { name: ".", ino: self.ino, type: dtypeOf(S_IFDIR) },
      { name: "..", ino: parent.ino, type: dtypeOf(S_IFDIR) },
    ];
    for (const name of names) {
      const s = this.fs.inodeAt(this.child(name)).stat();
      out.push({ name, ino: s.ino, type: dtypeOf(s.mode) });
    }
    return out;
  }

  override readlink(): string | number {
    if (!this.isSymlink()) return super.readlink();
    return this.fs.host.readlink(this.fs.hostPath(this.rel));
  }

  override open(flags: number): OpenFile | number {
    if ((flags & O_ACCMODE) !== O_RDONLY && !this.fs.writer) return -EROFS;
    if ((this.mode & S_IFMT) === S_IFDIR) return new DirectoryFile(this, flags);
    return new InodeFile(this, flags);
  }

  override readAt(offset: number, dest: Uint8Array): number {
    if (this.handle < 0) {
      const h = this.fs.host.open(this.fs.hostPath(this.rel));
      if (h < 0) return h;
      // Kept open for the life of the kernel: image files are read again and
      // again (page faults on mapped code), and the image is read-only.
      this.handle = h;
    }
    return this.fs.host.read(this.handle, dest, offset);
  }

  // ---- writes (writable binds only) ----

  private done(r: number, rel: string | null): number {
    this.fs.changed(rel);
    return r;
  }

  override writeAt(offset: number, src: Uint8Array): number {
    const w = this.fs.writer;
    if (!w) return -EROFS;
    if (this.writeHandle < 0) {
      const h = w.openWrite(this.fs.hostPath(this.rel));
      if (h < 0) return h;
      this.writeHandle = h;
    }
    return this.done(w.write(this.writeHandle, src, offset), null);
  }

  override create(name: string, mode: number, _rdev: number, _owner: Owner): Inode | number {
    const w = this.fs.writer;
    if (!w) return -EROFS;
    // Device nodes and FIFOs cannot be made on the host without privileges the host user lacks.
    if ((mode & S_IFMT) !== S_IFREG && (mode & S_IFMT) !== 0) return -EPERM;
    return this.made(w.createFile(this.childPath(name), mode & 0o7777), name);
  }

  private made(r: number, name: string): Inode | number {
    this.fs.changed(this.child(name));
    return r < 0 ? r : this.fs.inodeAt(this.child(name));
  }

  override mkdir(name: string, mode: number): Inode | number {
    const w = this.fs.writer;
    return w ? this.made(w.mkdir(this.childPath(name), mode & 0o7777), name) : -EROFS;
  }

  override symlink(name: string, target: string): Inode | number {
    const w = this.fs.writer;
    return w ? this.made(w.symlink(target, this.childPath(name)), name) : -EROFS;
  }

  override link(name: string, target: Inode): number {
    const w = this.fs.writer;
    if (!w) return -EROFS;
    if (!(target instanceof HostDirInode) || target.fs !== this.fs) return -EXDEV;
    return this.done(w.link(this.fs.hostPath(target.rel), this.childPath(name)), this.child(name));
  }

  override unlink(name: string): number {
    const w = this.fs.writer;
    return w ? this.done(w.unlink(this.childPath(name)), this.child(name)) : -EROFS;
  }

  override rmdir(name: string): number {
    const w = this.fs.writer;
    return w ? this.done(w.rmdir(this.childPath(name)), this.child(name)) : -EROFS;
  }

  override rename(name: string, newDir: Inode, newName: string, flags: number): number {
    const w = this.fs.writer;
    if (!w) return -EROFS;
    if (!(newDir instanceof HostDirInode) || newDir.fs !== this.fs) return -EXDEV;
    // The host offers no atomic exchange through Node; refuse rather than fake it.
    if (flags & ~RENAME_NOREPLACE) return -EINVAL;
    const to = newDir.childPath(newName);
    if (flags & RENAME_NOREPLACE && typeof this.fs.host.lstat(to) !== "number") return -EEXIST;
    const r = w.rename(this.childPath(name), to);
    this.fs.changed(this.child(name));
    return this.done(r, newDir.child(newName));
  }

  override setattr(a: SetAttr): number {
    const w = this.fs.writer;
    if (!w) return -EROFS;
    const path = this.fs.hostPath(this.rel);
    let r = 0;
    if (a.size !== undefined) r = w.truncate(path, a.size);
    if (r === 0 && a.mode !== undefined) r = w.chmod(path, a.mode & 0o7777);
    if (r === 0 && (a.atime || a.mtime)) {
      const st = this.stat();
      r = w.utimes(path, a.atime ?? st.atime, a.mtime ?? st.mtime);
    }
    // Ownership is not the host's to change: files in a bind belong to root in the guest.
    return this.done(r, null);
  }
}

