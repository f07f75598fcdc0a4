// The root filesystem: an overlay (fs/overlayfs) of the read-only image and a
// tmpfs upper layer that receives every change. Inode numbers come from the
// lower file when there is one, so they stay the same across copy-up.
import type { FileSystem } from "../filesystem.js";
import { allocAnonDev } from "../filesystem.js";
import type { Inode } from "../inode.js";
import { OVERLAYFS_SUPER_MAGIC, type StatFs } from "../statfs.js";
import type { TmpfsFs } from "../tmpfs/tmpfs-fs.js";
import { OverlayInode } from "./overlay-inode.js";

/** Upper-only inodes are numbered from here so they cannot collide with the image's numbers. */
const UPPER_INO_BASE = 2 ** 48;

export class OverlayFs implements FileSystem {
  readonly type = "overlay";
  readonly dev = allocAnonDev();
  readonly root: OverlayInode;
  /** Inode numbers of files that exist only in the upper layer, by upper inode (hard links share one). */
  private readonly upperInos = new WeakMap<Inode, number>();

  constructor(
    readonly lower: Inode,
    readonly upper: TmpfsFs,
  ) {
    // The upper root stands for the image's root directory: it starts with its attributes.
    const st = lower.stat();
    upper.root.setattr({ mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, atime: st.atime, mtime: st.mtime, ctime: st.ctime });
    this.root = new OverlayInode(this, null, "", upper.root, lower);
  }

  inoFor(upper: Inode | null, lower: Inode | null): number {
    if (lower) return lower.stat().ino;
    const u = upper as Inode;
    let ino = this.upperInos.get(u);
    if (ino === undefined) {
      ino = UPPER_INO_BASE + u.stat().ino;
      this.upperInos.set(u, ino);
    }
    return ino;
  }

  statfs(): StatFs {
    return { ...this.upper.statfs(), type: OVERLAYFS_SUPER_MAGIC };
  }

  superOptions(): string {
    return "rw,lowerdir=/image,upperdir=/upper,workdir=/work";
  }
}
