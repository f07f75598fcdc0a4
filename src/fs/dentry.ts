// A name in the directory tree bound to an inode (Linux's dentry). Dentries
// remember their parent, so the kernel can say where a file is: getcwd,
// /proc/PID/cwd and exe. Children are cached so a name keeps its identity.
import type { Inode } from "./inode.js";

export class Dentry {
  private children = new Map<string, Dentry>();

  constructor(
    readonly name: string,
    readonly parent: Dentry | null,
    readonly inode: Inode,
  ) {}

  child(name: string, inode: Inode): Dentry {
    let d = this.children.get(name);
    if (!d || d.inode !== inode) {
      d = new Dentry(name, this, inode);
      this.children.set(name, d);
    }
    return d;
  }

  /** Absolute path as seen from `root` (a process's root directory). */
  pathFrom(root: Dentry): string {
    const parts: string[] = [];
    for (let d: Dentry | null = this; d && d !== root; d = d.parent) parts.push(d.name);
    return "/" + parts.reverse().join("/");
  }
}
