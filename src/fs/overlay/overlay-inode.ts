// One overlay object: the upper (tmpfs) and/or lower (image) inode behind a
// name. Reads go to the upper inode when it exists, else the lower; any change
// first copies the object up (with its parents), so the image is never
// written. Removing a name that exists below leaves a whiteout (a 0:0
// character device) in the upper directory; a directory made over a whiteout
// is opaque, hiding what lies below it.
import { EEXIST, EISDIR, ENOENT, ENOTDIR, ENOTEMPTY, EXDEV } from "../../kernel/errno.js";
import { Inode, RENAME_EXCHANGE, RENAME_NOREPLACE, type Owner, type SetAttr } from "../inode.js";
import { DirectoryFile, InodeFile, O_ACCMODE, O_RDONLY, O_TRUNC, type OpenFile } from "../open-file.js";
import type { Pipe } from "../pipe.js";
import { TmpfsDir } from "../tmpfs/tmpfs-dir.js";
import { TmpfsSpecial } from "../tmpfs/tmpfs-inode.js";
import { dtypeOf, S_IFDIR, S_IFLNK, S_IFMT, S_IFREG, type DirEntry, type Stat } from "../types.js";
import type { OverlayFs } from "./overlay-fs.js";

const COPY_CHUNK = 1 << 20;

function isWhiteout(node: Inode): boolean {
  return node instanceof TmpfsSpecial && node.isWhiteout;
}

export class OverlayInode extends Inode {
  private readonly children = new Map<string, OverlayInode>();
  readonly ino: number;
  /** Removed from the tree: it must not be copied up again or take new entries. */
  private dead = false;

  constructor(
    readonly ofs: OverlayFs,
    public parent: OverlayInode | null,
    public name: string,
    public upper: Inode | null,
    public lower: Inode | null,
  ) {
    super();
    this.ino = ofs.inoFor(upper, lower);
  }

  private real(): Inode {
    return (this.upper ?? this.lower) as Inode;
  }

  override stat(): Stat {
    const st = this.real().stat();
    // A merged directory keeps the image's size and link count (what ls shows for
    // it), with the upper layer's ownership, mode and times, which carry the changes.
    if (this.upper && this.lower && this.lower.isDirectory()) {
      const low = this.lower.stat();
      return { ...st, size: low.size, blocks: low.blocks, nlink: Math.max(low.nlink, st.nlink), dev: this.ofs.dev, ino: this.ino };
    }
    return { ...st, dev: this.ofs.dev, ino: this.ino };
  }
  override get mode(): number {
    return this.real().mode;
  }

  // ---- lookup and readdir: the merged view ----

  override lookup(name: string): Inode | number {
    if (!this.isDirectory()) return -ENOTDIR;
    if (this.dead) return -ENOENT;
    const hit = this.children.get(name);
    if (hit) return hit;
    let up: Inode | null = null;
    if (this.upper) {
      const u = this.upper.lookup(name);
      if (typeof u !== "number") {
        if (isWhiteout(u)) return -ENOENT;
        up = u;
      }
    }
    let low: Inode | null = null;
    const lowerWanted = !up || (up.isDirectory() && !(up instanceof TmpfsDir && up.opaque));
    if (this.lower && lowerWanted) {
      const l = this.lower.lookup(name);
      if (typeof l !== "number" && (!up || l.isDirectory())) low = l;
    }
    if (!up && !low) return -ENOENT;
    const node = new OverlayInode(this.ofs, this, name, up, low);
    this.children.set(name, node);
    return node;
  }

  override readdir(): DirEntry[] | number {
    if (!this.isDirectory()) return -ENOTDIR;
    const out: DirEntry[] = [
      { name: ".", ino: this.ino, type: dtypeOf(S_IFDIR) },
      { name: "..", ino: (this.parent ?? this).ino, type: dtypeOf(S_IFDIR) },
    ];
    for (const name of this.mergedNames()) {
      const node = this.lookup(name);
      if (typeof node !== "number") out.push({ name, ino: (node as OverlayInode).ino, type: dtypeOf(node.mode) });
    }
    return out;
  }

  /** Names in the merged directory (whiteouts hide lower names; upper names first). */
  private mergedNames(): string[] {
    const seen = new Set<string>();
    const hidden = new Set<string>();
    for (const layer of [this.upper, this.lower]) {
      if (!layer) continue;
      const list = layer.readdir();
      if (typeof list === "number") continue;
      for (const e of list) {
        if (e.name === "." || e.name === ".." || seen.has(e.name) || hidden.has(e.name)) continue;
        if (layer === this.upper) {
          const u = this.upper.lookup(e.name);
          if (typeof u !== "number" && isWhiteout(u)) {
            hidden.add(e.name);
            continue;
          }
        }
        seen.add(e.name);
      }
    }
    return [...seen];
  }

