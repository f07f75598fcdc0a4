// devtmpfs (drivers/base/devtmpfs.c): a tmpfs the kernel fills with the
// device nodes it knows, plus the links and directories udev would add that
// programs count on (/dev/fd, /dev/std*, /dev/shm, /dev/pts).
import { registerFilesystem } from "../filesystem.js";
import { TmpfsFs } from "../tmpfs/tmpfs-fs.js";
import { makeDev, S_IFCHR } from "../types.js";

interface NodeSpec {
  name: string;
  major: number;
  minor: number;
  perm: number;
  gid?: number;
}

/** Group "tty" in Debian's /etc/group owns the terminals. */
const TTY_GID = 5;

export const DEV_NODES: NodeSpec[] = [
  { name: "null", major: 1, minor: 3, perm: 0o666 },
  { name: "zero", major: 1, minor: 5, perm: 0o666 },
  { name: "full", major: 1, minor: 7, perm: 0o666 },
  { name: "random", major: 1, minor: 8, perm: 0o666 },
  { name: "urandom", major: 1, minor: 9, perm: 0o666 },
  { name: "tty", major: 5, minor: 0, perm: 0o666, gid: TTY_GID },
  { name: "console", major: 5, minor: 1, perm: 0o600 },
  { name: "ptmx", major: 5, minor: 2, perm: 0o666, gid: TTY_GID },
];

const LINKS: [string, string][] = [
  ["fd", "/proc/self/fd"],
  ["stdin", "/proc/self/fd/0"],
  ["stdout", "/proc/self/fd/1"],
  ["stderr", "/proc/self/fd/2"],
  ["core", "/proc/kcore"],
];

export function makeDevtmpfs(): TmpfsFs {
  const fs = new TmpfsFs({ type: "devtmpfs", mode: 0o755, pages: 2048 });
  const root = { uid: 0, gid: 0 };
  for (const n of DEV_NODES) {
    fs.root.create(n.name, S_IFCHR | n.perm, makeDev(n.major, n.minor), { uid: 0, gid: n.gid ?? 0 });
  }
  for (const [name, target] of LINKS) fs.root.symlink(name, target, root);
  fs.root.mkdir("shm", 0o1777, root);
  fs.root.mkdir("pts", 0o755, root);
  fs.root.mkdir("mqueue", 0o1777, root);
  return fs;
}

// There is one devtmpfs: every mount of it shows the same nodes.
let instance: TmpfsFs | null = null;
export function devtmpfs(): TmpfsFs {
  instance ??= makeDevtmpfs();
  return instance;
}

registerFilesystem("devtmpfs", () => devtmpfs());
