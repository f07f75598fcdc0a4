// /proc/PID/fd/N, cwd, root and exe as magic links (fs/proc/fd.c
// proc_fd_link, nd_jump_link): a walk through one goes to the object itself,
// never to where its text would lead, so an unlinked file, a removed
// directory or a pipe can be opened again. A file with no name anywhere (a
// pipe, a socket, an anon inode) is reached through a dentry of its own,
// like the pipefs, sockfs and anon_inodefs dentries Linux gives them.
import { Dentry } from "../fs/dentry.js";
import { AnonFile } from "../fs/anon/anon-file.js";
import { Inode } from "../fs/inode.js";
import type { OpenFile } from "../fs/open-file.js";
import { PipeFile, type Pipe } from "../fs/pipe.js";
import { HostOutputFile } from "../fs/stdio-file.js";
import { devMajor, devMinor, S_IFCHR, S_IFIFO, S_IFMT, S_IFSOCK, type Stat } from "../fs/types.js";
import { ENXIO } from "../kernel/errno.js";

/** The inode of a file outside every directory, as a magic link reaches it. */
export class OpenFileInode extends Inode {
  constructor(readonly file: OpenFile) {
    super();
  }

  override stat(): Stat {
    const st = this.file.stat();
    if (typeof st !== "number") return st;
    const zero = { sec: 0, nsec: 0 };
    return { dev: 0, ino: 0, mode: 0, nlink: 1, uid: 0, gid: 0, rdev: 0, size: 0, blksize: 4096, blocks: 0, atime: zero, mtime: zero, ctime: zero };
  }

  /** A pipe's link opens the same pipe again (fifo_open on the pipefs inode). */
  override pipe(): Pipe | null {
    return this.file instanceof PipeFile ? this.file.pipe : null;
  }

  /** Sockets and anon inodes have no open (no_open: ENXIO); the host's output stream reopens. */
  override open(flags: number): OpenFile | number {
    return this.file instanceof HostOutputFile ? this.file.reopen(flags) : -ENXIO;
  }
}

const anonDentries = new WeakMap<OpenFile, Dentry>();

/** Where a walk through /proc/PID/fd/N lands: the file's dentry, or one made for a nameless file. */
export function fdJump(f: OpenFile): Dentry {
  if (f.dentry) return f.dentry;
  let d = anonDentries.get(f);
  if (!d) {
    d = new Dentry(anonName(f), null, new OpenFileInode(f));
    anonDentries.set(f, d);
  }
  return d;
}

/** A dentry's path as d_path shows it, " (deleted)" once its name is gone. */
export function dentryPath(d: Dentry, root: Dentry): string {
  const p = d.pathFrom(root);
  return d.unlinked ? `${p} (deleted)` : p;
}

/** What /proc/PID/fd/N points to: a path, or pipe:[ino], socket:[ino], anon_inode:NAME. */
export function fdTarget(f: OpenFile, root: Dentry): string {
  if (!f.dentry) return anonName(f);
  // A pipe reopened through its link carries the pipe's own dentry, whose name is the answer.
  return f.dentry.inode instanceof OpenFileInode ? f.dentry.name : dentryPath(f.dentry, root);
}

/** The d_dname of a nameless file (pipefs_dname, sockfs_dname, anon_inodefs_dname). */
function anonName(f: OpenFile): string {
  if (f instanceof AnonFile) return `anon_inode:${f.anonName}`;
  const st = f.stat();
  if (typeof st === "number") return "anon_inode:[unknown]";
  const type = st.mode & S_IFMT;
  if (type === S_IFIFO) return `pipe:[${st.ino}]`;
  if (type === S_IFSOCK) return `socket:[${st.ino}]`;
  // The host's terminal as the guest's stdio is the console.
  if (type === S_IFCHR && devMajor(st.rdev) === 5 && devMinor(st.rdev) === 1) return "/dev/console";
  return `anon_inode:[${st.ino}]`;
}
