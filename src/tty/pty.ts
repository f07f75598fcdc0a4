// Pseudo-terminals (drivers/tty/pty.c, Unix98 flavour). Opening a devpts
// instance's ptmx (or /dev/ptmx, which finds the instance mounted at "pts"
// beside it) creates a pair: the master is the file returned, the slave is a
// Tty reached as /dev/pts/N once unlocked (TIOCSPTLCK). What the master
// writes is the slave's keyboard input; what the slave writes (after its
// output processing) the master reads. Closing the master hangs the slave
// up and removes /dev/pts/N; closing every slave makes master reads fail
// with EIO once drained. The number is free again once both sides are gone.
import { CAP_SYS_ADMIN, capable } from "../kernel/capabilities.js";
import { EAGAIN, EBUSY, EFAULT, EINVAL, EIO, ENOTTY, EPERM } from "../kernel/errno.js";
import { RLIMIT_NOFILE, rlimitNumber } from "../kernel/rlimits.js";
import { SIGINT, SIGQUIT, SIGTSTP } from "../kernel/signal-numbers.js";
import type { Task } from "../kernel/task.js";
import { Blocked, WaitQueue } from "../kernel/wait.js";
import type { DevptsFs, DevptsNode } from "../fs/devpts/devpts-fs.js";
import { O_CLOEXEC, O_NONBLOCK, OpenFile, type IoResult } from "../fs/open-file.js";
import { POLLHUP, POLLIN, POLLOUT, POLLPRI, POLLRDNORM, POLLWRNORM, type PollState } from "../fs/poll-events.js";
import { type Stat } from "../fs/types.js";
import * as T from "./termios.js";
import { openTtyFile, type TtyFile } from "./tty-file.js";
import * as IO from "./tty-ioctls.js";
import { putU32, setLdisc, Tty, type TtyDriver, type TtyKernel } from "./tty.js";

export { PTS_MAJOR, PTMX_RDEV } from "../fs/devpts/devpts-fs.js";

/** How much slave output waits for the master to read it before the slave's writers sleep. */
const MASTER_QUEUE_LIMIT = 65536;

/** One master/slave pair. */
export class PtyPair implements TtyDriver {
  readonly slave: Tty;
  /** /dev/pts/N in its devpts instance (its priv is this pair until the master closes). */
  readonly node: DevptsNode;
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
  /** TIOCPKT on the master, and the status bytes (TIOCPKT_*) it has not read yet. */
  packet = false;
  pktStatus = 0;
  /** The master's own tty flags: TIOCEXCL, and output stopped by TCXONC. */
  masterExclusive = false;
  masterStopped = false;
  private freed = false;

  constructor(
    readonly index: number,
    k: TtyKernel,
    readonly devpts: DevptsFs,
    /** Who opened ptmx: the slave node's owner unless the mount options name one. */
    opener: { uid: number; gid: number },
  ) {
    this.node = devpts.newSlave(index, opener, this);
    this.slave = new Tty(`pts/${index}`, this.node.rdev, k, this);
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
    this.maybeFree();
  }

  /** A status byte for a packet-mode master (pty_stop, pty_start, the flushes). */
  private status(set: number, clear = 0): void {
    if (!this.packet) return;
    this.pktStatus = (this.pktStatus & ~clear) | set;
    this.masterReaders.notifyAll();
  }

  flowChanged(stopped: boolean): void {
    if (stopped) this.status(IO.TIOCPKT_STOP, IO.TIOCPKT_START);
    else this.status(IO.TIOCPKT_START, IO.TIOCPKT_STOP);
  }

  inputFlushed(): void {
    this.status(IO.TIOCPKT_FLUSHREAD);
  }

  outputFlushed(): void {
    this.status(IO.TIOCPKT_FLUSHWRITE);
  }

  /**
   * pty_set_termios: a packet-mode master learns whether ^S/^Q flow control
   * is on (DOSTOP/NOSTOP) and of EXTPROC changes; a pty has no parity or
   * character size of its own.
   */
  termiosChanged(old: T.Termios, next: T.Termios): void {
    const flow = (t: T.Termios): boolean => (t.iflag & T.IXON) !== 0 && t.cc[T.VSTOP] === 0x13 && t.cc[T.VSTART] === 0x11;
    const extproc = ((old.lflag | next.lflag) & T.EXTPROC) !== 0;
    if (flow(old) !== flow(next)) {
      this.status(flow(next) ? IO.TIOCPKT_DOSTOP : IO.TIOCPKT_NOSTOP, IO.TIOCPKT_DOSTOP | IO.TIOCPKT_NOSTOP);
    }
    if (extproc) this.status(IO.TIOCPKT_IOCTL);
    next.cflag = (next.cflag & ~(T.CSIZE | T.PARENB)) | T.CS8 | T.CREAD;
  }

