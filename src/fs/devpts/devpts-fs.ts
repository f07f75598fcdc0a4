// devpts (fs/devpts/inode.c): the filesystem of pty slaves. Every mount is
// an instance of its own with its own pty numbers; its root holds "ptmx"
// (5:2, opening it makes a pair in this instance) and one node per live
// slave, /dev/pts/N (136:N), made when the master is opened and removed when
// the master closes. The pty code (src/tty/pty.ts) owns the pairs; an
// instance only numbers them and shows their nodes. The root takes no new
// names: the VFS operations Linux's simple_dir_inode_operations lacks fail as
// Linux fails them.
import { EACCES, EINVAL, ENOENT, ENOSPC, EPERM } from "../../kernel/errno.js";
import { allocAnonDev, parseMountData, registerFilesystem, type FileSystem } from "../filesystem.js";
import { fsNow } from "../fs-clock.js";
import { Inode, type Owner, type SetAttr } from "../inode.js";
import { MS_RDONLY } from "../mount.js";
import { DirectoryFile, type OpenFile } from "../open-file.js";
import { DEVPTS_SUPER_MAGIC, type StatFs } from "../statfs.js";
import { dtypeOf, makeDev, S_IFCHR, S_IFDIR, S_IFMT, type DirEntry, type Stat, type Timestamp } from "../types.js";

/** Unix98 pty slaves: major 136 (UNIX98_PTY_SLAVE_MAJOR). */
export const PTS_MAJOR = 136;
/** /dev/ptmx and every devpts "ptmx": 5:2. */
export const PTMX_RDEV = makeDev(5, 2);
/** NR_UNIX98_PTY_MAX: the most ptys an instance may number (max= cannot exceed it). */
export const NR_UNIX98_PTY_MAX = 1 << 20;
/** /proc/sys/kernel/pty/max: ptys at once, over every instance of a kernel. */
export const PTY_LIMIT = 4096;

export interface DevptsOptions {
  /** uid=/gid=: the owner given to new slaves (otherwise the opener's fsuid/fsgid). */
  uid: number | null;
  gid: number | null;
  /** mode=: permission bits of new slaves (0600 by default). */
  mode: number;
  /** ptmxmode=: permission bits of the instance's ptmx node (0000 by default). */
  ptmxmode: number;
  /** max=: how many ptys this instance numbers. */
  max: number;
  readOnly: boolean;
}

/** Parses devpts mount data (parse_mount_options): unknown options and bad numbers are EINVAL. */
export function parseDevptsOptions(data: string): DevptsOptions | number {
  const o: DevptsOptions = { uid: null, gid: null, mode: 0o600, ptmxmode: 0, max: NR_UNIX98_PTY_MAX, readOnly: false };
  for (const [key, value] of parseMountData(data)) {
    const dec = /^\d+$/.test(value) ? Number(value) : NaN;
    const oct = /^[0-7]+$/.test(value) ? parseInt(value, 8) : NaN;
    switch (key) {
      case "uid":
      case "gid":
        if (!(dec <= 0xfffffffe)) return -EINVAL;
        if (key === "uid") o.uid = dec;
        else o.gid = dec;
        break;
      case "mode":
      case "ptmxmode":
        if (Number.isNaN(oct)) return -EINVAL;
        if (key === "mode") o.mode = oct & 0o7777;
        else o.ptmxmode = oct & 0o7777;
        break;
      case "max":
        if (!(dec <= NR_UNIX98_PTY_MAX)) return -EINVAL;
        o.max = dec;
        break;
      case "newinstance":
        // Every mount is a new instance since Linux 4.7; the option stays accepted.
        break;
      case "ro":
      case "rw":
        // Superblock flags the VFS takes out of the data (vfs_parse_sb_flag).
        o.readOnly = key === "ro";
        break;
      default:
        return -EINVAL;
    }
  }
  return o;
}

/** Attributes every devpts inode keeps (they live as long as the node). */
abstract class DevptsInode extends Inode {
  atime: Timestamp;
  mtime: Timestamp;
  ctime: Timestamp;

  constructor(
    readonly fs: DevptsFs,
    readonly ino: number,
    public imode: number,
    public uid: number,
    public gid: number,
    readonly rdev = 0,
  ) {
    super();
    const now = fsNow();
    this.atime = now;
    this.mtime = now;
    this.ctime = now;
  }

  override get mode(): number {
    return this.imode;
  }

  override stat(): Stat {
    return {
      dev: this.fs.dev, ino: this.ino, mode: this.imode, nlink: this.isDirectory() ? 2 : 1, uid: this.uid, gid: this.gid,
      rdev: this.rdev, size: 0, blksize: 1024, blocks: 0, atime: this.atime, mtime: this.mtime, ctime: this.ctime,
    };
  }

  /** simple_setattr: chmod, chown and utimes work on every node. */
  override setattr(a: SetAttr): number {
    if (a.size !== undefined) return -EINVAL;
    if (a.mode !== undefined) this.imode = (this.imode & S_IFMT) | (a.mode & 0o7777);
    if (a.uid !== undefined) this.uid = a.uid;
    if (a.gid !== undefined) this.gid = a.gid;
    if (a.atime) this.atime = a.atime;
    if (a.mtime) this.mtime = a.mtime;
    this.ctime = a.ctime ?? fsNow();
    return 0;
  }
}

