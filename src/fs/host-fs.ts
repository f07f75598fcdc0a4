// What the kernel needs from the host to serve a directory of the host as a
// guest filesystem. The Node implementation is src/host/node-host-fs.ts; a
// browser would provide another. Every call returns -errno instead of throwing.
import type { Timestamp } from "./types.js";

export interface HostStat {
  dev: number;
  ino: number;
  mode: number; // type and permission bits, as Linux encodes them
  nlink: number;
  uid: number;
  gid: number;
  rdev: number;
  size: number;
  blocks: number;
  atime: Timestamp;
  mtime: Timestamp;
  ctime: Timestamp;
}

export interface HostFs {
  lstat(path: string): HostStat | number;
  readdir(path: string): string[] | number;
  readlink(path: string): string | number;
  /** Opens for reading; returns a handle (≥ 0) or -errno. */
  open(path: string): number;
  read(handle: number, dest: Uint8Array, position: number): number;
  close(handle: number): void;
}

/**
 * Writes to a host directory, for --bind mounts without :ro. Paths are host
 * paths the kernel built below a bind's root; symlinks are never followed in
 * the last component (the guest's path walk resolved everything before it).
 */
export interface WritableHostFs extends HostFs {
  /** Opens an existing regular file for writing (O_WRONLY|O_NOFOLLOW); a handle or -errno. */
  openWrite(path: string): number;
  write(handle: number, src: Uint8Array, position: number): number;
  /** Creates a regular file that must not exist yet (O_CREAT|O_EXCL). */
  createFile(path: string, mode: number): number;
  mkdir(path: string, mode: number): number;
  symlink(target: string, path: string): number;
  link(existing: string, path: string): number;
  unlink(path: string): number;
  rmdir(path: string): number;
  rename(from: string, to: string): number;
  truncate(path: string, size: number): number;
  chmod(path: string, mode: number): number;
  utimes(path: string, atime: Timestamp, mtime: Timestamp): number;
}

export function isWritableHostFs(h: HostFs): h is WritableHostFs {
  return "createFile" in h && "unlink" in h;
}
