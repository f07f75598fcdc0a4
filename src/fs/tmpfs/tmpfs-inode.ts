// tmpfs inodes (mm/shmem.c): everything lives in memory. The base class keeps
// the attributes every inode has; regular files hold their bytes in a buffer
// that grows by doubling; symlinks hold their target; FIFOs, devices and
// sockets are bare nodes (the VFS opens them through the pipe or the device
// registry).
import { EFBIG, EINVAL, ENOSPC } from "../../kernel/errno.js";
import { fsNow } from "../fs-clock.js";
import { Inode, type Owner, type SetAttr } from "../inode.js";
import { InodeFile, type OpenFile } from "../open-file.js";
import { S_IFCHR, S_IFLNK, S_IFMT, S_IFREG, type Stat, type Timestamp } from "../types.js";

/** What a tmpfs inode needs from its filesystem: identity and space accounting. */
export interface TmpfsSuper {
  readonly dev: number;
  allocIno(): number;
  /** Reserve (or with a negative delta, release) pages; false when the size limit is reached. */
  charge(pages: number): boolean;
  inodeGone(): void;
}

const MAX_FILE = 2 ** 40;
const PAGE = 4096;

export abstract class TmpfsInode extends Inode {
  readonly ino: number;
  nlink = 1;
  atime: Timestamp;
  mtime: Timestamp;
  ctime: Timestamp;

  constructor(
    readonly sb: TmpfsSuper,
    /** Type and permission bits. */
    public imode: number,
    public uid: number,
    public gid: number,
    readonly rdev = 0,
  ) {
    super();
    this.ino = sb.allocIno();
    const now = fsNow();
    this.atime = now;
    this.mtime = now;
    this.ctime = now;
  }

  override get mode(): number {
    return this.imode;
  }

  protected contentSize(): number {
    return 0;
  }

  override stat(): Stat {
    const size = this.contentSize();
    return {
      dev: this.sb.dev, ino: this.ino, mode: this.imode, nlink: this.nlink, uid: this.uid, gid: this.gid,
      rdev: this.rdev, size, blksize: PAGE, blocks: Math.ceil(this.allocated() / PAGE) * (PAGE / 512),
      atime: this.atime, mtime: this.mtime, ctime: this.ctime,
    };
  }

  /** Bytes of storage held (for st_blocks). */
  protected allocated(): number {
    return 0;
  }

  override setattr(a: SetAttr): number {
    if (a.size !== undefined) {
      const r = this.resize(a.size);
      if (r < 0) return r;
    }
    if (a.mode !== undefined) this.imode = (this.imode & S_IFMT) | (a.mode & 0o7777);
    if (a.uid !== undefined) this.uid = a.uid;
    if (a.gid !== undefined) this.gid = a.gid;
    if (a.atime) this.atime = a.atime;
    if (a.mtime) this.mtime = a.mtime;
    this.ctime = a.ctime ?? fsNow();
    return 0;
  }

  protected resize(_size: number): number {
    return -EINVAL;
  }

  /** The last name and the last opener are gone. */
  dropLink(): void {
    this.nlink = Math.max(0, this.nlink - 1);
    this.ctime = fsNow();
    if (this.nlink === 0) this.sb.inodeGone();
  }
}

export class TmpfsFile extends TmpfsInode {
  private data = new Uint8Array(0);
  private size = 0;

  constructor(sb: TmpfsSuper, perm: number, owner: Owner) {
    super(sb, S_IFREG | (perm & 0o7777), owner.uid, owner.gid);
  }

  protected override contentSize(): number {
    return this.size;
  }
  protected override allocated(): number {
    return this.data.length;
  }

  override open(flags: number): OpenFile | number {
    return new InodeFile(this, flags);
  }

  override readAt(offset: number, dest: Uint8Array): number {
    if (offset >= this.size) return 0;
    const n = Math.min(dest.length, this.size - offset);
    dest.set(this.data.subarray(offset, offset + n));
    this.atime = fsNow();
    return n;
  }

  override writeAt(offset: number, src: Uint8Array): number {
    if (src.length === 0) return 0;
    if (offset >= MAX_FILE) return -EFBIG;
    const end = offset + src.length;
    if (!this.reserve(end)) return -ENOSPC;
    this.data.set(src, offset);
    if (end > this.size) this.size = end;
    this.mtime = this.ctime = fsNow();
    return src.length;
  }

  /** Ensures capacity for `bytes`, doubling so that appends stay linear. */
  private reserve(bytes: number): boolean {
    if (bytes <= this.data.length) return true;
    let cap = Math.max(PAGE, this.data.length);
    while (cap < bytes) cap *= 2;
    const delta = Math.ceil(cap / PAGE) - Math.ceil(this.data.length / PAGE);
    if (!this.sb.charge(delta)) return false;
    const grown = new Uint8Array(cap);
    grown.set(this.data.subarray(0, this.size));
    this.data = grown;
    return true;
  }

  protected override resize(size: number): number {
    if (size < 0) return -EINVAL;
    if (size > MAX_FILE) return -EFBIG;
    if (size > this.size) {
      if (!this.reserve(size)) return -ENOSPC;
    } else {
      // Bytes past the new end must read back as zero if the file grows again.
      this.data.fill(0, size, this.size);
    }
    this.size = size;
    this.mtime = fsNow();
    return 0;
  }

  override allocate(offset: number, len: number, keepSize: boolean): number {
    const end = offset + len;
    if (end > MAX_FILE) return -EFBIG;
    if (!this.reserve(end)) return -ENOSPC;
    if (!keepSize && end > this.size) this.size = end;
    return 0;
  }

  override dropLink(): void {
    super.dropLink();
    if (this.nlink === 0) {
      this.sb.charge(-Math.ceil(this.data.length / PAGE));
      // Open descriptors keep reading it (unlinked files stay usable); the space is no longer counted.
    }
  }
}

export class TmpfsSymlink extends TmpfsInode {
  constructor(
    sb: TmpfsSuper,
    readonly target: string,
    owner: Owner,
  ) {
    super(sb, S_IFLNK | 0o777, owner.uid, owner.gid);
  }
  protected override contentSize(): number {
    return new TextEncoder().encode(this.target).length;
  }
  override readlink(): string {
    return this.target;
  }
  override open(): number {
    // The VFS never opens a symlink itself (O_PATH|O_NOFOLLOW makes a path file).
    return -EINVAL;
  }
}

/** FIFOs, device nodes and sockets: the VFS gives them their open behaviour. */
export class TmpfsSpecial extends TmpfsInode {
  override open(): number {
    return -EINVAL;
  }

  /** An overlay whiteout: a character device 0:0. */
  get isWhiteout(): boolean {
    return (this.imode & S_IFMT) === S_IFCHR && this.rdev === 0;
  }
}
