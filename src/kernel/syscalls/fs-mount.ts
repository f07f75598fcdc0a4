// mount(2), umount2(2) and chroot(2) (fs/namespace.c, fs/open.c): new
// filesystems by type name through the registry, bind mounts (recursive with
// MS_REC), remounts that change per-mount flags, and unmounting with EBUSY
// while a mount is in use or lazily with MNT_DETACH.
import type { Dentry } from "../../fs/dentry.js";
import { createFilesystem } from "../../fs/filesystem.js";
import {
  MS_BIND, MS_MOVE, MS_PER_MOUNT, MS_PROPAGATION, MS_REC, MS_REMOUNT, type Mount, type MountTable,
} from "../../fs/mount.js";
import { crossMounts, walk } from "../../fs/path-walk.js";
import { MAY_EXEC, permission } from "../../fs/permission.js";
import { CAP_SYS_ADMIN, capable } from "../capabilities.js";
import { EFAULT, EINVAL, ENOTDIR, EPERM } from "../errno.js";
import type { Kernel } from "../kernel.js";
import type { Task } from "../task.js";
import * as SYS from "./numbers.js";
import { AT_FDCWD, lookupAt, readPath } from "./path-args.js";
import { int32, type SyscallDef } from "./syscall.js";

const CAP_SYS_CHROOT = 18;
const MNT_FORCE = 1;
const MNT_DETACH = 2;
const MNT_EXPIRE = 4;
const UMOUNT_NOFOLLOW = 8;
/** Old mount(2) callers put this magic in the top 16 bits of flags; Linux strips it. */
const MS_MGC_MSK = 0xffff0000;
const MS_MGC_VAL = 0xc0ed0000;

function readOptionalString(t: Task, addr: number, max: number): string | number {
  if (addr === 0) return "";
  const s = t.mm.readCString(addr, max);
  return typeof s === "number" ? -EFAULT : s;
}

function mount(k: Kernel, t: Task, sourceAddr: number, targetAddr: number, typeAddr: number, rawFlags: number, dataAddr: number): number {
  if (!capable(t, CAP_SYS_ADMIN)) return -EPERM;
  let flags = rawFlags;
  if ((flags & MS_MGC_MSK) >>> 0 === MS_MGC_VAL) flags &= ~MS_MGC_MSK;
  const targetPath = readPath(t, targetAddr);
  if (typeof targetPath === "number") return targetPath;
  const target = lookupAt(t, AT_FDCWD, targetPath, true);
  if (typeof target === "number") return target;
  const source = readOptionalString(t, sourceAddr, 4096);
  if (typeof source === "number") return source;
  const data = readOptionalString(t, dataAddr, 4096);
  if (typeof data === "number") return data;
  const table = k.mounts;
  if (flags & MS_REMOUNT) return remount(table, target, flags, data);
  if (flags & MS_BIND) return bind(t, table, source, target, flags);
  if (flags & MS_PROPAGATION) return 0; // one namespace, nothing to propagate to
  if (flags & MS_MOVE) return -EINVAL;
  const type = readOptionalString(t, typeAddr, 256);
  if (typeof type === "number") return type;
  if (!target.inode.isDirectory()) return -ENOTDIR;
  const fs = createFilesystem(type, source, flags, data);
  if (typeof fs === "number") return fs;
  table.attach(target, { fs, flags: flags & MS_PER_MOUNT, source: source || "none" });
  return 0;
}

/** MS_REMOUNT (with MS_BIND: only the per-mount flags) on the mount whose root `target` is. */
function remount(table: MountTable, target: Dentry, flags: number, data: string): number {
  const m = target.mount;
  if (!m || !table.isMountRoot(target)) return -EINVAL;
  if (!(flags & MS_BIND) && data && m.fs.remount) {
    const r = m.fs.remount(data);
    if (r < 0) return r;
  }
  m.flags = flags & MS_PER_MOUNT;
  return 0;
}

