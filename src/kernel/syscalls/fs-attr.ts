// Calls that change an inode's attributes (fs/open.c, fs/attr.c, fs/utimes.c):
// chmod, chown, utimensat, truncate/ftruncate and fallocate. Each checks the
// caller's right (owner or root), the mount (EROFS) and the file type.
import type { Dentry } from "../../fs/dentry.js";
import { notifyChange, notifyModify } from "../../fs/inotify/fsnotify.js";
import type { Inode, SetAttr } from "../../fs/inode.js";
import { chmodMode, chownDenied, MAY_WRITE, permission } from "../../fs/permission.js";
import { fsNow } from "../../fs/fs-clock.js";
import type { Timestamp } from "../../fs/types.js";
import {
  EBADF, EFAULT, EFBIG, EINVAL, EISDIR, ENODEV, EOPNOTSUPP, EPERM, EROFS, ESPIPE, EACCES,
} from "../errno.js";
import type { Kernel } from "../kernel.js";
import type { Task } from "../task.js";
import { truncateLimit } from "./file-size-limit.js";
import { readOnlyMount } from "./fs-common.js";
import * as SYS from "./numbers.js";
import { AT_EMPTY_PATH, AT_FDCWD, AT_SYMLINK_NOFOLLOW, lookupAt, readPath, resolveAt } from "./path-args.js";
import { int32, uint32, type SyscallDef } from "./syscall.js";

const UTIME_NOW = (1 << 30) - 1;
const UTIME_OMIT = (1 << 30) - 2;
const FALLOC_FL_KEEP_SIZE = 1;
const FALLOC_FL_PUNCH_HOLE = 2;
const MAX_FILE = 2 ** 53;

interface Target {
  inode: Inode;
  dentry: Dentry | null;
}

function target(t: Task, dirfd: number, pathAddr: number, flags: number): Target | number {
  const r = resolveAt(t, dirfd, pathAddr, flags);
  if (typeof r === "number") return r;
  if (r.file) return r.file.inode ? { inode: r.file.inode, dentry: r.file.dentry } : -EBADF;
  return { inode: r.dentry.inode, dentry: r.dentry };
}

function fileTarget(t: Task, fd: number): Target | number {
  const f = t.files.getIo(fd);
  if (!f) return -EBADF;
  return f.inode ? { inode: f.inode, dentry: f.dentry } : -EBADF;
}

function change(tg: Target, attr: SetAttr): number {
  if (tg.dentry && readOnlyMount(tg.dentry)) return -EROFS;
  const r = tg.inode.setattr(attr);
  if (r === 0) notifyChange(tg.dentry, tg.inode, attr);
  return r;
}

function chmod(t: Task, tg: Target | number, mode: number): number {
  if (typeof tg === "number") return tg;
  if (tg.inode.isSymlink()) return -EOPNOTSUPP;
  const m = chmodMode(tg.inode, mode & 0o7777, t.creds);
  if (m < 0) return m;
  return change(tg, { mode: m });
}

function chown(t: Task, tg: Target | number, uid: number, gid: number): number {
  if (typeof tg === "number") return tg;
  const u = uid === 0xffffffff ? undefined : uid;
  const g = gid === 0xffffffff ? undefined : gid;
  if (chownDenied(tg.inode, u, g, t.creds)) return -EPERM;
  const attr: SetAttr = { uid: u, gid: g };
  // Changing the owner of a non-directory clears setuid, and setgid when it means "set group on exec".
  const mode = tg.inode.mode;
  if (!tg.inode.isDirectory() && !tg.inode.isSymlink() && (u !== undefined || g !== undefined) && (mode & 0o6000)) {
    attr.mode = mode & 0o7777 & ~0o4000 & ~((mode & 0o010) ? 0o2000 : 0);
  }
  return change(tg, attr);
}

/** utimensat's times: null means "both now" (the permission rule is then weaker). */
function readTimes(t: Task, addr: number): [Timestamp | null, Timestamp | null] | "now" | number {
  if (addr === 0) return "now";
  const b = t.mm.read(addr, 32);
  if (typeof b === "number") return -EFAULT;
  const v = new DataView(b.buffer, b.byteOffset, 32);
  const out: (Timestamp | null)[] = [];
  let allNow = true;
  for (let i = 0; i < 2; i++) {
    const sec = Number(v.getBigInt64(i * 16, true));
    const nsec = Number(v.getBigInt64(i * 16 + 8, true));
    if (nsec === UTIME_OMIT) out.push(null);
    else if (nsec === UTIME_NOW) out.push(fsNow());
    else if (nsec < 0 || nsec > 999_999_999) return -EINVAL;
    else out.push({ sec, nsec });
    if (nsec !== UTIME_NOW) allNow = false;
  }
  return allNow ? "now" : [out[0], out[1]];
}

function utimensat(t: Task, dirfd: number, pathAddr: number, timesAddr: number, flags: number): number {
  if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) !== 0) return -EINVAL;
  const times = readTimes(t, timesAddr);
  if (typeof times === "number") return times;
  // A null path (the futimens form) names dirfd itself.
  const tg = pathAddr === 0 ? (dirfd === AT_FDCWD ? -EFAULT : fileTarget(t, dirfd)) : target(t, dirfd, pathAddr, flags);
  if (typeof tg === "number") return tg;
  if (Array.isArray(times) && times[0] === null && times[1] === null) return 0;
  const st = tg.inode.stat();
  const owner = t.creds.fsuid === 0 || t.creds.fsuid === st.uid;
  if (times === "now") {
    // Setting both to now needs only write permission.
    if (!owner && permission(tg.inode, MAY_WRITE, t.creds) < 0) return -EACCES;
    const now = fsNow();
    return change(tg, { atime: now, mtime: now });
  }
  if (!owner) return -EPERM;
  return change(tg, { atime: times[0] ?? undefined, mtime: times[1] ?? undefined });
}

