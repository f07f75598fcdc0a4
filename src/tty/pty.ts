// Pseudo-terminals (drivers/tty/pty.c, Unix98 flavour). Opening /dev/ptmx
// creates a pair: the master is the file returned, the slave is a Tty
// reached as /dev/pts/N once unlocked (TIOCSPTLCK). What the master writes
// is the slave's keyboard input; what the slave writes (after its output
// processing) the master reads. Closing the master hangs the slave up;
// closing every slave makes master reads fail with EIO once drained.
import { CAP_SYS_ADMIN, capable } from "../kernel/capabilities.js";
import { EAGAIN, EFAULT, EINVAL, EIO, ENOSPC, ENOTTY, ENXIO } from "../kernel/errno.js";
import { RLIMIT_NOFILE, rlimitNumber } from "../kernel/rlimits.js";
import type { Task } from "../kernel/task.js";
import { Blocked, WaitQueue } from "../kernel/wait.js";
import { O_ACCMODE, O_CLOEXEC, O_NOCTTY, O_NONBLOCK, OpenFile, type IoResult } from "../fs/open-file.js";
import { POLLHUP, POLLIN, POLLOUT, POLLRDNORM, POLLWRNORM, type PollState } from "../fs/poll-events.js";
import type { Inode } from "../fs/inode.js";
import { makeDev, S_IFCHR, type Stat } from "../fs/types.js";
import * as T from "./termios.js";
import { openTtyFile, TTY_GID, type TtyFile } from "./tty-file.js";
import * as IO from "./tty-ioctls.js";
import { putBytes, putU32, Tty, type TtyDriver, type TtyKernel } from "./tty.js";

/** Unix98 pty slaves: major 136 (UNIX98_PTY_SLAVE_MAJOR). /dev/ptmx is 5:2. */
export const PTS_MAJOR = 136;
export const PTMX_RDEV = makeDev(5, 2);
/** /proc/sys/kernel/pty/max. */
export const PTY_MAX = 4096;
/** How much slave output waits for the master to read it before the slave's writers sleep. */
const MASTER_QUEUE_LIMIT = 65536;

/** One master/slave pair. */
export class PtyPair implements TtyDriver {
  readonly slave: Tty;
  /** Slave output not yet read by the master. */
  private queue: Uint8Array[] = [];
  private queued = 0;
  /** Master readers; slave writers wait on writeQueue for the master to drain. */
  readonly masterReaders = new WaitQueue();
  readonly writeQueue = new WaitQueue();
  /** TIOCSPTLCK: a new slave cannot be opened until the master unlocks it. */
  locked = true;
  masterOpen = true;
  /** Every slave file has been closed since one was opened (TTY_OTHER_CLOSED on the master). */
  slaveClosed = false;
  /** Called once the pair is gone (the master's last close): devpts forgets /dev/pts/N. */
  onFree: (() => void) | null = null;

  constructor(
    readonly index: number,
    k: TtyKernel,
    /** The devpts owner of the slave: who opened /dev/ptmx. */
    readonly uid: number,
    private readonly table: Map<number, PtyPair>,
  ) {
    this.slave = new Tty(`pts/${index}`, makeDev(PTS_MAJOR, index), k, this);
    // pty.c: a slave starts with tty_std_termios less HUPCL.
    this.slave.termios.cflag = T.B38400 | T.CS8 | T.CREAD;
  }

  // ---- the slave's driver ----

  write(bytes: Uint8Array): void {
    if (bytes.length === 0 || !this.masterOpen) return;
    this.queue.push(bytes.slice());
    this.queued += bytes.length;
    this.masterReaders.notifyAll();
  }

  writeRoom(): boolean {
    return this.queued < MASTER_QUEUE_LIMIT || !this.masterOpen;
  }

  lastClose(): void {
    this.slaveClosed = true;
    this.masterReaders.notifyAll();
    this.writeQueue.notifyAll();
  }

  // ---- the master side ----

