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