function bind(t: Task, table: MountTable, sourcePath: string, target: Dentry, flags: number): number {
  const src = lookupAt(t, AT_FDCWD, sourcePath, true);
  if (typeof src === "number") return src;
  if (src.inode.isDirectory() !== target.inode.isDirectory()) return -ENOTDIR;
  const from = src.mount;
  if (!from) return -EINVAL;
  const m = attachCopy(table, from, src, target, flags & MS_PER_MOUNT & ~1);
  if (flags & MS_REC) copySubmounts(table, from, src, m);
  return 0;
}

/** A new mount of `src`'s directory (in mount `from`) on `at`. */
function attachCopy(table: MountTable, from: Mount, src: Dentry, at: Dentry, flags: number): Mount {
  const rel = src.pathFrom(from.root);
  const fsRootPath = from.fsRootPath === "/" ? rel : rel === "/" ? from.fsRootPath : from.fsRootPath + rel;
  return table.attach(at, { fs: from.fs, flags, source: from.source, rootInode: src.inode, fsRootPath });
}

/** MS_REC: the mounts below the bound directory appear at the same places in the copy. */
function copySubmounts(table: MountTable, from: Mount, src: Dentry, copy: Mount): void {
  for (const child of [...from.children]) {
    const mp = child.mountpoint;
    if (!mp || !mp.isBelow(src)) continue;
    const rel = mp.pathFrom(src).slice(1);
    const at = rel === "" ? copy.root : walk({ root: copy.root, cwd: copy.root }, copy.root, rel, { followFinal: false });
    if (typeof at === "number") continue;
    const sub = attachCopy(table, child, child.root, crossMounts(at), child.flags);
    copySubmounts(table, child, child.root, sub);
  }
}

/** Whether a task works inside `m` (its cwd or root) or holds a file open there. */
function mountBusy(k: Kernel, m: Mount): boolean {
  for (const task of k.liveTasks()) {
    if (task.fs.cwd.mount === m || task.fs.root.mount === m) return true;
    for (const fd of task.files.openFds()) {
      if (task.files.get(fd)?.dentry?.mount === m) return true;
    }
  }
  return false;
}

function umount2(k: Kernel, t: Task, targetAddr: number, flags: number): number {
  if ((flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW)) !== 0) return -EINVAL;
  if ((flags & MNT_EXPIRE) && (flags & (MNT_FORCE | MNT_DETACH))) return -EINVAL;
  if (!capable(t, CAP_SYS_ADMIN)) return -EPERM;
  const path = readPath(t, targetAddr);
  if (typeof path === "number") return path;
  const target = lookupAt(t, AT_FDCWD, path, (flags & UMOUNT_NOFOLLOW) === 0);
  if (typeof target === "number") return target;
  if (!k.mounts.isMountRoot(target)) return -EINVAL;
  const m = target.mount as Mount;
  // The caller's own cwd inside the mount counts as busy too, as in Linux.
  return k.mounts.detach(m, (flags & MNT_DETACH) !== 0, (x) => mountBusy(k, x));
}

function chroot(t: Task, pathAddr: number): number {
  const path = readPath(t, pathAddr);
  if (typeof path === "number") return path;
  const d = lookupAt(t, AT_FDCWD, path, true);
  if (typeof d === "number") return d;
  if (!d.inode.isDirectory()) return -ENOTDIR;
  const denied = permission(d.inode, MAY_EXEC, t.creds);
  if (denied < 0) return denied;
  if (!capable(t, CAP_SYS_CHROOT)) return -EPERM;
  t.fs.root = d;
  return 0;
}

export const mountSyscalls: SyscallDef[] = [
  {
    nr: SYS.SYS_mount, args: "ssxxx",
    fn: (k, t, a) => mount(k, t, a[0], a[1], a[2], int32(a[3]), a[4]),
  },
  { nr: SYS.SYS_umount2, args: "sx", fn: (k, t, a) => umount2(k, t, a[0], int32(a[1])) },
  { nr: SYS.SYS_chroot, args: "s", fn: (_k, t, a) => chroot(t, a[0]) },
];
