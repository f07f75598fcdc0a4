// A mounted filesystem instance (Linux's super_block) and the registry of
// filesystem types mount(2) can create (register_filesystem). procfs, sysfs
// and devpts register themselves here; mount(2) finds them by name.
import { ENODEV } from "../kernel/errno.js";
import type { Inode } from "./inode.js";
import type { StatFs } from "./statfs.js";
import { makeDev } from "./types.js";

export interface FileSystem {
  /** The type name mountinfo and /proc/filesystems show ("tmpfs", "overlay", ...). */
  readonly type: string;
  /** st_dev of every inode (mountinfo's major:minor). */
  readonly dev: number;
  readonly root: Inode;
  statfs(): StatFs;
  /** mountinfo's super options, e.g. "rw,size=65536k,mode=755". */
  superOptions(): string;
  /** mount -o remount: new options for the filesystem itself; 0 or -errno. */
  remount?(data: string): number;
}

/** Creates a filesystem for mount(2): source and data are mount's strings, flags its MS_* bits. */
export type FilesystemFactory = (source: string, flags: number, data: string) => FileSystem | number;

interface FilesystemType {
  factory: FilesystemFactory;
  /** Shown as "nodev" in /proc/filesystems: needs no block device. */
  nodev: boolean;
}

const registry = new Map<string, FilesystemType>();

export function registerFilesystem(name: string, factory: FilesystemFactory, nodev = true): void {
  registry.set(name, { factory, nodev });
}

export function createFilesystem(name: string, source: string, flags: number, data: string): FileSystem | number {
  const t = registry.get(name);
  return t ? t.factory(source, flags, data) : -ENODEV;
}

/** The registered types in registration order, for /proc/filesystems. */
export function filesystemTypes(): { name: string; nodev: boolean }[] {
  return [...registry].map(([name, t]) => ({ name, nodev: t.nodev }));
}

/** Anonymous device numbers (major 0) for filesystems without a block device (get_anon_bdev). */
let nextAnonMinor = 0x30;
export function allocAnonDev(): number {
  return makeDev(0, nextAnonMinor++);
}

/** "key=value,flag" mount data as a map (flags map to ""). */
export function parseMountData(data: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of data.split(",")) {
    if (part.length === 0) continue;
    const eq = part.indexOf("=");
    if (eq < 0) out.set(part, "");
    else out.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return out;
}