/** A device node of an instance: its ptmx, or a slave whose pair is `priv` (null once killed). */
export class DevptsNode extends DevptsInode {
  /** What the pty code attached (devpts_get_priv); null for ptmx and for a killed slave. */
  priv: unknown = null;

  override open(): number {
    // Device nodes are opened by the VFS through the character device registry.
    return -EINVAL;
  }
}

class DevptsRoot extends DevptsInode {
  readonly entries = new Map<string, DevptsNode>();

  override open(flags: number): OpenFile {
    return new DirectoryFile(this, flags);
  }

  override lookup(name: string): Inode | number {
    return this.entries.get(name) ?? -ENOENT;
  }

  override readdir(): DirEntry[] {
    const out: DirEntry[] = [
      { name: ".", ino: this.ino, type: dtypeOf(S_IFDIR) },
      { name: "..", ino: this.ino, type: dtypeOf(S_IFDIR) },
    ];
    for (const [name, node] of this.entries) out.push({ name, ino: node.ino, type: dtypeOf(node.mode) });
    return out;
  }

  // The root has only a lookup (simple_dir_inode_operations): open(O_CREAT) is
  // EACCES (no ->create), every other change EPERM.
  override create(): number {
    return -EACCES;
  }
  override mkdir(): number {
    return -EPERM;
  }
  override symlink(): number {
    return -EPERM;
  }
  override link(): number {
    return -EPERM;
  }
  override unlink(): number {
    return -EPERM;
  }
  override rmdir(): number {
    return -EPERM;
  }
  override rename(): number {
    return -EPERM;
  }
}

/** Ptys numbered by every instance of every kernel: /proc/sys/kernel/pty/nr. */
let ptyCount = 0;

export class DevptsFs implements FileSystem {
  readonly type = "devpts";
  readonly dev = allocAnonDev();
  readonly root: DevptsRoot;
  readonly ptmx: DevptsNode;
  /** Indices in use (devpts's ida): a pty keeps its number until both sides are released. */
  private readonly used = new Set<number>();

  constructor(
    private opts: DevptsOptions,
    /** Who mounted it: the owner of ptmx (mknod_ptmx uses the mounter's fsuid/fsgid). */
    mounter: Owner,
  ) {
    this.root = new DevptsRoot(this, 1, S_IFDIR | 0o755, 0, 0);
    this.ptmx = new DevptsNode(this, 2, S_IFCHR | opts.ptmxmode, mounter.uid, mounter.gid, PTMX_RDEV);
    this.root.entries.set("ptmx", this.ptmx);
  }

  statfs(): StatFs {
    // simple_statfs: only the magic, the block size and the name length.
    return { type: DEVPTS_SUPER_MAGIC, bsize: 4096, blocks: 0, bfree: 0, bavail: 0, files: 0, ffree: 0,
      fsid: [this.dev, 0], namelen: 255, frsize: 4096, flags: 0 };
  }

  superOptions(): string {
    const o = this.opts;
    let s = o.readOnly ? "ro" : "rw";
    if (o.uid !== null) s += `,uid=${o.uid}`;
    if (o.gid !== null) s += `,gid=${o.gid}`;
    s += `,mode=${octal3(o.mode)},ptmxmode=${octal3(o.ptmxmode)}`;
    if (o.max < NR_UNIX98_PTY_MAX) s += `,max=${o.max}`;
    return s;
  }

  /** Remount: options not given go back to their defaults, and ptmx takes the new ptmxmode. */
  remount(data: string): number {
    const o = parseDevptsOptions(data);
    if (typeof o === "number") return o;
    this.opts = o;
    this.ptmx.imode = S_IFCHR | o.ptmxmode;
    return 0;
  }

  /** The lowest free pty number (devpts_new_index), or -ENOSPC. */
  newIndex(): number {
    if (ptyCount >= PTY_LIMIT) return -ENOSPC;
    let n = 0;
    while (this.used.has(n)) n++;
    if (n >= this.opts.max) return -ENOSPC;
    this.used.add(n);
    ptyCount++;
    return n;
  }

  killIndex(n: number): void {
    if (this.used.delete(n)) ptyCount--;
  }

  /** /dev/pts/N for a new slave (devpts_pty_new): owned by the opener unless uid=/gid= say otherwise. */
  newSlave(n: number, opener: Owner, priv: unknown): DevptsNode {
    const o = this.opts;
    const node = new DevptsNode(this, n + 3, S_IFCHR | o.mode, o.uid ?? opener.uid, o.gid ?? opener.gid, makeDev(PTS_MAJOR, n));
    node.priv = priv;
    this.root.entries.set(String(n), node);
    this.root.mtime = this.root.ctime = fsNow();
    return node;
  }

  /** The master closed (devpts_pty_kill): the name goes; open slaves keep their inode. */
  killSlave(node: DevptsNode): void {
    node.priv = null;
    const name = String(node.ino - 3);
    if (this.root.entries.get(name) === node) this.root.entries.delete(name);
    this.root.mtime = this.root.ctime = fsNow();
  }
}

function octal3(n: number): string {
  return n.toString(8).padStart(3, "0");
}

registerFilesystem("devpts", (_source, flags, data) => {
  const o = parseDevptsOptions(data);
  if (typeof o === "number") return o;
  if ((flags & MS_RDONLY) !== 0) o.readOnly = true;
  return new DevptsFs(o, { uid: 0, gid: 0 });
});
