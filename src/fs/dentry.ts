// A name in the directory tree bound to an inode (Linux's dentry, combined
// with the mount it was reached through, like Linux's struct path). Dentries
// remember their parent, so the kernel can say where a file is: getcwd,
// /proc/PID/cwd and exe. Children are cached so a name keeps its identity.
//
// Each mount has its own tree of dentries: a mount's root dentry carries the
// mountpoint's name and parent, so ".." from a mount root climbs to the
// directory holding the mountpoint and pathFrom() gives the guest's path.
import type { Inode } from "./inode.js";
import type { Mount } from "./mount.js";

export class Dentry {
  private children = new Map<string, Dentry>();
  /** The mount whose root covers this dentry (the path walk descends into it). */
  mounted: Mount | null = null;
  /**
   * Its name was removed (unlink, rmdir, replaced by a rename) while it was
   * still in use: Linux's d_unlinked, which makes /proc paths end in " (deleted)".
   */
  unlinked = false;

  constructor(
    /** Name and parent change only by rename (moveTo), as Linux's d_move. */
    public name: string,
    public parent: Dentry | null,
    readonly inode: Inode,
    /** The mount this dentry was reached through (null only in unit tests without mounts). */
    readonly mount: Mount | null = null,
  ) {}

  child(name: string, inode: Inode): Dentry {
    let d = this.children.get(name);
    if (!d || d.inode !== inode) {
      // A new inode under a name that is still a mountpoint keeps the mount (Linux forbids
      // removing a mountpoint in this namespace, so this only happens after a rename over it).
      const mounted = d ? d.mounted : null;
      d = new Dentry(name, this, inode, this.mount);
      d.mounted = mounted;
      this.children.set(name, d);
    }
    return d;
  }

  /** The cached child for `name`, if the name has been looked up. */
  cached(name: string): Dentry | undefined {
    return this.children.get(name);
  }

  /** Drops the cached child (after unlink or rename) so the name is looked up afresh. */
  forget(name: string): void {
    const d = this.children.get(name);
    if (d && !d.mounted) this.children.delete(name);
  }

  /**
   * After a rename: the dentry (and so every cwd and open file below it) now
   * sits at newParent/newName; whatever was cached there is dropped.
   */
  moveTo(newParent: Dentry, newName: string): void {
    if (this.parent) this.parent.children.delete(this.name);
    newParent.children.delete(newName);
    this.parent = newParent;
    this.name = newName;
    newParent.children.set(newName, this);
  }

  /** Absolute path as seen from `root` (a process's root directory). */
  pathFrom(root: Dentry): string {
    const parts: string[] = [];
    for (let d: Dentry | null = this; d && d !== root; d = d.parent) parts.push(d.name);
    return "/" + parts.reverse().join("/");
  }

  /** Whether this dentry is `ancestor` or below it (following parents across mounts). */
  isBelow(ancestor: Dentry): boolean {
    for (let d: Dentry | null = this; d; d = d.parent) if (d === ancestor) return true;
    return false;
  }
}