  // ---- the master side ----

  masterRead(dest: Uint8Array, nonblock: boolean): IoResult {
    if (dest.length === 0) return 0;
    if (this.packet && this.pktStatus !== 0) {
      // A status byte is a read of its own (n_tty_read).
      dest[0] = this.pktStatus;
      this.pktStatus = 0;
      return 1;
    }
    if (this.queued === 0) {
      if (this.slaveClosed) return -EIO;
      if (nonblock) return -EAGAIN;
      return new Blocked([this.masterReaders]);
    }
    let n = 0;
    if (this.packet) dest[n++] = IO.TIOCPKT_DATA;
    n += this.take(dest.subarray(n));
    this.writeQueue.notifyAll();
    return n;
  }

  private take(dest: Uint8Array): number {
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
    return n;
  }

  masterWrite(src: Uint8Array, nonblock: boolean): IoResult {
    if (this.slave.hungUp) return -EIO;
    if (this.masterStopped || !this.slave.inputRoom) {
      return nonblock ? -EAGAIN : new Blocked([this.slave.inputSpace, this.masterReaders]);
    }
    return this.slave.input(src);
  }

  masterPoll(): number {
    let ev = 0;
    if (this.queued > 0 || this.slaveClosed) ev |= POLLIN | POLLRDNORM;
    if (this.packet && this.pktStatus !== 0) ev |= POLLPRI | POLLIN | POLLRDNORM;
    if (this.slaveClosed) ev |= POLLHUP;
    if (this.slave.inputRoom && !this.masterStopped) ev |= POLLOUT | POLLWRNORM;
    return ev;
  }

  get masterQueued(): number {
    return this.queued;
  }

  /** TIOCSTI on the master: the byte is for the master's own reader. */
  pushToMaster(b: number): void {
    this.queue.push(Uint8Array.of(b));
    this.queued++;
    this.masterReaders.notifyAll();
  }

  /** The master's last close (pty_close): the slave hangs up and /dev/pts/N goes. */
  masterClosed(): void {
    this.masterOpen = false;
    this.packet = false;
    this.queue = [];
    this.queued = 0;
    this.devpts.killSlave(this.node);
    this.slave.hangup();
    this.writeQueue.notifyAll();
    this.maybeFree();
  }

  /** Both sides released (pty_unix98_remove): the number may be reused. */
  private maybeFree(): void {
    if (this.freed || this.masterOpen || this.slave.opens > 0) return;
    this.freed = true;
    this.devpts.killIndex(this.index);
  }

  flushMaster(): void {
    this.queue = [];
    this.queued = 0;
    this.writeQueue.notifyAll();
  }
}

/** The file ptmx opens: the master of a new pair. */
export class PtyMasterFile extends OpenFile {
  constructor(
    readonly pair: PtyPair,
    flags: number,
    private readonly k: TtyKernel,
  ) {
    super(pair.devpts.ptmx, flags);
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

  override stat(): Stat | number {
    // The node it was opened through (/dev/ptmx or a devpts ptmx) is set as the dentry by the VFS.
    return this.dentry ? this.dentry.inode.stat() : this.pair.devpts.ptmx.stat();
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
      case IO.TIOCPKT: {
        const v = task.mm.readU32(arg);
        if (v < 0) return -EFAULT;
        if (v !== 0 && !p.packet) p.pktStatus = 0;
        p.packet = v !== 0;
        return 0;
      }
      case IO.TIOCGPKT:
        return putU32(task, arg, p.packet ? 1 : 0);
      case IO.TIOCGPTPEER:
        return this.openPeer(task, arg | 0);
      case IO.TIOCSIG:
        // pty_signal: only the keyboard signals, to the slave's foreground group.
        if (arg !== SIGINT && arg !== SIGQUIT && arg !== SIGTSTP) return -EINVAL;
        p.slave.signalForeground(arg);
        return 0;
      default:
        return this.masterTtyIoctl(task, cmd, arg);
    }
  }

