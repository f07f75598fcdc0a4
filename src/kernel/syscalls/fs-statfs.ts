// statfs/fstatfs (struct statfs of asm-generic, 120 bytes on 64-bit) and the
// sync family. Every filesystem lives in memory or on the host, whose data
// the host kernel already owns, so syncing is only argument checking.
import type { Dentry } from "../../fs/dentry.js";
import type { OpenFile } from "../../fs/open-file.js";
import { ANON_INODE_FS_MAGIC, PIPEFS_MAGIC, SOCKFS_MAGIC, ST_VALID } from "../../fs/statfs.js";
import { S_IFBLK, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFREG, S_IFSOCK } from "../../fs/types.js";
import { EBADF, EFAULT, EINVAL, ENOSYS, ESPIPE } from "../errno.js";
import type { Kernel } from "../kernel.js";
import type { Task } from "../task.js";
import * as SYS from "./numbers.js";
import { AT_FDCWD, lookupAt, readPath } from "./path-args.js";
import { int32, uint32, type SyscallDef } from "./syscall.js";

const STATFS_SIZE = 120;

function encodeStatfs(d: Dentry): Uint8Array | number {
  const m = d.mount;
  if (!m) return -ENOSYS;
  const s = m.fs.statfs();
  const b = new Uint8Array(STATFS_SIZE);
  const v = new DataView(b.buffer);
  const put = (off: number, n: number): void => v.setBigInt64(off, BigInt(n), true);
  put(0, s.type);
  put(8, s.bsize);
  put(16, s.blocks);
  put(24, s.bfree);
  put(32, s.bavail);
  put(40, s.files);
  put(48, s.ffree);
  v.setInt32(56, s.fsid[0], true);
  v.setInt32(60, s.fsid[1], true);
  put(64, s.namelen);
  put(72, s.frsize);
  put(80, ST_VALID | m.statfsFlags());
  return b;
}

function statfs(t: Task, pathAddr: number, buf: number): number {
  const path = readPath(t, pathAddr);
  if (typeof path === "number") return path;
  const d = lookupAt(t, AT_FDCWD, path, true);
  if (typeof d === "number") return d;
  const b = encodeStatfs(d);
  if (typeof b === "number") return b;
  return t.mm.write(buf, b) < 0 ? -EFAULT : 0;
}

function fstatfs(t: Task, fd: number, buf: number): number {
  const f = t.files.get(fd);
  if (!f) return -EBADF;
  // Pipes, sockets and anonymous-inode files have no mount: their internal filesystems report their own magic.
  if (!f.dentry) return anonStatfs(t, buf, internalMagic(f));
  const b = encodeStatfs(f.dentry);
  if (typeof b === "number") return b;
  return t.mm.write(buf, b) < 0 ? -EFAULT : 0;
}

/** pipefs for pipes, sockfs for sockets, anon_inodefs for eventfd, epoll, timerfd, signalfd... */
function internalMagic(f: OpenFile): number {
  const st = f.stat();
  const type = typeof st === "number" ? 0 : st.mode & S_IFMT;
  return type === S_IFIFO ? PIPEFS_MAGIC : type === S_IFSOCK ? SOCKFS_MAGIC : ANON_INODE_FS_MAGIC;
}

function anonStatfs(t: Task, buf: number, magic: number): number {
  const b = new Uint8Array(STATFS_SIZE);
  const v = new DataView(b.buffer);
  v.setBigInt64(0, BigInt(magic), true);
  v.setBigInt64(8, 4096n, true);
  v.setBigInt64(64, 255n, true);
  v.setBigInt64(72, 4096n, true);
  v.setBigInt64(80, BigInt(ST_VALID), true);
  return t.mm.write(buf, b) < 0 ? -EFAULT : 0;
}

/**
 * fsync/fdatasync: EINVAL on objects without an fsync operation (pipes,
 * sockets, character devices such as ttys and /dev/null); only files,
 * directories and block devices have one.
 */
function fsync(t: Task, fd: number): number {
  const f = t.files.getIo(fd);
  if (!f) return -EBADF;
  const inode = f.inode;
  if (!inode) return -EINVAL;
  const type = inode.mode & S_IFMT;
  return type === S_IFREG || type === S_IFDIR || type === S_IFBLK ? 0 : -EINVAL;
}

const SYNC_FILE_RANGE_ALL = 7; // WAIT_BEFORE | WRITE | WAIT_AFTER
const OFFSET_MAX = 2 ** 63;

/**
 * sync_file_range: nothing is cached for a later write-back, so only the
 * checks remain, in Linux's order: EBADF, EINVAL (flags, negative or
 * overflowing range), ESPIPE for what is not a file, directory, block device
 * or symlink.
 */
function syncFileRange(t: Task, fd: number, offset: number, nbytes: number, flags: number): number {
  const f = t.files.getIo(fd);
  if (!f) return -EBADF;
  if ((flags & ~SYNC_FILE_RANGE_ALL) !== 0) return -EINVAL;
  if (offset < 0 || nbytes < 0 || offset + nbytes >= OFFSET_MAX) return -EINVAL;
  const type = f.inode ? f.inode.mode & S_IFMT : 0;
  return type === S_IFREG || type === S_IFDIR || type === S_IFBLK || type === S_IFLNK ? 0 : -ESPIPE;
}

function syncfs(t: Task, fd: number): number {
  return t.files.get(fd) ? 0 : -EBADF;
}

export const statfsSyscalls: SyscallDef[] = [
  { nr: SYS.SYS_statfs, args: "sx", fn: (_k: Kernel, t, a) => statfs(t, a[0], a[1]) },
  { nr: SYS.SYS_fstatfs, args: "dx", fn: (_k, t, a) => fstatfs(t, int32(a[0]), a[1]) },
  { nr: SYS.SYS_sync, args: "", fn: () => 0 },
  { nr: SYS.SYS_syncfs, args: "d", fn: (_k, t, a) => syncfs(t, int32(a[0])) },
  { nr: SYS.SYS_fsync, args: "d", fn: (_k, t, a) => fsync(t, int32(a[0])) },
  { nr: SYS.SYS_fdatasync, args: "d", fn: (_k, t, a) => fsync(t, int32(a[0])) },
  { nr: SYS.SYS_sync_file_range, args: "dddx", fn: (_k, t, a) => syncFileRange(t, int32(a[0]), a[1], a[2], uint32(a[3])) },
];
