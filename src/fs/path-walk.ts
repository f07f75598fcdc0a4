// Path lookup (Linux's fs/namei.c, reduced): components resolved one at a
// time inside the process's root. ".." never climbs above the root, and an
// absolute symlink restarts at the process's root, so no guest path can name
// a host file outside the image. A dentry covered by a mount is replaced by
// that mount's root as soon as it is reached; ".." from a mount's root goes
// to the directory holding its mountpoint (the root dentry's parent). A
// procfs magic link (/proc/PID/fd/N, cwd, root, exe) is not resolved as text:
// the walk jumps to the object it stands for.
import { ELOOP, ENAMETOOLONG, ENOENT, ENOTDIR, EXDEV } from "../kernel/errno.js";
import type { Dentry } from "./dentry.js";
import type { Inode } from "./inode.js";

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
  /** Search permission on a directory being walked through: 0 or -EACCES. */
  mayExec?: (dir: Inode) => number;
  /** openat2 RESOLVE_NO_SYMLINKS: any symlink on the way is ELOOP. */
  noSymlinks?: boolean;
  /** openat2 RESOLVE_NO_XDEV: crossing a mount in either direction is EXDEV. */
  noXdev?: boolean;
  /** openat2 RESOLVE_BENEATH: leaving the root (by "..", "/" or an absolute link) is EXDEV. */
  beneath?: boolean;
  /** openat2 RESOLVE_NO_MAGICLINKS: a procfs magic link on the way is ELOOP. */
  noMagicLinks?: boolean;
  /** openat2 RESOLVE_BENEATH or RESOLVE_IN_ROOT: a magic link would escape the scope (EXDEV). */
  scoped?: boolean;
}

/** Follows mounts stacked on `d` down to the topmost mount's root. */
export function crossMounts(d: Dentry): Dentry {
  while (d.mounted) d = d.mounted.root;
  return d;
}

/** Resolves `path` starting at `start` (the cwd or a dirfd's directory). */
export function walk(roots: WalkRoots, start: Dentry, path: string, opts: WalkOptions): Dentry | number {
  if (path.length === 0) return -ENOENT;
  if (path.length >= PATH_MAX) return -ENAMETOOLONG;
  // A trailing slash demands a directory and follows a final symlink.
  const mustBeDir = path.endsWith("/");
  const follow = opts.followFinal || mustBeDir;
  if (opts.beneath && path.startsWith("/")) return -EXDEV;
  const r = walkComponents(roots, path.startsWith("/") ? roots.root : start, splitPath(path), follow, opts);
  if (typeof r === "number") return r;
  if (mustBeDir && !r.inode.isDirectory()) return -ENOTDIR;
  return r;
}

function walkComponents(roots: WalkRoots, start: Dentry, comps: string[], follow: boolean, opts: WalkOptions): Dentry | number {
  let cur = crossMounts(start);
  // Components still to resolve, in order; symlink targets are spliced in front.
  let pending = comps;
  let next = 0; // index of the next component in pending (shift() would copy the array each time)
  let links = 0;
  while (next < pending.length) {
    const name = pending[next++];
    if (name.length > NAME_MAX) return -ENAMETOOLONG;
    if (!cur.inode.isDirectory()) return -ENOTDIR;
    const denied = opts.mayExec ? opts.mayExec(cur.inode) : 0;
    if (denied < 0) return denied;
    if (name === ".") continue;
    if (name === "..") {
      if (cur === roots.root && opts.beneath) return -EXDEV;
      if (cur !== roots.root && cur.parent) {
        const up = crossMounts(cur.parent);
        if (opts.noXdev && up.mount !== cur.mount) return -EXDEV;
        cur = up;
      }
      continue;
    }
    const inode = cur.inode.lookup(name);
    if (typeof inode === "number") return inode;
    const child = cur.child(name, inode);
    if (inode.isSymlink() && (next < pending.length || follow)) {
      if (opts.noSymlinks) return -ELOOP;
      if (++links > MAXSYMLINKS) return -ELOOP;
      const jumped = inode.jump();
      if (jumped !== null) {
        if (typeof jumped === "number") return jumped;
        // nd_jump_link: not for scoped lookups, nor across mounts under RESOLVE_NO_XDEV.
        if (opts.noMagicLinks) return -ELOOP;
        if (opts.scoped || (opts.noXdev && jumped.mount !== cur.mount)) return -EXDEV;
        cur = jumped;
        continue;
      }
      const target = inode.readlink();
      if (typeof target === "number") return target;
      if (target.length === 0) return -ENOENT;
      if (target.startsWith("/")) {
        if (opts.beneath) return -EXDEV;
        cur = roots.root;
      }
      pending = splitPath(target).concat(pending.slice(next));
      next = 0;
      continue;
    }
    const down = crossMounts(child);
    if (opts.noXdev && down !== child) return -EXDEV;
    cur = down;
  }
  return cur;
}

/** Where a new name would go: the parent directory and the final component. */
export interface ParentAndName {
  dir: Dentry;
  /** "" when the path names the start or root itself ("/", "."). */
  name: string;
  /** The path ended in "/" (the object must be a directory). */
  trailingSlash: boolean;
}

/** Resolves every component but the last (Linux's LOOKUP_PARENT); "." and ".." come back as names. */
export function walkParent(roots: WalkRoots, start: Dentry, path: string, opts: WalkOptions): ParentAndName | number {
  if (path.length === 0) return -ENOENT;
  if (path.length >= PATH_MAX) return -ENAMETOOLONG;
  const comps = splitPath(path);
  const name = comps.pop() ?? "";
  if (name.length > NAME_MAX) return -ENAMETOOLONG;
  const dir = walkComponents(roots, path.startsWith("/") ? roots.root : start, comps, true, opts);
  if (typeof dir === "number") return dir;
  if (!dir.inode.isDirectory()) return -ENOTDIR;
  return { dir, name, trailingSlash: path.endsWith("/") };
}

/** The non-empty components of `path` (one pass, no intermediate array of empty names). */
function splitPath(path: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (;;) {
    const slash = path.indexOf("/", start);
    const end = slash < 0 ? path.length : slash;
    if (end > start) out.push(path.slice(start, end));
    if (slash < 0) return out;
    start = slash + 1;
  }
}
