// Where filesystem events start (fs/notify/fsnotify.c and include/linux/
// fsnotify.h): the VFS calls these hooks when an operation has completed,
// and they hand the event to every inotify watch on the inode concerned —
// the object itself and, for events on a name, its directory (with the
// name). With no watch anywhere each hook is one comparison.
import type { Dentry } from "../dentry.js";
import type { Inode } from "../inode.js";
import {
  IN_ACCESS, IN_ALL_EVENTS, IN_ATTRIB, IN_CLOSE_NOWRITE, IN_CLOSE_WRITE, IN_CREATE, IN_DELETE, IN_DELETE_SELF, IN_ISDIR,
  IN_MODIFY, IN_MOVE_SELF, IN_MOVED_FROM, IN_MOVED_TO, IN_ONESHOT, IN_OPEN,
} from "./inotify-mask.js";

/** One inotify instance's interest in one inode. */
export interface Watch {
  readonly inode: Inode;
  readonly group: WatchGroup;
  readonly wd: number;
  mask: number;
}

/** The inotify instance a watch belongs to. */
export interface WatchGroup {
  /** Queues an event for watch `w`. */
  deliver(w: Watch, mask: number, cookie: number, name: string): void;
  /** Drops watch `w` and queues IN_IGNORED for it. */
  ignore(w: Watch): void;
}

const watchesOf = new WeakMap<Inode, Watch[]>();
let watchCount = 0;
let lastCookie = 0;

/** Whether any watch exists: the hooks' fast path. */
export function inotifyActive(): boolean {
  return watchCount !== 0;
}

export function watchOn(inode: Inode, group: WatchGroup): Watch | undefined {
  return watchesOf.get(inode)?.find((w) => w.group === group);
}

export function addWatch(w: Watch): void {
  const list = watchesOf.get(w.inode);
  if (list) list.push(w);
  else watchesOf.set(w.inode, [w]);
  watchCount++;
}

export function removeWatch(w: Watch): void {
  const list = watchesOf.get(w.inode);
  const i = list ? list.indexOf(w) : -1;
  if (!list || i < 0) return;
  list.splice(i, 1);
  if (list.length === 0) watchesOf.delete(w.inode);
  watchCount--;
}

/** Hands `mask` to each watch on `inode` that asked for it; a one-shot watch then goes away. */
function send(inode: Inode, mask: number, cookie: number, name: string): void {
  const list = watchesOf.get(inode);
  if (!list) return;
  for (const w of list.slice()) {
    if ((w.mask & mask & IN_ALL_EVENTS) === 0) continue;
    w.group.deliver(w, mask, cookie, name);
    if ((w.mask & IN_ONESHOT) !== 0) w.group.ignore(w);
  }
}

function withDir(inode: Inode, mask: number): number {
  return inode.isDirectory() ? mask | IN_ISDIR : mask;
}

/**
 * An event on an object reached through `d` (fsnotify_parent, then the
 * inode): the directory holding the name hears it first, with the name —
 * unless `d` is the root of its mount — then the object's own watches.
 */
function notifyObject(d: Dentry | null, inode: Inode, event: number): void {
  const mask = withDir(inode, event);
  if (d && d.parent && d.parent.mount === d.mount) send(d.parent.inode, mask, 0, d.name);
  send(inode, mask, 0, "");
}

/** An event on the inode alone, not reported to its directory (fsnotify_inode). */
function notifyInode(inode: Inode, event: number): void {
  send(inode, withDir(inode, event), 0, "");
}

// ---- the hooks ----

export function notifyOpen(d: Dentry | null, inode: Inode): void {
  if (watchCount !== 0) notifyObject(d, inode, IN_OPEN);
}

export function notifyClose(d: Dentry | null, inode: Inode, wrote: boolean): void {
  if (watchCount !== 0) notifyObject(d, inode, wrote ? IN_CLOSE_WRITE : IN_CLOSE_NOWRITE);
}

export function notifyAccess(d: Dentry | null, inode: Inode): void {
  if (watchCount !== 0) notifyObject(d, inode, IN_ACCESS);
}

export function notifyModify(d: Dentry | null, inode: Inode): void {
  if (watchCount !== 0) notifyObject(d, inode, IN_MODIFY);
}

/** After setattr (fsnotify_change): which event a change of attributes makes. */
export function notifyChange(d: Dentry | null, inode: Inode, attr: { mode?: number; uid?: number; gid?: number; size?: number; atime?: unknown; mtime?: unknown }): void {
  if (watchCount === 0) return;
  let mask = 0;
  if (attr.uid !== undefined || attr.gid !== undefined || attr.mode !== undefined) mask |= IN_ATTRIB;
  if (attr.size !== undefined) mask |= IN_MODIFY;
  if (attr.atime !== undefined && attr.mtime !== undefined) mask |= IN_ATTRIB;
  else if (attr.atime !== undefined) mask |= IN_ACCESS;
  else if (attr.mtime !== undefined) mask |= IN_MODIFY;
  if (mask !== 0) notifyObject(d, inode, mask);
}

/** A new name in `dir` (create, mkdir, mknod, symlink, link). */
export function notifyCreate(dir: Inode, name: string, child: Inode): void {
  if (watchCount !== 0) send(dir, withDir(child, IN_CREATE), 0, name);
}

/** link(2): the target's link count changed, then the new name appears. */
export function notifyLink(dir: Inode, name: string, target: Inode): void {
  if (watchCount === 0) return;
  notifyInode(target, IN_ATTRIB);
  notifyCreate(dir, name, target);
}

/**
 * A name removed from `dir` (vfs_unlink/vfs_rmdir, then d_delete_notify): a
 * file's link count changed; an object left with no name reports
 * IN_DELETE_SELF and its watches end (the inode is freed before the
 * directory hears of it), then the directory gets IN_DELETE.
 */
export function notifyDelete(dir: Inode, name: string, victim: Inode, gone: boolean): void {
  if (watchCount === 0) return;
  if (!victim.isDirectory()) notifyInode(victim, IN_ATTRIB);
  if (gone) {
    notifyInode(victim, IN_DELETE_SELF);
    notifyEvicted(victim);
  }
  send(dir, withDir(victim, IN_DELETE), 0, name);
}

/** The inode no longer exists: every watch on it ends with IN_IGNORED. */
export function notifyEvicted(inode: Inode): void {
  const list = watchesOf.get(inode);
  if (!list) return;
  for (const w of list.slice()) w.group.ignore(w);
}

/**
 * rename (fsnotify_move): MOVED_FROM and MOVED_TO share a cookie; a replaced
 * object loses a link (and its watches if that was its last name); the moved
 * object hears IN_MOVE_SELF.
 */
export function notifyMove(oldDir: Inode, oldName: string, newDir: Inode, newName: string, moved: Inode, replaced: Inode | null, replacedGone: boolean): void {
  if (watchCount === 0) return;
  const cookie = ++lastCookie >>> 0;
  send(oldDir, withDir(moved, IN_MOVED_FROM), cookie, oldName);
  send(newDir, withDir(moved, IN_MOVED_TO), cookie, newName);
  if (replaced) notifyInode(replaced, IN_ATTRIB);
  notifyInode(moved, IN_MOVE_SELF);
  if (replaced && replacedGone) {
    notifyInode(replaced, IN_DELETE_SELF);
    notifyEvicted(replaced);
  }
}