function truncateInode(k: Kernel, t: Task, tg: Target, length: number): number {
  if (length < 0) return -EINVAL;
  if (length > MAX_FILE) return -EFBIG;
  if (tg.inode.isDirectory()) return -EISDIR;
  if (!tg.inode.isRegular()) return -EINVAL;
  const big = truncateLimit(k, t, tg.inode, length);
  if (big < 0) return big;
  const r = change(tg, { size: length });
  if (r === 0) tg.inode.mapped?.truncate(length);
  return r;
}

function truncate(k: Kernel, t: Task, pathAddr: number, length: number): number {
  const path = readPath(t, pathAddr);
  if (typeof path === "number") return path;
  const d = lookupAt(t, AT_FDCWD, path, true);
  if (typeof d === "number") return d;
  if (d.inode.isDirectory()) return -EISDIR;
  const denied = permission(d.inode, MAY_WRITE, t.creds);
  if (denied < 0) return denied;
  return truncateInode(k, t, { inode: d.inode, dentry: d }, length);
}

/** ftruncate: the descriptor must be open for writing on a regular file, else EINVAL (do_ftruncate). */
function ftruncate(k: Kernel, t: Task, fd: number, length: number): number {
  const f = t.files.getIo(fd);
  if (!f) return -EBADF;
  if (!f.inode || !f.writable || !f.inode.isRegular()) return -EINVAL;
  return truncateInode(k, t, { inode: f.inode, dentry: f.dentry }, length);
}

function fallocate(t: Task, fd: number, mode: number, offset: number, len: number): number {
  const f = t.files.getIo(fd);
  if (!f) return -EBADF;
  if (offset < 0 || len <= 0) return -EINVAL;
  const punch = mode === (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE);
  if ((mode & ~FALLOC_FL_KEEP_SIZE) !== 0 && !punch) return -EOPNOTSUPP;
  if (!f.writable) return -EBADF;
  const inode = f.inode;
  if (!inode) return -ESPIPE;
  if (inode.isDirectory()) return -EISDIR;
  if (!inode.isRegular()) return (inode.mode & 0o170000) === 0o010000 ? -ESPIPE : -ENODEV;
  if (offset + len > MAX_FILE) return -EFBIG;
  if (f.dentry && readOnlyMount(f.dentry)) return -EROFS;
  if (punch) return punchHole(inode, offset, len);
  const r = inode.allocate(offset, len, (mode & FALLOC_FL_KEEP_SIZE) !== 0);
  if (r === 0) notifyModify(f.dentry, inode);
  return r;
}

const PUNCH_CHUNK = 65536;

/** FALLOC_FL_PUNCH_HOLE: the range reads as zeros; the size stays (filesystems here keep no sparse map). */
function punchHole(inode: Inode, offset: number, len: number): number {
  const end = Math.min(offset + len, inode.stat().size);
  // Mapped pages keep their bytes outside the range: write them back, then reload the zeros.
  inode.mapped?.writeBackRange(offset, len);
  const zeros = new Uint8Array(Math.min(PUNCH_CHUNK, Math.max(0, end - offset)));
  for (let at = offset; at < end; at += zeros.length) {
    const r = inode.writeAt(at, zeros.subarray(0, Math.min(zeros.length, end - at)));
    if (r < 0) return r;
  }
  inode.mapped?.reload(offset, len);
  return 0;
}

export const attrSyscalls: SyscallDef[] = [
  { nr: SYS.SYS_fchmodat, args: "fso", fn: (_k: Kernel, t, a) => chmod(t, target(t, int32(a[0]), a[1], 0), uint32(a[2])) },
  {
    nr: SYS.SYS_fchmodat2, args: "fsox", fn: (_k, t, a) => {
      const flags = int32(a[3]);
      if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) !== 0) return -EINVAL;
      return chmod(t, target(t, int32(a[0]), a[1], flags), uint32(a[2]));
    },
  },
  { nr: SYS.SYS_fchmod, args: "do", fn: (_k, t, a) => chmod(t, fileTarget(t, int32(a[0])), uint32(a[1])) },
  {
    nr: SYS.SYS_fchownat, args: "fsddx", fn: (_k, t, a) => {
      const flags = int32(a[4]);
      if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) !== 0) return -EINVAL;
      return chown(t, target(t, int32(a[0]), a[1], flags), uint32(a[2]), uint32(a[3]));
    },
  },
  { nr: SYS.SYS_fchown, args: "ddd", fn: (_k, t, a) => chown(t, fileTarget(t, int32(a[0])), uint32(a[1]), uint32(a[2])) },
  { nr: SYS.SYS_utimensat, args: "fsxx", fn: (_k, t, a) => utimensat(t, int32(a[0]), a[1], a[2], int32(a[3])) },
  { nr: SYS.SYS_truncate, args: "sd", fn: (k, t, a) => truncate(k, t, a[0], a[1]) },
  { nr: SYS.SYS_ftruncate, args: "dd", fn: (k, t, a) => ftruncate(k, t, int32(a[0]), a[1]) },
  { nr: SYS.SYS_fallocate, args: "dddd", fn: (_k, t, a) => fallocate(t, int32(a[0]), int32(a[1]), a[2], a[3]) },
];
