// The mounts the kernel makes at boot (DESIGN.md §6): the root overlay of the
// image and a tmpfs upper layer, then proc, sysfs, devtmpfs, devpts, and the
// tmpfs instances at /dev/shm, /tmp and /run. Mountpoints missing from the
// image are made in the upper layer. Host directories given with --bind are
// mounted last, so they cover whatever the image has there.
import { ENOENT, ENOTDIR } from "../kernel/errno.js";
import type { Dentry } from "./dentry.js";
import "./devpts/devpts-fs.js";
import { devtmpfs } from "./devtmpfs/devtmpfs.js";
import { createFilesystem, type FileSystem } from "./filesystem.js";
import type { HostFs } from "./host-fs.js";
import { HostDirFs } from "./hostdir/host-dir-fs.js";
import { MountTable, MS_NODEV, MS_NOEXEC, MS_NOSUID, MS_RDONLY, MS_RELATIME } from "./mount.js";
import { OverlayFs } from "./overlay/overlay-fs.js";
import { crossMounts, walk } from "./path-walk.js";
import { TmpfsFs } from "./tmpfs/tmpfs-fs.js";
import { allocAnonDev } from "./filesystem.js";
import { S_IFDIR } from "./types.js";

/** --bind HOST:GUEST[:ro] */
export interface BindSpec {
  host: string;
  guest: string;
  readOnly: boolean;
}

interface BootMount {
  path: string;
  type: string;
  flags: number;
  data: string;
  /** Made here rather than through the registry (there is one devtmpfs). */
  make?: () => FileSystem;
  /** Without the filesystem type, do not make the mountpoint either. */
  optional?: boolean;
}

const NOSUID_NODEV = MS_NOSUID | MS_NODEV | MS_RELATIME;

const BOOT_MOUNTS: BootMount[] = [
  { path: "/proc", type: "proc", flags: NOSUID_NODEV | MS_NOEXEC, data: "" },
  { path: "/sys", type: "sysfs", flags: NOSUID_NODEV | MS_NOEXEC, data: "" },
  { path: "/sys/fs/cgroup", type: "cgroup2", flags: NOSUID_NODEV | MS_NOEXEC, data: "", optional: true },
  { path: "/dev", type: "devtmpfs", flags: MS_NOSUID | MS_RELATIME, data: "mode=755", make: devtmpfs },
  { path: "/dev/pts", type: "devpts", flags: MS_NOSUID | MS_NOEXEC | MS_RELATIME, data: "gid=5,mode=620,ptmxmode=000" },
  { path: "/dev/shm", type: "tmpfs", flags: NOSUID_NODEV, data: "", make: () => new TmpfsFs({ mode: 0o1777 }) },
  { path: "/tmp", type: "tmpfs", flags: NOSUID_NODEV, data: "", make: () => new TmpfsFs({ mode: 0o1777 }) },
  { path: "/run", type: "tmpfs", flags: NOSUID_NODEV, data: "", make: () => new TmpfsFs({ mode: 0o755, pages: 32768 }) },
];

export interface Vfs {
  mounts: MountTable;
  root: Dentry;
}

export function bootVfs(host: HostFs, rootfs: string, binds: BindSpec[] = []): Vfs {
  const image = new HostDirFs(host, rootfs);
  const upper = new TmpfsFs({ mode: image.root.stat().mode & 0o7777 });
  const mounts = new MountTable({ fs: new OverlayFs(image.root, upper), flags: MS_RELATIME, source: "overlay" });
  const root = mounts.rootMount.root;
  for (const m of BOOT_MOUNTS) {
    const fs = m.make ? m.make() : createFilesystem(m.type, m.type, m.flags, m.data);
    if (typeof fs === "number" && m.optional) continue;
    const at = ensureDir(root, m.path);
    // A filesystem type nobody registered yet (procfs, sysfs, devpts) leaves an empty directory.
    if (typeof at === "number" || typeof fs === "number") continue;
    mounts.attach(at, { fs, flags: m.flags, source: m.type === "tmpfs" ? "tmpfs" : m.type === "devtmpfs" ? "udev" : m.type });
  }
  for (const b of binds) {
    const at = ensureDir(root, b.guest);
    if (typeof at === "number") throw new Error(`--bind: cannot make ${b.guest} a directory in the guest`);
    const fs = new HostDirFs(host, b.host, allocAnonDev(), !b.readOnly);
    mounts.attach(at, { fs, flags: b.readOnly ? MS_RDONLY : 0, source: b.host });
  }
  return { mounts, root };
}

/** Resolves `path` from the root, making missing directories (0755, root's) on the way. */
function ensureDir(root: Dentry, path: string): Dentry | number {
  let cur = root;
  for (const name of path.split("/").filter((c) => c.length > 0)) {
    let next = walk({ root, cwd: cur }, cur, name, { followFinal: true });
    if (next === -ENOENT) {
      const made = cur.inode.mkdir(name, S_IFDIR | 0o755, { uid: 0, gid: 0 });
      if (typeof made === "number") return made;
      next = crossMounts(cur.child(name, made));
    }
    if (typeof next === "number") return next;
    if (!next.inode.isDirectory()) return -ENOTDIR;
    cur = next;
  }
  return cur;
}
