// The terminal character devices, registered with the chrdev registry:
// /dev/tty (5:0, the caller's controlling terminal), /dev/console (5:1),
// /dev/ptmx (5:2, a new pty pair) and /dev/pts/N (136:N). devpts is not a
// filesystem of its own yet: each new slave gets a node in devtmpfs's
// /dev/pts directory, removed when its master closes.
import { registerCharDevice } from "../fs/devices/char-devices.js";
import { devtmpfs } from "../fs/devtmpfs/devtmpfs.js";
import type { Inode } from "../fs/inode.js";
import type { OpenFile } from "../fs/open-file.js";
import { makeDev, S_IFCHR } from "../fs/types.js";
import { ENXIO } from "../kernel/errno.js";
import type { Kernel } from "../kernel/kernel.js";
import type { Task } from "../kernel/task.js";
import { openPtmx, openPtsSlave, PTS_MAJOR, type PtyMasterFile } from "./pty.js";
import { openTtyFile, TTY_GID } from "./tty-file.js";
import { cttyOf } from "./tty.js";

export const TTYAUX_MAJOR = 5;

/** /dev/tty: the caller's controlling terminal, or ENXIO without one (tty_open_current_tty). */
export function openCurrentTty(task: Task, flags: number, node: Inode | null): OpenFile | number {
  const tty = cttyOf(task.group);
  if (!tty) return -ENXIO;
  return openTtyFile(task, tty, flags, { noctty: true, node, rdev: makeDev(TTYAUX_MAJOR, 0) });
}

/** /dev/ptmx: a new pair, with /dev/pts/N made for its slave. */
function openPtmxDevice(k: Kernel, task: Task, flags: number): PtyMasterFile | number {
  const master = openPtmx(k, task, flags);
  if (typeof master === "number") return master;
  const n = master.pair.index;
  registerCharDevice(PTS_MAJOR, n, (node, f, t) => (t ? openPtsSlave(k, t, n, f, node) : -ENXIO));
  const pts = devtmpfs().root.lookup("pts");
  if (typeof pts !== "number") {
    pts.create(String(n), S_IFCHR | 0o620, makeDev(PTS_MAJOR, n), { uid: master.pair.uid, gid: TTY_GID });
    master.pair.onFree = () => pts.unlink(String(n));
  }
  return master;
}

/** Registers the terminal devices of kernel `k` (call once the console exists). */
export function registerTtyDevices(k: Kernel): void {
  registerCharDevice(TTYAUX_MAJOR, 0, (node, flags, task) => (task ? openCurrentTty(task, flags, node) : -ENXIO));
  registerCharDevice(TTYAUX_MAJOR, 1, (node, flags, task) => (task ? k.console.openConsole(k, task, flags, node) : -ENXIO));
  registerCharDevice(TTYAUX_MAJOR, 2, (_node, flags, task) => (task ? openPtmxDevice(k, task, flags) : -ENXIO));
}
