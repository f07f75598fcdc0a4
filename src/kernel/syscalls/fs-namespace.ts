// Calls that change names in directories (fs/namei.c): mkdirat, mknodat,
// symlinkat, linkat, unlinkat and renameat2, with Linux's checks in Linux's
// order — the parent walk, the special final names, may_create/may_delete,
// mountpoints (EBUSY) and crossing mounts (EXDEV).
import type { Dentry } from "../../fs/dentry.js";
import { notifyCreate, notifyDelete, notifyLink, notifyMove } from "../../fs/inotify/fsnotify.js";
import { type Inode, RENAME_EXCHANGE, RENAME_NOREPLACE, RENAME_WHITEOUT } from "../../fs/inode.js";
import { MAY_WRITE, newDirMode, newOwner, permission } from "../../fs/permission.js";
import { S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFMT, S_IFREG, S_IFSOCK } from "../../fs/types.js";
import {
  EBUSY, EEXIST, EINVAL, EISDIR, ENOENT, ENOTDIR, ENOTEMPTY, EPERM, EXDEV,
} from "../errno.js";
import type { Kernel } from "../kernel.js";
import type { Task } from "../task.js";
import { childEntry, isMountpoint, isSpecialName, mayCreate, mayDelete, parentAt } from "./fs-common.js";
import * as SYS from "./numbers.js";
import { AT_EMPTY_PATH, AT_REMOVEDIR, AT_SYMLINK_FOLLOW, AT_SYMLINK_NOFOLLOW, readPath, resolveAt } from "./path-args.js";
import { int32, uint32, type SyscallDef } from "./syscall.js";

/** The directory and a new name in it that must not exist yet (EEXIST otherwise). */
function newName(t: Task, dirfd: number, pathAddr: number): { dir: Dentry; name: string; trailingSlash: boolean } | number {
  const p = parentAt(t, dirfd, pathAddr);
  if (typeof p === "number") return p;
  if (isSpecialName(p.name)) return -EEXIST;
  const existing = p.dir.inode.lookup(p.name);
  if (typeof existing !== "number") return -EEXIST;
  if (existing !== -ENOENT) return existing;
  const ok = mayCreate(t, p.dir);
  return ok < 0 ? ok : p;
}

function mkdirat(t: Task, dirfd: number, pathAddr: number, mode: number): number {
  const p = newName(t, dirfd, pathAddr);
  if (typeof p === "number") return p;
  const perm = newDirMode(p.dir.inode, mode & ~t.fs.umask & 0o1777);
  const r = p.dir.inode.mkdir(p.name, S_IFDIR | perm, newOwner(p.dir.inode, t.creds));
  if (typeof r === "number") return r;
  notifyCreate(p.dir.inode, p.name, r);
  return 0;
}

function mknodat(t: Task, dirfd: number, pathAddr: number, mode: number, dev: number): number {
  const fmt = mode & S_IFMT;
  if (fmt !== 0 && fmt !== S_IFREG && fmt !== S_IFCHR && fmt !== S_IFBLK && fmt !== S_IFIFO && fmt !== S_IFSOCK) {
    return fmt === S_IFDIR ? -EPERM : -EINVAL;
  }
  const p = newName(t, dirfd, pathAddr);
  if (typeof p === "number") return p;
  if (p.trailingSlash) return -ENOENT;
  // Device nodes need CAP_MKNOD.
  if ((fmt === S_IFCHR || fmt === S_IFBLK) && t.creds.euid !== 0) return -EPERM;
  const type = fmt === 0 ? S_IFREG : fmt;
  const rdev = fmt === S_IFCHR || fmt === S_IFBLK ? dev : 0;
  const r = p.dir.inode.create(p.name, type | (mode & ~t.fs.umask & 0o7777), rdev, newOwner(p.dir.inode, t.creds));
  if (typeof r === "number") return r;
  notifyCreate(p.dir.inode, p.name, r);
  return 0;
}

function symlinkat(t: Task, targetAddr: number, dirfd: number, pathAddr: number): number {
  const target = readPath(t, targetAddr);
  if (typeof target === "number") return target;
  if (target.length === 0) return -ENOENT;
  const p = newName(t, dirfd, pathAddr);
  if (typeof p === "number") return p;
  const r = p.dir.inode.symlink(p.name, target, newOwner(p.dir.inode, t.creds));
  if (typeof r === "number") return r;
  notifyCreate(p.dir.inode, p.name, r);
  return 0;
}

