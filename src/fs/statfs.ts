// What statfs(2) reports about a filesystem (struct kstatfs), and the magic
// numbers of include/uapi/linux/magic.h for the filesystems Aramid has.
export const TMPFS_MAGIC = 0x01021994;
export const OVERLAYFS_SUPER_MAGIC = 0x794c7630;
export const PROC_SUPER_MAGIC = 0x9fa0;
export const SYSFS_MAGIC = 0x62656572;
export const DEVPTS_SUPER_MAGIC = 0x1cd1;
export const EXT4_SUPER_MAGIC = 0xef53;
export const PIPEFS_MAGIC = 0x50495045;
export const SOCKFS_MAGIC = 0x534f434b;
export const ANON_INODE_FS_MAGIC = 0x09041934;

// f_flags bits (ST_*), mirroring the mount flags.
export const ST_RDONLY = 0x1;
export const ST_NOSUID = 0x2;
export const ST_NODEV = 0x4;
export const ST_NOEXEC = 0x8;
export const ST_NOATIME = 0x400;
export const ST_RELATIME = 0x1000;
/** Linux sets ST_VALID so callers know f_flags is meaningful. */
export const ST_VALID = 0x20;

export interface StatFs {
  type: number;
  bsize: number;
  blocks: number;
  bfree: number;
  bavail: number;
  files: number;
  ffree: number;
  fsid: [number, number];
  namelen: number;
  frsize: number;
  /** Filled from the mount by the VFS; a filesystem reports 0. */
  flags: number;
}

/** A statfs record for a memory filesystem of `blocks` pages with `used` in use. */
export function memoryStatFs(type: number, blocks: number, used: number, files: number, inodesUsed: number, dev: number): StatFs {
  return {
    type, bsize: 4096, blocks, bfree: Math.max(0, blocks - used), bavail: Math.max(0, blocks - used),
    files, ffree: Math.max(0, files - inodesUsed), fsid: [dev, 0], namelen: 255, frsize: 4096, flags: 0,
  };
}
