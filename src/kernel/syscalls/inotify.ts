// inotify_init1, inotify_add_watch and inotify_rm_watch (fs/notify/inotify/
// inotify_user.c). riscv64 has no plain inotify_init: glibc calls
// inotify_init1(0). Events come from the VFS hooks in src/fs/inotify/.
import { InotifyFile } from "../../fs/anon/inotify-file.js";
import { ALL_INOTIFY_BITS, IN_DONT_FOLLOW, IN_MASK_ADD, IN_MASK_CREATE, IN_ONLYDIR } from "../../fs/inotify/inotify-mask.js";
import { O_CLOEXEC, O_NONBLOCK, O_RDONLY } from "../../fs/open-file.js";
import { MAY_READ, permission } from "../../fs/permission.js";
import { EBADF, EINVAL, ENOTDIR } from "../errno.js";
import { RLIMIT_NOFILE, rlimitNumber } from "../rlimits.js";
import type { Task } from "../task.js";
import * as SYS from "./numbers.js";
import { AT_FDCWD, lookupAt, readPath } from "./path-args.js";
import { int32, uint32, type SyscallDef } from "./syscall.js";

export const IN_CLOEXEC = O_CLOEXEC;
export const IN_NONBLOCK = O_NONBLOCK;

function inotifyInit1(t: Task, flags: number): number {
  if ((flags & ~(IN_CLOEXEC | IN_NONBLOCK)) !== 0) return -EINVAL;
  const file = new InotifyFile(O_RDONLY | (flags & O_NONBLOCK));
  return t.files.install(file, (flags & IN_CLOEXEC) !== 0, rlimitNumber(t.rlimits[RLIMIT_NOFILE].cur));
}

/** The inotify instance behind `fd`: EBADF for no file, EINVAL for another kind of file. */
function instance(t: Task, fd: number): InotifyFile | number {
  const f = t.files.get(fd);
  if (!f) return -EBADF;
  return f instanceof InotifyFile ? f : -EINVAL;
}

function addWatch(t: Task, fd: number, pathAddr: number, mask: number): number {
  if ((mask & IN_MASK_ADD) !== 0 && (mask & IN_MASK_CREATE) !== 0) return -EINVAL;
  if ((mask & ~ALL_INOTIFY_BITS) !== 0 || (mask & ALL_INOTIFY_BITS) === 0) return -EINVAL;
  const group = instance(t, fd);
  if (typeof group === "number") return group;
  const path = readPath(t, pathAddr);
  if (typeof path === "number") return path;
  const d = lookupAt(t, AT_FDCWD, path, (mask & IN_DONT_FOLLOW) === 0);
  if (typeof d === "number") return d;
  if ((mask & IN_ONLYDIR) !== 0 && !d.inode.isDirectory()) return -ENOTDIR;
  const denied = permission(d.inode, MAY_READ, t.creds);
  if (denied < 0) return denied;
  return group.watch(d.inode, mask);
}

function rmWatch(t: Task, fd: number, wd: number): number {
  const group = instance(t, fd);
  if (typeof group === "number") return group;
  return group.unwatch(wd);
}

export const inotifySyscalls: SyscallDef[] = [
  { nr: SYS.SYS_inotify_init1, args: "x", fn: (_k, t, a) => inotifyInit1(t, int32(a[0])) },
  { nr: SYS.SYS_inotify_add_watch, args: "dsx", fn: (_k, t, a) => addWatch(t, int32(a[0]), a[1], uint32(a[2])) },
  { nr: SYS.SYS_inotify_rm_watch, args: "dd", fn: (_k, t, a) => rmWatch(t, int32(a[0]), int32(a[1])) },
];