  // ---- copy-up ----

  /** Gives this object an upper inode (copying content and attributes up); 0 or -errno. */
  copyUp(): number {
    if (this.dead) return -ENOENT;
    if (this.upper) return 0;
    const parent = this.parent as OverlayInode;
    const r = parent.copyUp();
    if (r < 0) return r;
    const dir = parent.upper as Inode;
    const lower = this.lower as Inode;
    const st = lower.stat();
    const owner = { uid: st.uid, gid: st.gid };
    let made: Inode | number;
    const fmt = st.mode & S_IFMT;
    if (fmt === S_IFDIR) made = dir.mkdir(this.name, st.mode, owner);
    else if (fmt === S_IFLNK) {
      const target = lower.readlink();
      made = typeof target === "number" ? target : dir.symlink(this.name, target, owner);
    } else made = dir.create(this.name, st.mode, st.rdev, owner);
    if (typeof made === "number") return made;
    if (fmt === S_IFREG) {
      const c = copyContent(lower, made, st.size);
      if (c < 0) return c;
    }
    made.setattr({ mode: st.mode & 0o7777, atime: st.atime, mtime: st.mtime, ctime: st.ctime });
    this.upper = made;
    return 0;
  }

  // ---- changes ----

  /** Makes room for a new upper entry at `name`: copies this directory up and clears a whiteout. */
  private prepareName(name: string): { dir: Inode; wasWhiteout: boolean } | number {
    const r = this.copyUp();
    if (r < 0) return r;
    const dir = this.upper as Inode;
    const u = dir.lookup(name);
    const wasWhiteout = typeof u !== "number" && isWhiteout(u);
    if (wasWhiteout) dir.unlink(name);
    return { dir, wasWhiteout };
  }

  private adopt(name: string, made: Inode | number, wasWhiteout: boolean): Inode | number {
    if (typeof made === "number") return made;
    // A new directory where something lived below must not show the old contents.
    if (made instanceof TmpfsDir && (wasWhiteout || this.lowerHas(name))) made.opaque = true;
    const node = new OverlayInode(this.ofs, this, name, made, null);
    this.children.set(name, node);
    return node;
  }

  private lowerHas(name: string): boolean {
    return this.lower !== null && typeof this.lower.lookup(name) !== "number";
  }

  override create(name: string, mode: number, rdev: number, owner: Owner): Inode | number {
    const p = this.prepareName(name);
    if (typeof p === "number") return p;
    return this.adopt(name, p.dir.create(name, mode, rdev, owner), p.wasWhiteout);
  }

  override mkdir(name: string, mode: number, owner: Owner): Inode | number {
    const p = this.prepareName(name);
    if (typeof p === "number") return p;
    return this.adopt(name, p.dir.mkdir(name, mode, owner), p.wasWhiteout);
  }

  override symlink(name: string, target: string, owner: Owner): Inode | number {
    const p = this.prepareName(name);
    if (typeof p === "number") return p;
    return this.adopt(name, p.dir.symlink(name, target, owner), p.wasWhiteout);
  }

  override link(name: string, target: Inode): number {
    if (!(target instanceof OverlayInode) || target.ofs !== this.ofs) return -EXDEV;
    const c = target.copyUp();
    if (c < 0) return c;
    const p = this.prepareName(name);
    if (typeof p === "number") return p;
    const r = p.dir.link(name, target.upper as Inode);
    if (r < 0) return r;
    this.children.set(name, new OverlayInode(this.ofs, this, name, target.upper, null));
    return 0;
  }

  /** Removes `name`'s upper entry and leaves a whiteout if the lower layer still has it. */
  private removeName(name: string, node: OverlayInode): number {
    const r = this.copyUp();
    if (r < 0) return r;
    const dir = this.upper as Inode;
    if (node.upper) {
      if (node.upper instanceof TmpfsDir) node.upper.clearWhiteouts();
      const gone = node.upper.isDirectory() ? dir.rmdir(name) : dir.unlink(name);
      if (gone < 0) return gone;
    }
    this.children.delete(name);
    node.dead = true;
    if (this.lowerHas(name)) {
      const w = dir.create(name, 0o20000, 0, { uid: 0, gid: 0 });
      if (typeof w === "number") return w;
    }
    return 0;
  }

  override unlink(name: string): number {
    const node = this.lookup(name);
    if (typeof node === "number") return node;
    if (node.isDirectory()) return -EISDIR;
    return this.removeName(name, node as OverlayInode);
  }

