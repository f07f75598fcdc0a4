// What the filesystem syscalls share: finding the parent directory of a name
// to create or remove, and the checks Linux makes before changing a directory
// (fs/namei.c may_create, may_delete) or an inode (read-only mounts).
import type { Dentry } from "../../fs/dentry.js";
import type { Inode } from "../../fs/inode.js";
import { walkParent, type ParentAndName } from "../../fs/path-walk.js";
import { MAY_EXEC, MAY_WRITE, permission, stickyDenied } from "../../fs/permission.js";
import { EPERM, EROFS } from "../errno.js";
import type { Task } from "../task.js";
import { readPath, startDir, walkOptions } from "./path-args.js";

/** Resolves all but the last component of the path at `pathAddr`. */
export function parentAt(t: Task, dirfd: number, pathAddr: number): ParentAndName | number {
  const path = readPath(t, pathAddr);
  if (typeof path === "number") return path;
  return parentOfPath(t, dirfd, path);
}

export function parentOfPath(t: Task, dirfd: number, path: string): ParentAndName | number {
  const start = startDir(t, dirfd, path);
  if (typeof start === "number") return start;
  return walkParent(t.fs, start, path, walkOptions(t, true));
}

/** "", "." and ".." as a final component: Linux's LAST_ROOT/LAST_DOT/LAST_DOTDOT. */
export function isSpecialName(name: string): boolean {
  return name === "" || name === "." || name === "..";
}

export function readOnlyMount(d: Dentry): boolean {
  return d.mount !== null && d.mount.readOnly;
}

/** may_create: a writable mount, and write and search permission on the directory. */
export function mayCreate(t: Task, dir: Dentry): number {
  if (readOnlyMount(dir)) return -EROFS;
  return permission(dir.inode, MAY_WRITE | MAY_EXEC, t.creds);
}

/** may_delete: may_create's checks plus the sticky-directory rule. */
export function mayDelete(t: Task, dir: Dentry, victim: Inode): number {
  const r = mayCreate(t, dir);
  if (r < 0) return r;
  return stickyDenied(dir.inode, victim, t.creds) ? -EPERM : 0;
}

/** The dentry `name` in `dir` without following a final symlink or mounts on it. */
export function childEntry(dir: Dentry, name: string): Dentry | number {
  const inode = dir.inode.lookup(name);
  return typeof inode === "number" ? inode : dir.child(name, inode);
}

/** Whether `d` is a mountpoint in the tree (removing or renaming it is EBUSY). */
export function isMountpoint(d: Dentry): boolean {
  return d.mounted !== null;
}
