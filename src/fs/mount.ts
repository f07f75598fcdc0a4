// The mount table (Linux's fs/namespace.c, one namespace). A mount attaches a
// filesystem's directory at a mountpoint dentry; its root dentry takes the
// mountpoint's place in the tree. Everything /proc/PID/mountinfo shows is kept
// here: ids, parent, device, root within the filesystem, flags, type, source.
import { EBUSY, EINVAL } from "../kernel/errno.js";
import { Dentry } from "./dentry.js";
import type { FileSystem } from "./filesystem.js";
import type { Inode } from "./inode.js";
import { ST_NOATIME, ST_NODEV, ST_NOEXEC, ST_NOSUID, ST_RDONLY, ST_RELATIME } from "./statfs.js";

// mount(2) flags (include/uapi/linux/mount.h).
export const MS_RDONLY = 1;
export const MS_NOSUID = 2;
export const MS_NODEV = 4;
export const MS_NOEXEC = 8;
export const MS_SYNCHRONOUS = 16;
export const MS_REMOUNT = 32;
export const MS_MANDLOCK = 64;
export const MS_DIRSYNC = 128;
export const MS_NOSYMFOLLOW = 256;
export const MS_NOATIME = 1024;
export const MS_NODIRATIME = 2048;
export const MS_BIND = 4096;
export const MS_MOVE = 8192;
export const MS_REC = 16384;
export const MS_SILENT = 32768;
export const MS_UNBINDABLE = 1 << 17;
export const MS_PRIVATE = 1 << 18;
export const MS_SLAVE = 1 << 19;
export const MS_SHARED = 1 << 20;
export const MS_RELATIME = 1 << 21;
export const MS_STRICTATIME = 1 << 24;
export const MS_LAZYTIME = 1 << 25;
export const MS_PROPAGATION = MS_UNBINDABLE | MS_PRIVATE | MS_SLAVE | MS_SHARED;
/** The per-mount flags (MNT_*) that mount(2) can set. */
export const MS_PER_MOUNT = MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME | MS_NODIRATIME | MS_RELATIME;

export class Mount {
  readonly children: Mount[] = [];
  /** Set by umount: the mount is gone from the tree but lives on for those still inside it. */
  detached = false;

  constructor(
    readonly id: number,
    readonly fs: FileSystem,
    /** The dentry this mount covers (null for the root mount). */
    readonly mountpoint: Dentry | null,
    readonly parent: Mount | null,
    /** MS_* per-mount flags. */
    public flags: number,
    readonly source: string,
    /** The mounted directory's path inside its filesystem ("/" unless a bind of a subdirectory). */
    readonly fsRootPath: string,
    rootInode: Inode,
  ) {
    const mp = mountpoint;
    this.root = new Dentry(mp ? mp.name : "/", mp ? mp.parent : null, rootInode, this);
  }

  /** Where the mount appears: its root dentry stands in for the mountpoint. */
  readonly root: Dentry;

  get readOnly(): boolean {
    return (this.flags & MS_RDONLY) !== 0;
  }
  get fstype(): string {
    return this.fs.type;
  }

  /** mountinfo's per-mount options ("rw,nosuid,nodev,noexec,relatime"). */
  options(): string {
    const out = [this.readOnly ? "ro" : "rw"];
    if (this.flags & MS_NOSUID) out.push("nosuid");
    if (this.flags & MS_NODEV) out.push("nodev");
    if (this.flags & MS_NOEXEC) out.push("noexec");
    if (this.flags & MS_NOATIME) out.push("noatime");
    else if (this.flags & MS_NODIRATIME) out.push("nodiratime");
    if (!(this.flags & (MS_NOATIME | MS_STRICTATIME))) out.push("relatime");
    return out.join(",");
  }

  /** statfs f_flags for this mount (ST_VALID is added by the syscall). */
  statfsFlags(): number {
    let f = 0;
    if (this.flags & MS_RDONLY) f |= ST_RDONLY;
    if (this.flags & MS_NOSUID) f |= ST_NOSUID;
    if (this.flags & MS_NODEV) f |= ST_NODEV;
    if (this.flags & MS_NOEXEC) f |= ST_NOEXEC;
    if (this.flags & MS_NOATIME) f |= ST_NOATIME;
    if (!(this.flags & (MS_NOATIME | MS_STRICTATIME))) f |= ST_RELATIME;
    return f;
  }
}

export interface MountRequest {
  fs: FileSystem;
  flags: number;
  source: string;
  /** The directory to mount (a bind's source), default the filesystem's root. */
  rootInode?: Inode;
  fsRootPath?: string;
}

export class MountTable {
  private nextId = 1;
  /** Every attached mount, in mount order (the order mountinfo lists them). */
  private readonly mounts: Mount[] = [];
  readonly rootMount: Mount;

  constructor(root: MountRequest) {
    this.rootMount = this.make(root, null, null);
  }

  private make(req: MountRequest, mountpoint: Dentry | null, parent: Mount | null): Mount {
    const m = new Mount(this.nextId++, req.fs, mountpoint, parent, req.flags, req.source,
      req.fsRootPath ?? "/", req.rootInode ?? req.fs.root);
    this.mounts.push(m);
    parent?.children.push(m);
    return m;
  }

  /** Attaches a filesystem on top of `at` (a directory, already resolved through any mounts on it). */
  attach(at: Dentry, req: MountRequest): Mount {
    const parent = at.mount ?? this.rootMount;
    const m = this.make(req, at, parent);
    at.mounted = m;
    return m;
  }

  list(): readonly Mount[] {
    return this.mounts;
  }

  /** Whether `d` is the root of an attached mount (umount's target). */
  isMountRoot(d: Dentry): boolean {
    return d.mount !== null && d.mount.root === d && !d.mount.detached;
  }

  /**
   * umount: `busy(m)` says whether anything still uses a mount (a cwd, root or
   * open file in it). Without `lazy`, a busy mount or one with submounts is EBUSY.
   */
  detach(m: Mount, lazy: boolean, busy: (m: Mount) => boolean): number {
    if (m === this.rootMount || !m.mountpoint || m.detached) return -EINVAL;
    if (!lazy && (m.children.length > 0 || busy(m))) return -EBUSY;
    for (const c of [...m.children]) this.detach(c, true, busy);
    m.mountpoint.mounted = null;
    m.detached = true;
    const i = this.mounts.indexOf(m);
    if (i >= 0) this.mounts.splice(i, 1);
    if (m.parent) m.parent.children.splice(m.parent.children.indexOf(m), 1);
    return 0;
  }
}