  override rmdir(name: string): number {
    const node = this.lookup(name);
    if (typeof node === "number") return node;
    if (!node.isDirectory()) return -ENOTDIR;
    if ((node as OverlayInode).mergedNames().length > 0) return -ENOTEMPTY;
    return this.removeName(name, node as OverlayInode);
  }

  override rename(name: string, newDirInode: Inode, newName: string, flags: number): number {
    if (!(newDirInode instanceof OverlayInode) || newDirInode.ofs !== this.ofs) return -EXDEV;
    const newDir = newDirInode;
    const src = this.lookup(name);
    if (typeof src === "number") return src;
    const s = src as OverlayInode;
    const found = newDir.lookup(newName);
    const dst = typeof found === "number" ? null : (found as OverlayInode);
    if (dst === s) return 0;
    // Directories that have lower contents cannot move without redirect_dir: EXDEV, and mv copies.
    if (s.isDirectory() && s.lower) return -EXDEV;
    if (flags & RENAME_EXCHANGE) {
      if (!dst) return -ENOENT;
      if (s.lower || dst.lower || (dst.isDirectory() && dst.lower)) return -EXDEV;
    } else if (dst) {
      if (flags & RENAME_NOREPLACE) return -EEXIST;
      if (s.isDirectory() && !dst.isDirectory()) return -ENOTDIR;
      if (!s.isDirectory() && dst.isDirectory()) return -EISDIR;
      if (dst.isDirectory() && dst.mergedNames().length > 0) return -ENOTEMPTY;
    }
    return this.moveUpper(s, newDir, newName, dst, flags);
  }

  private moveUpper(s: OverlayInode, newDir: OverlayInode, newName: string, dst: OverlayInode | null, flags: number): number {
    const name = s.name;
    let r = s.copyUp();
    if (r === 0) r = newDir.copyUp();
    if (r < 0) return r;
    const up = newDir.upper as Inode;
    if (dst?.upper instanceof TmpfsDir) dst.upper.clearWhiteouts();
    const existing = up.lookup(newName);
    if (typeof existing !== "number" && isWhiteout(existing)) up.unlink(newName);
    const srcHadLower = s.lower !== null;
    r = (this.upper as Inode).rename(name, up, newName, flags & RENAME_EXCHANGE);
    if (r < 0) return r;
    if (s.upper instanceof TmpfsDir && newDir.lowerHas(newName)) s.upper.opaque = true;
    this.children.delete(name);
    newDir.children.delete(newName);
    s.parent = newDir;
    s.name = newName;
    s.lower = null;
    newDir.children.set(newName, s);
    if (dst && flags & RENAME_EXCHANGE) {
      dst.parent = this;
      dst.name = name;
      this.children.set(name, dst);
    } else if (srcHadLower || this.lowerHas(name)) {
      const w = (this.upper as Inode).create(name, 0o20000, 0, { uid: 0, gid: 0 });
      if (typeof w === "number") return w;
    }
    return 0;
  }

  override setattr(attr: SetAttr): number {
    const r = this.copyUp();
    return r < 0 ? r : (this.upper as Inode).setattr(attr);
  }

  override allocate(offset: number, len: number, keepSize: boolean): number {
    const r = this.copyUp();
    return r < 0 ? r : (this.upper as Inode).allocate(offset, len, keepSize);
  }

  // ---- content ----

  override readlink(): string | number {
    return this.real().readlink();
  }

  override open(flags: number): OpenFile | number {
    if (this.isDirectory()) return new DirectoryFile(this, flags);
    if ((flags & O_ACCMODE) !== O_RDONLY || (flags & O_TRUNC) !== 0) {
      const r = this.copyUp();
      if (r < 0) return r;
    }
    return new InodeFile(this, flags);
  }

  override readAt(offset: number, dest: Uint8Array): number {
    return this.real().readAt(offset, dest);
  }

  override writeAt(offset: number, src: Uint8Array): number {
    const r = this.copyUp();
    return r < 0 ? r : (this.upper as Inode).writeAt(offset, src);
  }

  override pipe(): Pipe | null {
    return this.real().pipe();
  }
}

function copyContent(from: Inode, to: Inode, size: number): number {
  const buf = new Uint8Array(Math.min(COPY_CHUNK, Math.max(size, 1)));
  for (let off = 0; off < size; ) {
    const n = from.readAt(off, buf);
    if (n < 0) return n;
    if (n === 0) break;
    const w = to.writeAt(off, buf.subarray(0, n));
    if (w < 0) return w;
    off += n;
  }
  return 0;
}
