// File types, modes and the attribute record every inode reports (the kernel's
// `struct kstat`), independent of how a syscall lays it out in guest memory.

export const S_IFMT = 0o170000;
export const S_IFSOCK = 0o140000;
export const S_IFLNK = 0o120000;
export const S_IFREG = 0o100000;
export const S_IFBLK = 0o060000;
export const S_IFDIR = 0o040000;
export const S_IFCHR = 0o020000;
export const S_IFIFO = 0o010000;

// d_type values of getdents64 (include/linux/fs_types.h: DT_x = S_IFx >> 12).
export const DT_UNKNOWN = 0;
export function dtypeOf(mode: number): number {
  return (mode & S_IFMT) >>> 12;
}

export interface Timestamp {
  sec: number;
  nsec: number;
}

export interface Stat {
  dev: number; // encoded like Linux's new_encode_dev (major << 8 | minor for small numbers)
  ino: number;
  mode: number;
  nlink: number;
  uid: number;
  gid: number;
  rdev: number;
  size: number;
  blksize: number;
  blocks: number; // 512-byte units
  atime: Timestamp;
  mtime: Timestamp;
  ctime: Timestamp;
}

export interface DirEntry {
  name: string;
  ino: number;
  type: number; // DT_*
}

/** Linux's new_encode_dev: the dev_t user space sees in st_dev/st_rdev. */
export function makeDev(major: number, minor: number): number {
  return (minor & 0xff) | ((major & 0xfff) << 8) | ((minor & ~0xff) << 12);
}
export function devMajor(dev: number): number {
  return (dev >>> 8) & 0xfff;
}
export function devMinor(dev: number): number {
  return (dev & 0xff) | ((dev >>> 12) & 0xfff00);
}
