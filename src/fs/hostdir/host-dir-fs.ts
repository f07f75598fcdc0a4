// A directory of the host served read-only as a guest filesystem (the lower
// layer of the root overlay in DESIGN.md §6). Inodes are looked up by host
// path below the image root; the guest never names a host path itself — the
// path walk in src/fs/path-walk.ts resolves every component inside the guest.
import { ENOENT, EROFS } from "../../kernel/errno.js";
import type { HostFs, HostStat } from "../host-fs.js";
import { Inode } from "../inode.js";
import { DirectoryFile, InodeFile, O_ACCMODE, O_RDONLY, type OpenFile } from "../open-file.js";
import { dtypeOf, makeDev, S_IFMT, S_IFDIR, type DirEntry, type Stat } from "../types.js";

/** The device number the guest sees for this filesystem (an overlay's is anonymous, major 0). */
const HOSTDIR_DEV = makeDev(0, 0x20);

export class HostDirFs {
  private inodes = new Map<string, HostDirInode>();
  readonly root: HostDirInode;

  constructor(
    readonly host: HostFs,
    readonly hostRoot: string,
    readonly dev = HOSTDIR_DEV,
  ) {
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
}

export class HostDirInode extends Inode {
  private cachedStat: Stat | null = null;
  private handle = -1;

  constructor(
    readonly fs: HostDirFs,
    readonly rel: string,
  ) {
    super();
  }

  private hostStat(): HostStat | number {
    return this.fs.host.lstat(this.fs.hostPath(this.rel));
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
    if ((flags & O_ACCMODE) !== O_RDONLY) return -EROFS;
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
}
