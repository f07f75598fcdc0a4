// Path lookup (Linux's fs/namei.c, reduced): components resolved one at a
// time inside the process's root. ".." never climbs above the root, and an
// absolute symlink restarts at the process's root, so no guest path can name
// a host file outside the image.
import { ELOOP, ENAMETOOLONG, ENOENT, ENOTDIR } from "../kernel/errno.js";
import type { Dentry } from "./dentry.js";

export const PATH_MAX = 4096;
export const NAME_MAX = 255;
export const MAXSYMLINKS = 40;

export interface WalkRoots {
  root: Dentry;
  cwd: Dentry;
}

export interface WalkOptions {
  /** Follow a symlink in the last component (false for lstat, O_NOFOLLOW, readlink). */
  followFinal: boolean;
}

/** Resolves `path` starting at `start` (the cwd or a dirfd's directory). */
export function walk(roots: WalkRoots, start: Dentry, path: string, opts: WalkOptions): Dentry | number {
  if (path.length === 0) return -ENOENT;
  if (path.length >= PATH_MAX) return -ENAMETOOLONG;
  // A trailing slash demands a directory and follows a final symlink.
  const mustBeDir = path.endsWith("/");
  const follow = opts.followFinal || mustBeDir;
  let cur = path.startsWith("/") ? roots.root : start;
  // Components still to resolve, in order; symlink targets are spliced in front.
  let pending = splitPath(path);
  let links = 0;
  while (pending.length > 0) {
    const name = pending.shift() as string;
    if (name.length > NAME_MAX) return -ENAMETOOLONG;
    if (!cur.inode.isDirectory()) return -ENOTDIR;
    if (name === ".") continue;
    if (name === "..") {
      if (cur !== roots.root && cur.parent) cur = cur.parent;
      continue;
    }
    const inode = cur.inode.lookup(name);
    if (typeof inode === "number") return inode;
    const next = cur.child(name, inode);
    if (inode.isSymlink() && (pending.length > 0 || follow)) {
      if (++links > MAXSYMLINKS) return -ELOOP;
      const target = inode.readlink();
      if (typeof target === "number") return target;
      if (target.length === 0) return -ENOENT;
      if (target.startsWith("/")) cur = roots.root;
      pending = splitPath(target).concat(pending);
      continue;
    }
    cur = next;
  }
  if (mustBeDir && !cur.inode.isDirectory()) return -ENOTDIR;
  return cur;
}

function splitPath(path: string): string[] {
  return path.split("/").filter((c) => c.length > 0);
}
