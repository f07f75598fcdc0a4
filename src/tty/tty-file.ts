// An open terminal (a file whose f_op is tty_fops): reads and writes go
// through the tty's line discipline with the caller's job-control checks,
// ioctls through tty_ioctl.
import { EBUSY } from "../kernel/errno.js";
import { CAP_SYS_ADMIN, capable } from "../kernel/capabilities.js";
import type { Task } from "../kernel/task.js";
import { O_NOCTTY, O_NONBLOCK, OpenFile, type IoResult } from "../fs/open-file.js";
import { POLLERR, POLLHUP, POLLIN, POLLOUT, POLLRDNORM, POLLWRNORM, type PollState } from "../fs/poll-events.js";
import { makeDev, S_IFCHR, type Stat } from "../fs/types.js";
import type { Inode } from "../fs/inode.js";
import type { Tty } from "./tty.js";

/** st_dev of devtmpfs, where tty nodes live (until the device registry gives the real one). */
const DEVTMPFS_DEV = makeDev(0, 6);
/** The tty group (Debian's gid 5), owner group of terminals. */
export const TTY_GID = 5;

let nextIno = 0x2000;

export class TtyFile extends OpenFile {
  private readonly ino = nextIno++;

  constructor(
    readonly tty: Tty,
    flags: number,
    /** st_rdev as this file presents it (/dev/tty and /dev/console name their tty differently). */
    private readonly rdev = tty.rdev,
    private readonly mode = 0o620,
    private readonly uid = 0,
    /** The device node it was opened through: fstat reports the node, as in Linux. */
    node: Inode | null = null,
  ) {
    super(node, flags);
    tty.opens++;
  }

  override get seekable(): boolean {
    return false;
  }

  private get nonblock(): boolean {
    return (this.flags & O_NONBLOCK) !== 0;
  }

  override read(dest: Uint8Array, _pos: number | null, task?: Task): IoResult {
    return this.tty.read(task ?? null, dest, this.nonblock);
  }

  override write(src: Uint8Array): IoResult {
    return this.tty.write(null, [src], this.nonblock);
  }

  override writeRequest(task: Task, bufs: Uint8Array[]): IoResult {
    return this.tty.write(task, bufs, this.nonblock);
  }

  override ioctl(task: Task, cmd: number, arg: number): number {
    return this.tty.ioctl(task, cmd, arg, this.readable);
  }

  override poll(): PollState {
    const queues = [this.tty.readers, this.tty.writers];
    if (this.tty.driver.writeQueue) queues.push(this.tty.driver.writeQueue);
    if (this.tty.hungUp) return { events: POLLIN | POLLOUT | POLLERR | POLLHUP | POLLRDNORM | POLLWRNORM, queues };
    const { readable, writable } = this.tty.pollEvents();
    const events = (readable ? POLLIN | POLLRDNORM : 0) | (writable ? POLLOUT | POLLWRNORM : 0);
    return { events, queues };
  }

  override stat(): Stat | number {
    if (this.inode) return this.inode.stat();
    const zero = { sec: 0, nsec: 0 };
    return {
      dev: DEVTMPFS_DEV, ino: this.ino, mode: S_IFCHR | this.mode, nlink: 1, uid: this.uid, gid: TTY_GID,
      rdev: this.rdev, size: 0, blksize: 1024, blocks: 0, atime: zero, mtime: zero, ctime: zero,
    };
  }

  override release(): void {
    this.tty.opens--;
    if (this.tty.opens === 0) this.tty.driver.lastClose?.();
  }
}

export interface TtyOpenOptions {
  /** Never becomes the controlling terminal by this open (/dev/console, /dev/tty). */
  noctty?: boolean;
  /** st_rdev, st_mode permission bits and st_uid the file reports (its device node's). */
  rdev?: number;
  mode?: number;
  uid?: number;
  /** The device node opened, whose inode fstat reports. */
  node?: Inode | null;
}

/**
 * Opens `tty` for `task` (tty_open): TIOCEXCL refuses other openers, and a
 * session leader without a terminal acquires this one unless O_NOCTTY (or
 * `noctty`: /dev/console and pty masters never become one by opening).
 */
export function openTtyFile(task: Task, tty: Tty, flags: number, opts: TtyOpenOptions = {}): TtyFile | number {
  if (tty.exclusive && !capable(task, CAP_SYS_ADMIN)) return -EBUSY;
  const f = new TtyFile(tty, flags, opts.rdev ?? tty.rdev, opts.mode ?? 0o620, opts.uid ?? 0, opts.node ?? null);
  const noctty = opts.noctty ?? false;
  tty.attachOnOpen(task.group, noctty || (flags & O_NOCTTY) !== 0);
  return f;
}
