// Permission checks (fs/namei.c generic_permission, may_delete): the mode
// bits against the caller's filesystem ids. Root passes read and write
// checks and execute when some execute bit is set (CAP_DAC_OVERRIDE).
import { EACCES, EPERM } from "../kernel/errno.js";
import type { Inode, Owner } from "./inode.js";
import { S_IFDIR, S_IFMT } from "./types.js";

export const MAY_EXEC = 1;
export const MAY_WRITE = 2;
export const MAY_READ = 4;

const S_ISUID = 0o4000;
const S_ISGID = 0o2000;
const S_ISVTX = 0o1000;

export interface FsCreds {
  fsuid: number;
  fsgid: number;
  groups: number[];
}

export function inGroup(c: FsCreds, gid: number): boolean {
  return c.fsgid === gid || c.groups.includes(gid);
}

export function permission(inode: Inode, mask: number, c: FsCreds): number {
  if (c.fsuid === 0) {
    // Root needs no stat (the path walk asks this for every directory it passes).
    if ((mask & MAY_EXEC) === 0) return 0;
    const mode = inode.mode;
    return (mode & S_IFMT) === S_IFDIR || (mode & 0o111) !== 0 ? 0 : -EACCES;
  }
  const st = inode.stat();
  let bits: number;
  if (st.uid === c.fsuid) bits = (st.mode >> 6) & 7;
  else if (inGroup(c, st.gid)) bits = (st.mode >> 3) & 7;
  else bits = st.mode & 7;
  return (mask & ~bits) !== 0 ? -EACCES : 0;
}

/** may_delete's sticky-directory rule: in a +t directory only the file's or directory's owner may remove. */
export function stickyDenied(dir: Inode, victim: Inode, c: FsCreds): boolean {
  if (c.fsuid === 0) return false;
  const d = dir.stat();
  if ((d.mode & S_ISVTX) === 0) return false;
  return victim.stat().uid !== c.fsuid && d.uid !== c.fsuid;
}

/** The owner of a new inode in `dir`: the caller, with the group of a setgid directory. */
export function newOwner(dir: Inode, c: FsCreds): Owner {
  const d = dir.stat();
  return { uid: c.fsuid, gid: (d.mode & S_ISGID) !== 0 ? d.gid : c.fsgid };
}

/** A new directory inherits a setgid parent's setgid bit. */
export function newDirMode(dir: Inode, mode: number): number {
  return (dir.stat().mode & S_ISGID) !== 0 ? mode | S_ISGID : mode;
}

/** chown by a non-owner or to another user needs CAP_CHOWN; EPERM otherwise. */
export function chownDenied(node: Inode, uid: number | undefined, gid: number | undefined, c: FsCreds): boolean {
  if (c.fsuid === 0) return false;
  const st = node.stat();
  if (uid !== undefined && uid !== st.uid) return true;
  if (gid !== undefined && gid !== st.gid && !(st.uid === c.fsuid && inGroup(c, gid))) return true;
  return st.uid !== c.fsuid && (uid !== undefined || gid !== undefined);
}

/**
 * What chmod leaves of `mode` for a non-root caller (setgid dropped outside
 * one's groups), or -EPERM (never confused with mode 01).
 */
export function chmodMode(node: Inode, mode: number, c: FsCreds): number {
  if (c.fsuid === 0) return mode;
  const st = node.stat();
  if (st.uid !== c.fsuid) return -EPERM;
  return (mode & S_ISGID) !== 0 && !inGroup(c, st.gid) ? mode & ~S_ISGID : mode;
}

/** Writing by a non-root user clears setuid and group-exec setgid (file_remove_privs). */
export function killSuid(mode: number): number {
  const groupExecSgid = (mode & (S_ISGID | 0o010)) === (S_ISGID | 0o010);
  return mode & ~S_ISUID & ~(groupExecSgid ? S_ISGID : 0);
}