  masterRead(dest: Uint8Array, nonblock: boolean): IoResult {
    if (this.queued === 0) {
      if (this.slaveClosed) return -EIO;
      if (nonblock) return -EAGAIN;
      return new Blocked([this.masterReaders]);
    }
    let n = 0;
    while (n < dest.length && this.queue.length > 0) {
      const c = this.queue[0];
      const take = Math.min(c.length, dest.length - n);
      dest.set(c.subarray(0, take), n);
      n += take;
      if (take === c.length) this.queue.shift();
      else this.queue[0] = c.subarray(take);
    }
    this.queued -= n;
    this.writeQueue.notifyAll();
    return n;
  }

  masterWrite(src: Uint8Array, nonblock: boolean): IoResult {
    if (this.slave.hungUp) return -EIO;
    if (!this.slave.inputRoom) return nonblock ? -EAGAIN : new Blocked([this.slave.inputSpace, this.masterReaders]);
    return this.slave.input(src);
  }

  masterPoll(): number {
    let ev = 0;
    if (this.queued > 0 || this.slaveClosed) ev |= POLLIN | POLLRDNORM;
    if (this.slaveClosed) ev |= POLLHUP;
    if (this.slave.inputRoom) ev |= POLLOUT | POLLWRNORM;
    return ev;
  }

  get masterQueued(): number {
    return this.queued;
  }

  /** The master's last close: the slave hangs up and the index is free again. */
  masterClosed(): void {
    this.masterOpen = false;
    this.queue = [];
    this.queued = 0;
    this.slave.hangup();
    this.table.delete(this.index);
    this.writeQueue.notifyAll();
    this.onFree?.();
  }

  flushMaster(): void {
    this.queue = [];
    this.queued = 0;
    this.writeQueue.notifyAll();
  }
}


/** The pty pairs of one kernel, by index (devpts's ida). */
const tables = new WeakMap<TtyKernel, Map<number, PtyPair>>();

function tableOf(k: TtyKernel): Map<number, PtyPair> {
  let m = tables.get(k);
  if (!m) {
    m = new Map();
    tables.set(k, m);
  }
  return m;
}

/** Live pty indices, for listing /dev/pts. */
export function ptyIndices(k: TtyKernel): number[] {
  return [...tableOf(k).keys()].sort((a, b) => a - b);
}

/** The pair with this index, for /dev/pts/N's owner and mode. */
export function ptyPair(k: TtyKernel, n: number): PtyPair | undefined {
  return tableOf(k).get(n);
}

/** The file /dev/ptmx opens: the master of a new pair. */
export class PtyMasterFile extends OpenFile {
  constructor(
    readonly pair: PtyPair,
    flags: number,
    private readonly k: TtyKernel,
  ) {
    super(null, flags);
  }

  override get seekable(): boolean {
    return false;
  }
  private get nonblock(): boolean {
    return (this.flags & O_NONBLOCK) !== 0;
  }

  override read(dest: Uint8Array): IoResult {
    return this.pair.masterRead(dest, this.nonblock);
  }

  override write(src: Uint8Array): IoResult {
    return this.pair.masterWrite(src, this.nonblock);
  }

  override poll(): PollState {
    const s = this.pair.slave;
    return { events: this.pair.masterPoll(), queues: [this.pair.masterReaders, s.inputSpace] };
  }

  override stat(): Stat {
    const zero = { sec: 0, nsec: 0 };
    return {
      dev: makeDev(0, 6), ino: 0x3000 + this.pair.index, mode: S_IFCHR | 0o666, nlink: 1, uid: 0, gid: TTY_GID,
      rdev: PTMX_RDEV, size: 0, blksize: 1024, blocks: 0, atime: zero, mtime: zero, ctime: zero,
    };
  }