function linkat(t: Task, olddirfd: number, oldAddr: number, newdirfd: number, newAddr: number, flags: number): number {
  if ((flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH)) !== 0) return -EINVAL;
  const src = resolveAt(t, olddirfd, oldAddr, (flags & AT_EMPTY_PATH) | ((flags & AT_SYMLINK_FOLLOW) ? 0 : AT_SYMLINK_NOFOLLOW));
  if (typeof src === "number") return src;
  const from = src.file ? src.file.dentry : src.dentry;
  if (!from) return -ENOENT;
  const p = newName(t, newdirfd, newAddr);
  if (typeof p === "number") return p;
  if (from.inode.isDirectory()) return -EPERM;
  if (from.mount !== p.dir.mount) return -EXDEV;
  // An unlinked file can be named again only if it was made with O_TMPFILE without O_EXCL (vfs_link).
  if (from.inode.stat().nlink === 0 && !from.inode.linkable) return -ENOENT;
  const r = p.dir.inode.link(p.name, from.inode);
  if (r !== 0) return r;
  from.inode.linkable = false;
  notifyLink(p.dir.inode, p.name, from.inode);
  return 0;
}

function unlinkat(t: Task, dirfd: number, pathAddr: number, flags: number): number {
  if ((flags & ~AT_REMOVEDIR) !== 0) return -EINVAL;
  const p = parentAt(t, dirfd, pathAddr);
  if (typeof p === "number") return p;
  const rmdir = (flags & AT_REMOVEDIR) !== 0;
  if (isSpecialName(p.name)) {
    if (!rmdir) return -EISDIR;
    return p.name === "." ? -EINVAL : p.name === ".." ? -ENOTEMPTY : -EBUSY;
  }
  const victim = childEntry(p.dir, p.name);
  if (typeof victim === "number") return victim;
  const ok = mayDelete(t, p.dir, victim.inode);
  if (ok < 0) return ok;
  if (rmdir) {
    if (!victim.inode.isDirectory()) return -ENOTDIR;
    if (isMountpoint(victim) || victim === t.fs.root) return -EBUSY;
  } else {
    if (victim.inode.isDirectory()) return -EISDIR;
    if (p.trailingSlash) return -ENOTDIR;
    if (isMountpoint(victim)) return -EBUSY;
  }
  const links = rmdir ? 0 : victim.inode.stat().nlink;
  const r = rmdir ? p.dir.inode.rmdir(p.name) : p.dir.inode.unlink(p.name);
  if (r !== 0) return r;
  victim.unlinked = true;
  p.dir.forget(p.name);
  notifyDelete(p.dir.inode, p.name, victim.inode, links <= 1);
  return 0;
}

function renameat2(t: Task, olddirfd: number, oldAddr: number, newdirfd: number, newAddr: number, flags: number): number {
  if ((flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT)) !== 0) return -EINVAL;
  if ((flags & RENAME_NOREPLACE) && (flags & RENAME_EXCHANGE)) return -EINVAL;
  if (flags & RENAME_WHITEOUT) return -EINVAL;
  const from = parentAt(t, olddirfd, oldAddr);
  if (typeof from === "number") return from;
  const to = parentAt(t, newdirfd, newAddr);
  if (typeof to === "number") return to;
  if (isSpecialName(from.name) || isSpecialName(to.name)) return -EBUSY;
  if (from.dir.mount !== to.dir.mount) return -EXDEV;
  const src = childEntry(from.dir, from.name);
  if (typeof src === "number") return src;
  const found = childEntry(to.dir, to.name);
  if (typeof found === "number" && found !== -ENOENT) return found;
  const dst = typeof found === "number" ? null : found;
  if ((flags & RENAME_EXCHANGE) && !dst) return -ENOENT;
  if ((flags & RENAME_NOREPLACE) && dst) return -EEXIST;
  let ok = mayDelete(t, from.dir, src.inode);
  if (ok === 0) ok = dst ? mayDelete(t, to.dir, dst.inode) : 0;
  if (ok === 0 && !dst) ok = mayCreate(t, to.dir);
  // A directory that changes parent has its ".." rewritten: that needs write on it (vfs_rename).
  if (ok === 0 && from.dir.inode !== to.dir.inode) ok = dotDotWritable(t, src.inode, dst?.inode ?? null, flags);
  if (ok < 0) return ok;
  const r = renameChecks(t, from, to, src, dst, flags);
  if (r !== null) return r;
  const dstLinks = dst && !dst.inode.isDirectory() ? dst.inode.stat().nlink : 0;
  const done = from.dir.inode.rename(from.name, to.dir.inode, to.name, flags);
  if (done !== 0) return done;
  if (dst && !(flags & RENAME_EXCHANGE)) dst.unlinked = true;
  if (flags & RENAME_EXCHANGE) {
    notifyMove(from.dir.inode, from.name, to.dir.inode, to.name, src.inode, null, false);
    if (dst) notifyMove(to.dir.inode, to.name, from.dir.inode, from.name, dst.inode, null, false);
  } else {
    notifyMove(from.dir.inode, from.name, to.dir.inode, to.name, src.inode, dst ? dst.inode : null, dstLinks <= 1);
  }
  if (flags & RENAME_EXCHANGE) {
    from.dir.forget(from.name);
    to.dir.forget(to.name);
  } else if (src.inode.isDirectory() && to.dir.inode.lookup(to.name) === src.inode) {
    // Keep the moved directory's dentry: cwds and open directories inside it follow the move
    // (a host directory's inodes are named by path, so there the old dentry is simply dropped).
    src.moveTo(to.dir, to.name);
  } else {
    from.dir.forget(from.name);
    to.dir.forget(to.name);
  }
  return 0;
}

