// The terminal character devices, registered with the chrdev registry:
// /dev/tty (5:0, the caller's controlling terminal), /dev/console (5:1),
// ptmx (5:2, a new pty pair in a devpts instance) and the pty slaves
// (136:N, reached only through their devpts nodes).
import { registerCharDevice, registerCharMajor } from "../fs/devices/char-devices.js";
import type { Dentry } from "../fs/dentry.js";
import { DevptsFs, DevptsNode } from "../fs/devpts/devpts-fs.js";
import type { Inode } from "../fs/inode.js";
import type { OpenFile } from "../fs/open-file.js";
import { crossMounts } from "../fs/path-walk.js";
import { makeDev } from "../fs/types.js";
import { EIO, ENODEV, ENXIO } from "../kernel/errno.js";
import type { Kernel } from "../kernel/kernel.js";
import type { Task } from "../kernel/task.js";
import { openPtmx, openPtsSlave, PTS_MAJOR, type PtyMasterFile } from "./pty.js";
import { openTtyFile } from "./tty-file.js";
import { cttyOf } from "./tty.js";

export const TTYAUX_MAJOR = 5;

/** /dev/tty: the caller's controlling terminal, or ENXIO without one (tty_open_current_tty). */
export function openCurrentTty(task: Task, flags: number, node: Inode | null): OpenFile | number {
  const tty = cttyOf(task.group);
  if (!tty) return -ENXIO;
  return openTtyFile(task, tty, flags, { noctty: true, node, rdev: makeDev(TTYAUX_MAJOR, 0) });
}

/**
 * The devpts instance a ptmx opened at `d` belongs to (devpts_acquire): its
 * own for a devpts ptmx, else the devpts mounted at "pts" in the same
 * directory (/dev/ptmx → /dev/pts), else ENODEV.
 */
export function devptsFor(node: Inode, d: Dentry | null): DevptsFs | number {
  if (node instanceof DevptsNode) return node.fs;
  const dir = d?.parent;
  if (!dir) return -ENODEV;
  const pts = dir.inode.lookup("pts");
  if (typeof pts === "number") return pts;
  const at = crossMounts(dir.child("pts", pts));
  const m = at.mount;
  if (!m || m.root !== at || !(m.fs instanceof DevptsFs) || m.fsRootPath !== "/") return -ENODEV;
  return m.fs;
}

function openPtmxDevice(k: Kernel, task: Task, flags: number, node: Inode, d: Dentry | null): PtyMasterFile | number {
  const fs = devptsFor(node, d);
  return typeof fs === "number" ? fs : openPtmx(k, task, flags, fs);
}

/** Registers the terminal devices of kernel `k` (call once the console exists). */
export function registerTtyDevices(k: Kernel): void {
  registerCharDevice(TTYAUX_MAJOR, 0, (node, flags, task) => (task ? openCurrentTty(task, flags, node) : -ENXIO));
  registerCharDevice(TTYAUX_MAJOR, 1, (node, flags, task) => (task ? k.console.openConsole(k, task, flags, node) : -ENXIO));
  registerCharDevice(TTYAUX_MAJOR, 2, (node, flags, task, d) => (task ? openPtmxDevice(k, task, flags, node, d) : -ENXIO));
  // A slave is found through its devpts node; a copy made with mknod has no pty behind it (pts_unix98_lookup).
  registerCharMajor(PTS_MAJOR, (node, flags, task) => {
    if (!task) return -ENXIO;
    return node instanceof DevptsNode ? openPtsSlave(task, node, flags) : -EIO;
  });
}