  override ioctl(task: Task, cmd: number, arg: number): number {
    const p = this.pair;
    switch (cmd) {
      case IO.TIOCGPTN:
        return putU32(task, arg, p.index);
      case IO.TIOCSPTLCK: {
        const v = task.mm.readU32(arg);
        if (v < 0) return -EFAULT;
        p.locked = v !== 0;
        return 0;
      }
      case IO.TIOCGPTLCK:
        return putU32(task, arg, p.locked ? 1 : 0);
      case IO.TIOCGPTPEER:
        return this.openPeer(task, arg);
      default:
        return this.masterTtyIoctl(task, cmd, arg);
    }
  }

  /** TIOCGPTPEER: opens the slave without a path lookup, as a new descriptor. */
  private openPeer(task: Task, flags: number): number {
    if ((flags & ~(O_ACCMODE | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)) !== 0) return -EINVAL;
    const f = openPtsSlave(this.k, task, this.pair.index, flags);
    if (typeof f === "number") return f;
    const fd = task.files.install(f, (flags & O_CLOEXEC) !== 0, rlimitNumber(task.rlimits[RLIMIT_NOFILE].cur));
    if (fd < 0) f.release();
    return fd;
  }

  /** The tty ioctls a master answers: its own termios, and the slave's size, group and session. */
  private masterTtyIoctl(task: Task, cmd: number, arg: number): number {
    const p = this.pair;
    const s = p.slave;
    switch (cmd) {
      case IO.TCGETS:
      case IO.TCGETS2:
      case IO.TCSETS:
      case IO.TCSETSW:
      case IO.TCSETSF:
      case IO.TCSETS2:
      case IO.TCSETSW2:
      case IO.TCSETSF2:
        // tty_mode_ioctl: termios requests on a master act on its slave.
        return s.ioctl(task, cmd, arg, true);
      case IO.TIOCGWINSZ:
        return putBytes(task, arg, T.encodeWinSize(s.winsize));
      case IO.TIOCSWINSZ: {
        const b = task.mm.read(arg, 8);
        if (typeof b === "number") return -EFAULT;
        s.resize(T.decodeWinSize(b));
        return 0;
      }
      case IO.TIOCGPGRP:
        return putU32(task, arg, s.pgrp ?? 0);
      case IO.TIOCGSID:
        return s.session === null ? -ENOTTY : putU32(task, arg, s.session);
      case IO.FIONREAD:
        return putU32(task, arg, p.masterQueued);
      case IO.TIOCSIG:
        if (arg <= 0 || arg > 64) return -EINVAL;
        s.signalForeground(arg);
        return 0;
      case IO.TCFLSH:
        if (arg === IO.TCIFLUSH || arg === IO.TCIOFLUSH) p.flushMaster();
        if (arg === IO.TCOFLUSH || arg === IO.TCIOFLUSH) s.ldisc.flushInput();
        return arg >= 0 && arg <= 2 ? 0 : -EINVAL;
      case IO.TIOCGETD:
        return putU32(task, arg, 0);
      default:
        return -ENOTTY;
    }
  }

  override release(): void {
    this.pair.masterClosed();
  }
}

/** Opens /dev/ptmx: a new pair, its slave locked (ptmx_open). */
export function openPtmx(k: TtyKernel, task: Task, flags: number): PtyMasterFile | number {
  const table = tableOf(k);
  let index = 0;
  while (table.has(index)) index++;
  if (index >= PTY_MAX) return -ENOSPC;
  const pair = new PtyPair(index, k, task.creds.euid, table);
  table.set(index, pair);
  return new PtyMasterFile(pair, flags, k);
}

/** Opens /dev/pts/N (pty_open): ENXIO without a live master, EIO while locked. */
export function openPtsSlave(k: TtyKernel, task: Task, n: number, flags: number, node: Inode | null = null): TtyFile | number {
  const pair = tableOf(k).get(n);
  if (!pair || !pair.masterOpen) return -ENXIO;
  if (pair.locked) return -EIO;
  if (pair.slave.exclusive && !capable(task, CAP_SYS_ADMIN)) return -EIO;
  const f = openTtyFile(task, pair.slave, flags, { uid: pair.uid, node });
  if (typeof f === "number") return f;
  pair.slaveClosed = false;
  return f;
}