  /** TIOCGPTPEER: opens the slave through its devpts node, as a new descriptor. */
  private openPeer(task: Task, flags: number): number {
    const f = openPtsSlave(task, this.pair.node, flags);
    if (typeof f === "number") return f;
    const fd = task.files.install(f, (flags & O_CLOEXEC) !== 0, rlimitNumber(task.rlimits[RLIMIT_NOFILE].cur));
    if (fd < 0) f.release();
    return fd;
  }

  /**
   * The tty ioctls a master answers (tty_ioctl on the master tty): termios
   * and window size act on the slave (tty_pair_get_tty), the rest on the
   * master itself.
   */
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
      case IO.TIOCGLCKTRMIOS:
      case IO.TIOCSLCKTRMIOS:
      case IO.TIOCGWINSZ:
      case IO.TIOCSWINSZ:
        return s.hungUp ? -EIO : s.ioctl(task, cmd, arg, true);
      case IO.TIOCGPGRP:
        return putU32(task, arg, s.pgrp ?? 0);
      case IO.TIOCGSID:
        return s.session === null ? -ENOTTY : putU32(task, arg, s.session);
      case IO.FIONREAD:
        return putU32(task, arg, p.masterQueued);
      case IO.TIOCOUTQ:
        // A pty has no chars_in_buffer: nothing is ever counted as queued for output.
        return putU32(task, arg, 0);
      case IO.TCFLSH:
        // TCOFLUSH would drop what the slave has not taken in yet: it takes input at once.
        if (arg === IO.TCIFLUSH || arg === IO.TCIOFLUSH) p.flushMaster();
        return arg >= 0 && arg <= 2 ? 0 : -EINVAL;
      case IO.TCXONC:
        return this.masterFlow(arg);
      case IO.TIOCSTI:
        if (!capable(task, CAP_SYS_ADMIN)) return -EPERM;
        return this.sti(task, arg);
      case IO.TIOCEXCL:
      case IO.TIOCNXCL:
        p.masterExclusive = cmd === IO.TIOCEXCL;
        return 0;
      case IO.TIOCGEXCL:
        return putU32(task, arg, p.masterExclusive ? 1 : 0);
      case IO.TIOCGETD:
        return putU32(task, arg, 0);
      case IO.TIOCSETD:
        return setLdisc(task, arg);
      default:
        return -ENOTTY;
    }
  }

  private sti(task: Task, arg: number): number {
    const b = task.mm.read(arg, 1);
    if (typeof b === "number") return -EFAULT;
    this.pair.pushToMaster(b[0]);
    return 0;
  }

  /** TCXONC on the master: its own output (to the slave) stops and starts; TCIOFF/TCION send ^S/^Q. */
  private masterFlow(arg: number): number {
    const p = this.pair;
    switch (arg) {
      case IO.TCOOFF:
      case IO.TCOON:
        p.masterStopped = arg === IO.TCOOFF;
        p.slave.inputSpace.notifyAll();
        return 0;
      case IO.TCIOFF:
      case IO.TCION:
        // The master's termios keeps tty_std_termios' ^S and ^Q.
        p.slave.input(Uint8Array.of(arg === IO.TCIOFF ? 0x13 : 0x11));
        return 0;
      default:
        return -EINVAL;
    }
  }

  override release(): void {
    this.pair.masterClosed();
  }
}

/** Opens a devpts instance's ptmx (ptmx_open): a new pair, its slave locked, /dev/pts/N made. */
export function openPtmx(k: TtyKernel, task: Task, flags: number, devpts: DevptsFs): PtyMasterFile | number {
  const index = devpts.newIndex();
  if (index < 0) return index;
  const pair = new PtyPair(index, k, devpts, { uid: task.creds.fsuid, gid: task.creds.fsgid });
  return new PtyMasterFile(pair, flags, k);
}

/** Opens /dev/pts/N through its node (pty_open): EIO for a node without a live master, or while locked. */
export function openPtsSlave(task: Task, node: DevptsNode, flags: number): TtyFile | number {
  const pair = node.priv;
  if (!(pair instanceof PtyPair) || !pair.masterOpen) return -EIO;
  // tty_reopen refuses an exclusive tty before pty_open looks at the lock.
  if (pair.slave.exclusive && !capable(task, CAP_SYS_ADMIN)) return -EBUSY;
  if (pair.locked) {
    // pty_open's failure leaves TTY_IO_ERROR set: the slave's open files fail too until an open succeeds.
    pair.slave.ioError = true;
    return -EIO;
  }
  const f = openTtyFile(task, pair.slave, flags, { node });
  if (typeof f === "number") return f;
  pair.slave.ioError = false;
  pair.slaveClosed = false;
  return f;
}