function dotDotWritable(t: Task, src: Inode, dst: Inode | null, flags: number): number {
  let ok = src.isDirectory() ? permission(src, MAY_WRITE, t.creds) : 0;
  if (ok === 0 && flags & RENAME_EXCHANGE && dst?.isDirectory()) ok = permission(dst, MAY_WRITE, t.creds);
  return ok;
}

/** Type and topology checks (fs/namei.c do_renameat2, vfs_rename); null when the rename may go ahead. */
function renameChecks(t: Task, from: { dir: Dentry; trailingSlash: boolean }, to: { dir: Dentry; trailingSlash: boolean },
  src: Dentry, dst: Dentry | null, flags: number): number | null {
  const srcDir = src.inode.isDirectory();
  if (!srcDir && (from.trailingSlash || (to.trailingSlash && !(flags & RENAME_EXCHANGE)))) return -ENOTDIR;
  if (isMountpoint(src) || (dst && isMountpoint(dst)) || src === t.fs.root) return -EBUSY;
  // A directory cannot move below itself, nor can anything replace one of its ancestors.
  if (srcDir && to.dir.isBelow(src)) return -EINVAL;
  if (dst && dst.inode.isDirectory() && from.dir.isBelow(dst)) return (flags & RENAME_EXCHANGE) ? -EINVAL : -ENOTEMPTY;
  if (dst === src || (dst && dst.inode === src.inode)) return 0;
  if (dst && !(flags & RENAME_EXCHANGE)) {
    const dstDir = dst.inode.isDirectory();
    if (srcDir && !dstDir) return -ENOTDIR;
    if (!srcDir && dstDir) return -EISDIR;
  }
  return null;
}

export const namespaceSyscalls: SyscallDef[] = [
  { nr: SYS.SYS_mkdirat, args: "fso", fn: (_k: Kernel, t, a) => mkdirat(t, int32(a[0]), a[1], uint32(a[2])) },
  { nr: SYS.SYS_mknodat, args: "fsox", fn: (_k, t, a) => mknodat(t, int32(a[0]), a[1], uint32(a[2]), uint32(a[3])) },
  { nr: SYS.SYS_symlinkat, args: "sfs", fn: (_k, t, a) => symlinkat(t, a[0], int32(a[1]), a[2]) },
  { nr: SYS.SYS_linkat, args: "fsfsx", fn: (_k, t, a) => linkat(t, int32(a[0]), a[1], int32(a[2]), a[3], int32(a[4])) },
  { nr: SYS.SYS_unlinkat, args: "fsx", fn: (_k, t, a) => unlinkat(t, int32(a[0]), a[1], int32(a[2])) },
  { nr: SYS.SYS_renameat2, args: "fsfsx", fn: (_k, t, a) => renameat2(t, int32(a[0]), a[1], int32(a[2]), a[3], uint32(a[4])) },
];
