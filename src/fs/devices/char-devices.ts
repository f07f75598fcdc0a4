// Character devices by major:minor (Linux's chrdev registry, fs/char_dev.c).
// Opening a device node on any filesystem looks its rdev up here, so the TTY
// and pty code can install /dev/tty, /dev/console and /dev/ptmx by number.
import { ENXIO } from "../../kernel/errno.js";
import type { Task } from "../../kernel/task.js";
import type { Dentry } from "../dentry.js";
import type { Inode } from "../inode.js";
import type { OpenFile } from "../open-file.js";

/**
 * Opens the device: `node` is the device inode (for fstat), `flags` the
 * open(2) flags, `dentry` where it was found (ptmx looks for devpts beside it).
 */
export type CharDeviceOpen = (node: Inode, flags: number, task: Task | null, dentry: Dentry | null) => OpenFile | number;

const devices = new Map<string, CharDeviceOpen>();
/** Drivers that own every minor of a major (the pty slaves). */
const majors = new Map<number, CharDeviceOpen>();

function key(major: number, minor: number): string {
  return `${major}:${minor}`;
}

/** Registers (or replaces) the driver for one device number. */
export function registerCharDevice(major: number, minor: number, open: CharDeviceOpen): void {
  devices.set(key(major, minor), open);
}

/** Registers the driver for every minor of `major` that has no driver of its own. */
export function registerCharMajor(major: number, open: CharDeviceOpen): void {
  majors.set(major, open);
}

export function openCharDevice(
  major: number, minor: number, node: Inode, flags: number, task: Task | null, dentry: Dentry | null = null,
): OpenFile | number {
  const open = devices.get(key(major, minor)) ?? majors.get(major);
  return open ? open(node, flags, task, dentry) : -ENXIO;
}
