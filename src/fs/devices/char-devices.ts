// Character devices by major:minor (Linux's chrdev registry, fs/char_dev.c).
// Opening a device node on any filesystem looks its rdev up here, so the TTY
// and pty code can install /dev/tty, /dev/console and /dev/ptmx by number.
import { ENXIO } from "../../kernel/errno.js";
import type { Task } from "../../kernel/task.js";
import type { Inode } from "../inode.js";
import type { OpenFile } from "../open-file.js";

/** Opens the device: `node` is the device inode (for fstat), `flags` the open(2) flags. */
export type CharDeviceOpen = (node: Inode, flags: number, task: Task | null) => OpenFile | number;

const devices = new Map<string, CharDeviceOpen>();

function key(major: number, minor: number): string {
  return `${major}:${minor}`;
}

/** Registers (or replaces) the driver for one device number. */
export function registerCharDevice(major: number, minor: number, open: CharDeviceOpen): void {
  devices.set(key(major, minor), open);
}

export function openCharDevice(major: number, minor: number, node: Inode, flags: number, task: Task | null): OpenFile | number {
  const open = devices.get(key(major, minor));
  return open ? open(node, flags, task) : -ENXIO;
}
