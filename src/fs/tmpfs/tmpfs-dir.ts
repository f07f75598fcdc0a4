// tmpfs directories: a name → inode map. nlink counts "." , the parent's entry
// and each subdirectory's "..", as on every Unix filesystem.
import { EEXIST, EISDIR, ENOENT, ENOTDIR, ENOTEMPTY, EXDEV } from "../../kernel/errno.js";
import { fsNow } from "../fs-clock.js";
import { RENAME_EXCHANGE, RENAME_NOREPLACE, type Inode, type Owner } from "../inode.js";
import { DirectoryFile, type OpenFile } from "../open-file.js";
import { dtypeOf, S_IFDIR, type DirEntry } from "../types.js";
import { TmpfsFile, TmpfsInode, TmpfsSpecial, TmpfsSymlink, type TmpfsSuper } from "./tmpfs-inode.js";

export class TmpfsDir extends TmpfsInode {
  readonly entries = new Map<string, TmpfsInode>();
  /** The parent directory (the root is its own parent). */
  parent: TmpfsDir;
  /** overlayfs: this upper directory hides the lower one (trusted.overlay.opaque). */
  opaque = false;

  constructor(sb: TmpfsSuper, perm: number, owner: Owner, parent: TmpfsDir | null) {
    super(sb, S_IFDIR | (perm & 0o7777), owner.uid, owner.gid);
    this.nlink = 2;
    this.parent = parent ?? this;
  }

  protected override contentSize(): number {
    // Like shmem: a directory's size grows with its entries (BOGO_DIRENT_SIZE = 20).
    return (this.entries.size + 2) * 20;
  }

  override open(flags: number): OpenFile {
    return new DirectoryFile(this, flags);
  }

  override lookup(name: string): Inode | number {
    return this.entries.get(name) ?? -ENOENT;
  }

  override readdir(): DirEntry[] {
    const out: DirEntry[] = [
      { name: ".", ino: this.ino, type: dtypeOf(S_IFDIR) },
      { name: "..", ino: this.parent.ino, type: dtypeOf(S_IFDIR) },
    ];
    for (const [name, node] of this.entries) out.push({ name, ino: node.ino, type: dtypeOf(node.mode) });
    return out;
  }

  /** Enters `node` under `name`; `fresh` when the inode was made for this entry. */
  private add(name: string, node: TmpfsInode, fresh = true): TmpfsInode | number {
    // A removed directory (someone's cwd, say) takes no new entries: IS_DEADDIR.
    if (this.nlink === 0) {
      if (fresh) this.sb.inodeGone();
      return -ENOENT;
    }
    if (this.entries.has(name)) return -EEXIST;
    this.entries.set(name, node);
    this.mtime = this.ctime = fsNow();
    return node;
  }

  override create(name: string, mode: number, rdev: number, owner: Owner): Inode | number {
    const fmt = mode & 0o170000;
    if (fmt === 0o100000 || fmt === 0) return this.add(name, new TmpfsFile(this.sb, mode, owner));
    return this.add(name, new TmpfsSpecial(this.sb, mode, owner.uid, owner.gid, rdev));
  }

  override mkdir(name: string, mode: number, owner: Owner): Inode | number {
    const r = this.add(name, new TmpfsDir(this.sb, mode, owner, this));
    if (typeof r !== "number") this.nlink++;
    return r;
  }

  override symlink(name: string, target: string, owner: Owner): Inode | number {
    return this.add(name, new TmpfsSymlink(this.sb, target, owner));
  }

  override link(name: string, target: Inode): number {
    if (!(target instanceof TmpfsInode) || target.sb !== this.sb) return -EXDEV;
    const r = this.add(name, target, false);
    if (typeof r === "number") return r;
    target.nlink++;
    target.ctime = fsNow();
    return 0;
  }

  override unlink(name: string): number {
    const node = this.entries.get(name);
    if (!node) return -ENOENT;
    if (node instanceof TmpfsDir) return -EISDIR;
    this.entries.delete(name);
    this.mtime = this.ctime = fsNow();
    node.dropLink();
    return 0;
  }

  override rmdir(name: string): number {
    const node = this.entries.get(name);
    if (!node) return -ENOENT;
    if (!(node instanceof TmpfsDir)) return -ENOTDIR;
    if (node.entries.size > 0) return -ENOTEMPTY;
    this.entries.delete(name);
    this.nlink--;
    this.mtime = this.ctime = fsNow();
    node.nlink = 0;
    node.sb.inodeGone();
    return 0;
  }

  /** Removes overlay whiteouts so an otherwise empty upper directory can be removed or replaced. */
  clearWhiteouts(): void {
    for (const [name, node] of this.entries) {
      if (node instanceof TmpfsSpecial && node.isWhiteout) this.unlink(name);
    }
  }

  override rename(name: string, newDirInode: Inode, newName: string, flags: number): number {
    if (!(newDirInode instanceof TmpfsDir) || newDirInode.sb !== this.sb) return -EXDEV;
    const newDir = newDirInode;
    if (newDir.nlink === 0) return -ENOENT;
    const src = this.entries.get(name);
    if (!src) return -ENOENT;
    const dst = newDir.entries.get(newName);
    if (src === dst) return 0;
    if (flags & RENAME_EXCHANGE) {
      if (!dst) return -ENOENT;
      return this.exchange(name, src, newDir, newName, dst);
    }
    if (dst) {
      if (flags & RENAME_NOREPLACE) return -EEXIST;
      const r = replaceable(src, dst);
      if (r < 0) return r;
      const gone = dst instanceof TmpfsDir ? newDir.rmdir(newName) : newDir.unlink(newName);
      if (gone < 0) return gone;
    }
    this.entries.delete(name);
    newDir.entries.set(newName, src);
    if (src instanceof TmpfsDir && newDir !== this) {
      this.nlink--;
      newDir.nlink++;
      src.parent = newDir;
    }
    const now = fsNow();
    this.mtime = this.ctime = newDir.mtime = newDir.ctime = src.ctime = now;
    return 0;
  }

  private exchange(name: string, src: TmpfsInode, newDir: TmpfsDir, newName: string, dst: TmpfsInode): number {
    this.entries.set(name, dst);
    newDir.entries.set(newName, src);
    const srcDir = src instanceof TmpfsDir;
    const dstDir = dst instanceof TmpfsDir;
    if (srcDir !== dstDir && newDir !== this) {
      const delta = srcDir ? 1 : -1;
      newDir.nlink += delta;
      this.nlink -= delta;
    }
    if (src instanceof TmpfsDir) src.parent = newDir;
    if (dst instanceof TmpfsDir) dst.parent = this;
    this.mtime = this.ctime = newDir.mtime = newDir.ctime = fsNow();
    return 0;
  }
}

/** rename over an existing name: a directory only over an empty directory, a file only over a file. */
function replaceable(src: TmpfsInode, dst: TmpfsInode): number {
  if (src instanceof TmpfsDir) {
    if (!(dst instanceof TmpfsDir)) return -ENOTDIR;
    return dst.entries.size > 0 ? -ENOTEMPTY : 0;
  }
  return dst instanceof TmpfsDir ? -EISDIR : 0;
}
