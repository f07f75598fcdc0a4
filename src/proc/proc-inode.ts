// procfs inodes: directories whose entries are computed on lookup, files
// served through SeqFile, and symlinks whose targets are computed on each
// readlink (Linux's proc_dir_entry / pid_entry model).
import { EINVAL, EISDIR, ENOENT, EPERM } from "../kernel/errno.js";
import type { Dentry } from "../fs/dentry.js";
import { Inode } from "../fs/inode.js";
import { DirectoryFile, O_ACCMODE, O_RDONLY, OpenFile, type IoResult } from "../fs/open-file.js";
import { dtypeOf, S_IFDIR, S_IFLNK, S_IFREG, type DirEntry, type Stat } from "../fs/types.js";
import { SeqFile, type Generator, type Writer } from "./seq-file.js";

export interface ProcContext {
  readonly dev: number;
  /** A stable inode number for a path-like key. */
  inoFor(key: string): number;
  /** Timestamps proc inodes show: when they were looked up (as Linux's are). */
  now(): { sec: number; nsec: number };
}

export interface Owner {
  uid: number;
  gid: number;
}

const ROOT: Owner = { uid: 0, gid: 0 };

export abstract class ProcInode extends Inode {
  constructor(
    protected readonly ctx: ProcContext,
    readonly key: string,
    protected readonly fullMode: number,
    private readonly owner: () => Owner = () => ROOT,
  ) {
    super();
  }

  /** The type and permissions without building a whole stat (the path walk asks often). */
  override get mode(): number {
    return this.fullMode;
  }

  /** st_size; 0 for files, as every /proc file reports. */
  protected sizeOf(): number {
    return 0;
  }

  override stat(): Stat {
    const o = this.owner();
    const t = this.ctx.now();
    return {
      dev: this.ctx.dev, ino: this.ctx.inoFor(this.key), mode: this.fullMode,
      nlink: (this.fullMode & S_IFDIR) === S_IFDIR ? 2 : 1, uid: o.uid, gid: o.gid, rdev: 0,
      size: this.sizeOf(), blksize: 1024, blocks: 0, atime: t, mtime: t, ctime: t,
    };
  }
}

/** A regular /proc file: generated content, optionally writable. */
export class ProcFile extends ProcInode {
  constructor(ctx: ProcContext, key: string, perm: number, owner: (() => Owner) | undefined,
    private readonly generate: Generator, private readonly writer: Writer | null = null) {
    super(ctx, key, S_IFREG | perm, owner);
  }

  override open(flags: number): OpenFile | number {
    // Permission is the VFS's check; a file without a writer then fails each write with EINVAL.
    return new SeqFile(this, flags, this.generate, this.writer);
  }
}

/** A /proc symlink (self, exe, cwd, fd/N): the target is computed when read. */
export class ProcLink extends ProcInode {
  constructor(ctx: ProcContext, key: string, perm: number, owner: (() => Owner) | undefined,
    private readonly target: () => string | number,
    /** For magic links (exe, cwd, root, fd/N): the object itself (proc_get_link). */
    private readonly jumpTo: (() => Dentry | number) | null = null) {
    super(ctx, key, S_IFLNK | perm, owner);
  }

  override readlink(): string | number {
    return this.target();
  }

  override jump(): Dentry | number | null {
    return this.jumpTo ? this.jumpTo() : null;
  }

  override open(): OpenFile | number {
    // Only O_PATH opens reach a symlink itself; the VFS follows it otherwise.
    return new PathOnlyFile(this, 0);
  }
}

class PathOnlyFile extends OpenFile {
  override read(): IoResult {
    return -EINVAL;
  }
}

/** One name in a /proc directory and how to make its inode. */
export interface ProcEntry {
  name: string;
  /** DT_* type for readdir (DT_DIR for pid directories, DT_LNK for links...). */
  mode: number;
  make: () => ProcInode | number;
  /**
   * What the entry stands for (a task...): a later lookup of the same name
   * returns the same inode while this is unchanged, so dentries (and mounts
   * on them) keep their identity. Entries without one are fixed names.
   */
  id?: object;
}

const FIXED = {};

/** A /proc directory whose entries are computed each time (the set of processes changes). */
export class ProcDir extends ProcInode {
  private readonly made = new Map<string, { id: object; inode: ProcInode }>();

  constructor(ctx: ProcContext, key: string, perm: number, owner: (() => Owner) | undefined,
    private readonly entries: () => ProcEntry[],
    /** Resolves a name without listing everything (pids in /proc; threads' hidden /proc/TID). */
    private readonly direct: (name: string) => ProcEntry | null = () => null,
    private readonly size: () => number = () => 0) {
    super(ctx, key, S_IFDIR | perm, owner);
  }

  protected override sizeOf(): number {
    return this.size();
  }

  override lookup(name: string): Inode | number {
    const e = this.direct(name) ?? this.entries().find((x) => x.name === name);
    if (!e) return -ENOENT;
    const id = e.id ?? FIXED;
    const cached = this.made.get(name);
    if (cached && cached.id === id) return cached.inode;
    const inode = e.make();
    if (typeof inode !== "number") this.made.set(name, { id, inode });
    return inode;
  }

  override readdir(): DirEntry[] | number {
    const self = this.ctx.inoFor(this.key);
    const list: DirEntry[] = [
      { name: ".", ino: self, type: dtypeOf(S_IFDIR) },
      { name: "..", ino: self, type: dtypeOf(S_IFDIR) },
    ];
    for (const e of this.entries()) {
      list.push({ name: e.name, ino: this.ctx.inoFor(`${this.key}/${e.name}`), type: dtypeOf(e.mode) });
    }
    return list;
  }

  override open(flags: number): OpenFile | number {
    if ((flags & O_ACCMODE) !== O_RDONLY) return -EISDIR;
    return new DirectoryFile(this, flags);
  }

  /** Nothing can be created in /proc (the name does not exist) nor removed from it. */
  override create(_name: string, _mode: number, _rdev: number, _owner: Owner): Inode | number {
    return -ENOENT;
  }
  override mkdir(_name: string, _mode: number, _owner: Owner): Inode | number {
    return -ENOENT;
  }
  override symlink(_name: string, _target: string, _owner: Owner): Inode | number {
    return -ENOENT;
  }
  override unlink(_name: string): number {
    return -EPERM;
  }
  override rmdir(_name: string): number {
    return -EPERM;
  }
}
