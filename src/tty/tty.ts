// A terminal (Linux's tty_struct): termios, window size, the N_TTY line
// discipline, and the job-control state — the session it controls and its
// foreground process group (drivers/tty/tty_io.c, tty_jobctrl.c,
// tty_ioctl.c). What sits below it (the host terminal for the console, the
// master side for a pty) is a TtyDriver. TtyFile is the open file.
import { CAP_SYS_ADMIN, capable } from "../kernel/capabilities.js";
import { EAGAIN, EFAULT, EINVAL, EIO, ENOTTY, EPERM, ERESTARTSYS, ESRCH } from "../kernel/errno.js";
import { SIG_IGN } from "../kernel/signal-action.js";
import { SIGCONT, SIGHUP, SIGTTIN, SIGTTOU, SIGWINCH } from "../kernel/signal-numbers.js";
import { sigBit } from "../kernel/sigqueue.js";
import type { Task } from "../kernel/task.js";
import type { ControllingTty, ThreadGroup } from "../kernel/thread-group.js";
import { Blocked, WaitQueue } from "../kernel/wait.js";
import { NTty } from "./n-tty.js";
import * as T from "./termios.js";
import * as IO from "./tty-ioctls.js";

/** What a tty needs of the kernel (Kernel provides it; unit tests fake it). */
export interface TtyKernel {
  processGroup(pgid: number): ThreadGroup[];
  signalProcessGroup(pgid: number, sig: number): number;
  /** Every task (to drop a terminal from a whole session). */
  allTasks?(): Iterable<Task>;
  /** A signal from the kernel to one process (a hangup's SIGHUP to the session leader). */
  sendSignal?(t: Task, sig: number): void;
  readonly clock: { monotonicNs(): number };
}

/** The device below a tty: where processed output goes. */
export interface TtyDriver {
  /** Output bytes, after OPOST processing. */
  write(bytes: Uint8Array): void;
  /** Whether output may be written now (a pty whose master is not reading fills up). */
  writeRoom(): boolean;
  /** Queues writers sleep on until writeRoom() may have changed. */
  readonly writeQueue: WaitQueue | null;
  /** The window size changed (a pty master's TIOCGWINSZ sees the slave's). */
  resized?(): void;
  /** The last open file of the tty was closed. */
  lastClose?(): void;
  /** Output was stopped or restarted (pty_stop/pty_start tell a packet-mode master). */
  flowChanged?(stopped: boolean): void;
  /** Pending input was discarded (TCIFLUSH, ISIG, TCSETSF), or output (TCOFLUSH, ISIG). */
  inputFlushed?(): void;
  outputFlushed?(): void;
  /** New termios were set (the driver's set_termios; it may adjust `next`). */
  termiosChanged?(old: T.Termios, next: T.Termios): void;
}

/** Bytes waiting for room in a full raw input buffer, at most (a pty master's writer waits beyond). */
const MAX_PENDING_INPUT = 65536;

export class Tty implements ControllingTty {
  termios: T.Termios = T.defaultTermios();
  /** TIOCSLCKTRMIOS: set bits (and non-zero c_cc entries) that TCSETS cannot change. */
  lockedTermios: T.Termios = T.zeroTermios();
  winsize: T.WinSize = { rows: 0, cols: 0, xpixel: 0, ypixel: 0 };
  readonly ldisc: NTty;
  /** The session this is the controlling terminal of (its sid), and its foreground group. */
  session: number | null = null;
  pgrp: number | null = null;
  /** Readers, pollers and writers of this tty sleep here. */
  readonly readers = new WaitQueue();
  readonly writers = new WaitQueue();
  /** Writers of input (a pty master) waiting for a reader to make room. */
  readonly inputSpace = new WaitQueue();
  hungUp = false;
  /** TTY_IO_ERROR: reads and writes fail with EIO (a pty slave after a refused open). */
  ioError = false;
  /** TIOCEXCL: further opens fail with EBUSY (except by CAP_SYS_ADMIN). */
  exclusive = false;
  /** Open files on this tty. */
  opens = 0;
  /** Input that arrived while a raw input buffer was full. */
  private pendingInput: Uint8Array[] = [];
  private pendingBytes = 0;

  constructor(
    readonly name: string,
    readonly rdev: number,
    public kernel: TtyKernel | null,
    readonly driver: TtyDriver,
  ) {
    this.ldisc = new NTty(() => this.termios, {
      echo: (b) => this.driver.write(b),
      signal: (sig) => this.signalForeground(sig),
      inputChanged: () => this.readers.notifyAll(),
      flowChanged: () => {
        this.writers.notifyAll();
        this.driver.flowChanged?.(this.ldisc.stopped);
      },
      inputFlushed: () => this.driver.inputFlushed?.(),
      outputFlushed: () => this.driver.outputFlushed?.(),
    });
  }

  /** /proc/PID/stat tpgid. */
  foregroundPgid(): number {
    return this.pgrp ?? -1;
  }

  private now(): number {
    return this.kernel?.clock.monotonicNs() ?? 0;
  }

  // ---- input from the device ----

  /** Bytes typed at the terminal (or written to a pty master). Returns how many were taken. */
  input(bytes: Uint8Array): number {
    if (this.hungUp) return bytes.length;
    if (this.pendingBytes >= MAX_PENDING_INPUT) return 0;
    this.pendingInput.push(bytes.slice());
    this.pendingBytes += bytes.length;
    this.drainInput();
    return bytes.length;
  }

  /** Whether input() takes more now (a pty master writer waits otherwise). */
  get inputRoom(): boolean {
    return this.pendingBytes < MAX_PENDING_INPUT;
  }

  private drainInput(): void {
    while (this.pendingInput.length > 0 && !this.ldisc.full) {
      const chunk = this.pendingInput[0];
      const n = this.ldisc.receive(chunk, this.now());
      this.pendingBytes -= n;
      if (n === chunk.length) this.pendingInput.shift();
      else this.pendingInput[0] = chunk.subarray(n);
    }
  }

  // ---- job control (tty_jobctrl.c) ----

  /** The caller's process group may use this tty, or it gets sig (tty_check_change). 0, -EIO or -ERESTARTSYS. */
  checkChange(task: Task, sig: number): number {
    const g = task.group;
    if (cttyOf(g) !== this || this.pgrp === null || g.pgid === this.pgrp) return 0;
    const ignoredOrBlocked = (task.sigMask & sigBit(sig)) !== 0n || task.sigActions[sig].handler === SIG_IGN;
    if (ignoredOrBlocked) return sig === SIGTTIN ? -EIO : 0;
    if (this.orphaned(g.pgid)) return -EIO;
    this.kernel?.signalProcessGroup(g.pgid, sig);
    return -ERESTARTSYS;
  }

  /**
   * A process group is orphaned when no member has a parent in another
   * group of the same session (kernel/exit.c will_become_orphaned_pgrp;
   * pid 1 does not count as such a parent).
   */
  private orphaned(pgid: number): boolean {
    for (const g of this.kernel?.processGroup(pgid) ?? []) {
      const p = g.parent;
      if (p && p.tgid !== 1 && p.pgid !== pgid && p.sid === g.sid) return false;
    }
    return true;
  }

  signalForeground(sig: number): void {
    if (this.pgrp !== null) this.kernel?.signalProcessGroup(this.pgrp, sig);
  }

  /** Makes this the controlling terminal of g's session (__proc_set_tty). */
  attach(g: ThreadGroup): void {
    this.session = g.sid;
    this.pgrp = g.pgid;
    g.ctty = this;
  }

  /** Opening a tty makes it the controlling terminal of a session leader that has none (tty_open). */
  attachOnOpen(g: ThreadGroup, noctty: boolean): void {
    if (noctty || g.sid !== g.tgid || cttyOf(g) !== null || this.session !== null || this.hungUp) return;
    this.attach(g);
  }

  /** The session gives the tty up: its processes lose it (session_clear_tty). */
  detachSession(): void {
    // cttyOf() already ignores a terminal whose session moved on; clearing keeps /proc's tty_nr right.
    for (const t of this.kernel?.allTasks?.() ?? []) if (t.group.ctty === this) t.group.ctty = null;
    this.session = null;
    this.pgrp = null;
  }

  /**
   * Hangup (__tty_hangup): the session leader gets SIGHUP and SIGCONT, the
   * session loses its terminal, reads see end of file and writes EIO.
   */
  hangup(): void {
    if (this.hungUp) return;
    this.hungUp = true;
    const sid = this.session;
    const leader = sid === null ? undefined : this.kernel?.processGroup(sid).find((g) => g.tgid === sid);
    if (leader) {
      // tty_signal_session_leader: the leader alone, not its group; its exit
      // later hangs up the group that was in the foreground.
      const t = [...leader.threads].find((x) => x.alive);
      if (t) {
        this.kernel?.sendSignal?.(t, SIGHUP);
        this.kernel?.sendSignal?.(t, SIGCONT);
      }
      if (this.pgrp !== null && this.kernel) oldForeground.set(leader, { kernel: this.kernel, pgrp: this.pgrp });
    }
    this.detachSession();
    this.ldisc.flushInput();
    this.readers.notifyAll();
    this.writers.notifyAll();
  }

  /**
   * The session leader exited (disassociate_ctty on exit): the foreground
   * group gets SIGHUP and the session's processes lose the terminal.
   */
  sessionLeaderExited(): void {
    if (this.pgrp !== null) this.kernel?.signalProcessGroup(this.pgrp, SIGHUP);
    this.detachSession();
  }

  // ---- reading ----

  read(task: Task | null, dest: Uint8Array, nonblock: boolean): number | Blocked {
    if (task) {
      const r = this.checkChange(task, SIGTTIN);
      if (r < 0) return r;
    }
    if (this.hungUp) return 0;
    if (this.ioError) return -EIO;
    const r = this.ldisc.canonical ? this.readCanon(dest, nonblock) : this.readRaw(task, dest, nonblock);
    if (typeof r === "number" && r > 0) {
      this.drainInput();
      this.inputSpace.notifyAll();
    }
    return r;
  }

  private readCanon(dest: Uint8Array, nonblock: boolean): number | Blocked {
    if (this.ldisc.readable()) return this.ldisc.readLine(dest);
    if (nonblock) return -EAGAIN;
    return new Blocked([this.readers]);
  }

  /** Non-canonical reads: the four cases of VMIN and VTIME (termios(3); n_tty.c n_tty_read). */
  private readRaw(task: Task | null, dest: Uint8Array, nonblock: boolean): number | Blocked {
    const min = this.termios.cc[T.VMIN];
    const timeNs = this.termios.cc[T.VTIME] * 100_000_000;
    const avail = this.ldisc.available();
    const take = (): number => this.ldisc.readRaw(dest);
    if (min === 0 && timeNs === 0) return take();
    if (min === 0) {
      if (avail > 0) return take();
      if (nonblock) return -EAGAIN;
      // A read timer: it starts when the read does, and survives re-runs in syscallState.
      const deadline = readDeadline(task, this.now() + timeNs);
      if (this.now() >= deadline) return 0;
      return new Blocked([this.readers], deadline);
    }
    if (avail >= Math.min(min, dest.length)) return take();
    if (avail > 0 && nonblock) return take();
    if (avail === 0) return nonblock ? -EAGAIN : new Blocked([this.readers]);
    if (timeNs === 0) return new Blocked([this.readers]);
    // An inter-byte timer: it restarts with every byte that arrives.
    const deadline = this.ldisc.lastInputNs + timeNs;
    if (this.now() >= deadline) return take();
    return new Blocked([this.readers], deadline);
  }

  // ---- writing ----

  write(task: Task | null, bufs: readonly Uint8Array[], nonblock: boolean): number | Blocked {
    if (task && (this.termios.lflag & T.TOSTOP) !== 0) {
      const r = this.checkChange(task, SIGTTOU);
      if (r < 0) return r;
    }
    if (this.hungUp || this.ioError) return -EIO;
    if (this.ldisc.stopped || !this.driver.writeRoom()) {
      if (nonblock) return -EAGAIN;
      const queues = [this.writers];
      if (this.driver.writeQueue) queues.push(this.driver.writeQueue);
      return new Blocked(queues);
    }
    let n = 0;
    for (const b of bufs) {
      this.driver.write(this.ldisc.processOutput(b));
      n += b.length;
    }
    return n;
  }

  // ---- termios and window size ----

  setTermios(next: T.Termios): void {
    const old = this.termios;
    T.keepLocked(next, old, this.lockedTermios);
    this.driver.termiosChanged?.(old, next);
    this.termios = next;
    if (((old.lflag ^ next.lflag) & (T.ICANON | T.EXTPROC)) !== 0) this.ldisc.canonChanged();
    // Turning IXON off restarts stopped output (n_tty_set_termios).
    if ((next.iflag & T.IXON) === 0 && (old.iflag & T.IXON) !== 0) this.ldisc.start();
    this.readers.notifyAll();
  }

  /** tty_do_resize: a changed size tells the foreground group (SIGWINCH). */
  resize(ws: T.WinSize): void {
    const w = this.winsize;
    if (w.rows === ws.rows && w.cols === ws.cols && w.xpixel === ws.xpixel && w.ypixel === ws.ypixel) return;
    this.winsize = { ...ws };
    this.signalForeground(SIGWINCH);
    this.driver.resized?.();
  }

  // ---- ioctl ----

  ioctl(task: Task, cmd: number, arg: number, readable: boolean): number {
    // hung_up_tty_ioctl.
    if (this.hungUp) return cmd === IO.TIOCSPGRP ? -ENOTTY : -EIO;
    switch (cmd) {
      case IO.TCGETS:
        return putBytes(task, arg, T.encodeTermios(this.termios));
      case IO.TCGETS2:
        return putBytes(task, arg, T.encodeTermios(this.termios, T.TERMIOS2_SIZE));
      case IO.TCSETS:
      case IO.TCSETSW:
      case IO.TCSETSF:
        return this.setTermiosFrom(task, arg, T.TERMIOS_SIZE, cmd === IO.TCSETSF);
      case IO.TCSETS2:
      case IO.TCSETSW2:
      case IO.TCSETSF2:
        return this.setTermiosFrom(task, arg, T.TERMIOS2_SIZE, cmd === IO.TCSETSF2);
      case IO.TIOCGWINSZ:
        return putBytes(task, arg, T.encodeWinSize(this.winsize));
      case IO.TIOCSWINSZ: {
        const b = task.mm.read(arg, 8);
        if (typeof b === "number") return -EFAULT;
        this.resize(T.decodeWinSize(b));
        return 0;
      }
      case IO.TIOCGLCKTRMIOS:
        return putBytes(task, arg, T.encodeTermios(this.lockedTermios));
      case IO.TIOCSLCKTRMIOS: {
        if (!capable(task, CAP_SYS_ADMIN)) return -EPERM;
        const b = task.mm.read(arg, T.TERMIOS_SIZE);
        if (typeof b === "number") return -EFAULT;
        this.lockedTermios = T.decodeTermios(b, this.lockedTermios);
        return 0;
      }
      default:
        return this.jobIoctl(task, cmd, arg, readable);
    }
  }

  private setTermiosFrom(task: Task, arg: number, size: number, flush: boolean): number {
    const r = this.checkChange(task, SIGTTOU);
    if (r < 0) return r;
    const b = task.mm.read(arg, size);
    if (typeof b === "number") return -EFAULT;
    // Output is written synchronously, so TCSETSW has nothing to wait for.
    if (flush) this.ldisc.flushInput();
    this.setTermios(T.decodeTermios(b, this.termios));
    return 0;
  }

  private jobIoctl(task: Task, cmd: number, arg: number, readable: boolean): number {
    switch (cmd) {
      case IO.TIOCSCTTY:
        return this.tiocsctty(task, arg, readable);
      case IO.TIOCNOTTY:
        return this.tiocnotty(task);
      case IO.TIOCGPGRP:
        if (cttyOf(task.group) !== this) return -ENOTTY;
        return putU32(task, arg, this.pgrp ?? 0);
      case IO.TIOCSPGRP:
        return this.tiocspgrp(task, arg);
      case IO.TIOCGSID:
        if (cttyOf(task.group) !== this || this.session === null) return -ENOTTY;
        return putU32(task, arg, this.session);
      default:
        return this.bufferIoctl(task, cmd, arg);
    }
  }

  private tiocsctty(task: Task, arg: number, readable: boolean): number {
    const g = task.group;
    if (g.sid === g.tgid && this.session === g.sid) return 0;
    if (g.sid !== g.tgid || cttyOf(g) !== null) return -EPERM;
    if (this.session !== null) {
      // Stealing another session's terminal takes CAP_SYS_ADMIN and arg 1.
      if (arg !== 1 || !capable(task, CAP_SYS_ADMIN)) return -EPERM;
      this.detachSession();
    }
    if (!readable && !capable(task, CAP_SYS_ADMIN)) return -EPERM;
    this.attach(g);
    return 0;
  }

  /** TIOCNOTTY: a session leader gives the terminal up for its session (disassociate_ctty). */
  private tiocnotty(task: Task): number {
    const g = task.group;
    if (cttyOf(g) !== this) return -ENOTTY;
    if (g.sid !== g.tgid) {
      g.ctty = null;
      return 0;
    }
    const fg = this.pgrp;
    if (fg !== null) {
      this.kernel?.signalProcessGroup(fg, SIGHUP);
      this.kernel?.signalProcessGroup(fg, SIGCONT);
    }
    this.detachSession();
    return 0;
  }

  private tiocspgrp(task: Task, arg: number): number {
    const r = this.checkChange(task, SIGTTOU);
    if (r === -EIO) return -ENOTTY;
    if (r < 0) return r;
    const pgid = task.mm.readU32(arg);
    if (pgid < 0) return -EFAULT;
    if (pgid > 0x7fffffff) return -EINVAL;
    const g = task.group;
    if (cttyOf(g) !== this || this.session !== g.sid) return -ENOTTY;
    const members = this.kernel?.processGroup(pgid) ?? [];
    if (members.length === 0) return -ESRCH;
    if (members[0].sid !== g.sid) return -EPERM;
    this.pgrp = pgid;
    return 0;
  }

  private bufferIoctl(task: Task, cmd: number, arg: number): number {
    switch (cmd) {
      case IO.FIONREAD:
        return putU32(task, arg, this.ldisc.available());
      case IO.TIOCOUTQ:
        return putU32(task, arg, 0);
      case IO.TCFLSH:
        return this.tcflsh(task, arg);
      case IO.TCXONC:
        return this.tcxonc(task, arg);
      case IO.TCSBRK:
      case IO.TCSBRKP:
        // Output drains synchronously and a break means nothing here.
        return this.checkChange(task, SIGTTOU);
      case IO.TIOCGETD:
        return putU32(task, arg, IO.N_TTY);
      case IO.TIOCSETD:
        return setLdisc(task, arg);
      case IO.TIOCSTI:
        return this.tiocsti(task, arg);
      case IO.TIOCGPTPEER:
        // ptm_open_peer: only a master has a peer to open.
        return -EIO;
      case IO.TIOCEXCL:
      case IO.TIOCNXCL:
        this.exclusive = cmd === IO.TIOCEXCL;
        return 0;
      case IO.TIOCGEXCL:
        return putU32(task, arg, this.exclusive ? 1 : 0);
      case IO.TIOCVHANGUP:
        if (!capable(task, CAP_SYS_ADMIN)) return -EPERM;
        this.hangup();
        return 0;
      default:
        return -ENOTTY;
    }
  }

  private tcflsh(task: Task, arg: number): number {
    const r = this.checkChange(task, SIGTTOU);
    if (r < 0) return r;
    if (arg !== IO.TCIFLUSH && arg !== IO.TCOFLUSH && arg !== IO.TCIOFLUSH) return -EINVAL;
    if (arg !== IO.TCOFLUSH) this.ldisc.flushInput();
    // Output is handed to the device at once: only the device learns of the flush.
    if (arg !== IO.TCIFLUSH) this.driver.outputFlushed?.();
    return 0;
  }

  /**
   * TIOCSTI: a byte as if typed. Only on the caller's controlling terminal
   * without CAP_SYS_ADMIN (dev.tty.legacy_tiocsti is on, the default).
   */
  private tiocsti(task: Task, arg: number): number {
    if (cttyOf(task.group) !== this && !capable(task, CAP_SYS_ADMIN)) return -EPERM;
    const b = task.mm.read(arg, 1);
    if (typeof b === "number") return -EFAULT;
    this.ldisc.receive(b, this.now());
    return 0;
  }

  private tcxonc(task: Task, arg: number): number {
    const r = this.checkChange(task, SIGTTOU);
    if (r < 0) return r;
    switch (arg) {
      case IO.TCOOFF:
        this.ldisc.stop();
        return 0;
      case IO.TCOON:
        this.ldisc.start();
        return 0;
      case IO.TCIOFF:
      case IO.TCION: {
        const c = this.termios.cc[arg === IO.TCIOFF ? T.VSTOP : T.VSTART];
        if (c !== 0) this.driver.write(Uint8Array.of(c));
        return 0;
      }
      default:
        return -EINVAL;
    }
  }

  /** poll: readable when a read would not wait; writable unless output is stopped or full. */
  pollEvents(): { readable: boolean; writable: boolean } {
    if (this.hungUp) return { readable: true, writable: true };
    const min = this.termios.cc[T.VMIN];
    const canRead = this.ldisc.canonical || min <= 1 || this.termios.cc[T.VTIME] !== 0
      ? this.ldisc.readable() : this.ldisc.available() >= min;
    return { readable: canRead, writable: !this.ldisc.stopped && this.driver.writeRoom() };
  }
}

/** The controlling terminal of g's session, if g still has it (a setsid leaves the old one behind). */
export function cttyOf(g: ThreadGroup): Tty | null {
  const t = g.ctty;
  return t instanceof Tty && t.session === g.sid ? t : null;
}

/** A read timeout that holds across re-runs of the same read (VMIN = 0, VTIME > 0). */
function readDeadline(task: Task | null, fresh: number): number {
  if (!task) return fresh;
  const s = task.syscallState as { ttyDeadline?: number } | null;
  if (s && typeof s.ttyDeadline === "number") return s.ttyDeadline;
  task.syscallState = { ttyDeadline: fresh };
  return fresh;
}

export function putBytes(task: Task, addr: number, b: Uint8Array): number {
  return task.mm.write(addr, b) < 0 ? -EFAULT : 0;
}

export function putU32(task: Task, addr: number, v: number): number {
  return task.mm.writeU32(addr, v) < 0 ? -EFAULT : 0;
}

/** TIOCSETD: N_TTY is the only line discipline; any other number is EINVAL (none can be loaded). */
export function setLdisc(task: Task, arg: number): number {
  const v = task.mm.readU32(arg);
  if (v < 0) return -EFAULT;
  return v === IO.N_TTY ? 0 : -EINVAL;
}

/** A session leader whose terminal hung up, and the group that was in the foreground then (tty_old_pgrp). */
const oldForeground = new WeakMap<ThreadGroup, { kernel: TtyKernel; pgrp: number }>();

/**
 * Exit hook for a process (disassociate_ctty on exit): a session leader's
 * death releases its session's terminal; after a hangup, the group that was
 * in the foreground gets SIGHUP and SIGCONT.
 */
export function ttyProcessExited(g: ThreadGroup): void {
  if (g.sid !== g.tgid) return;
  const tty = cttyOf(g);
  if (tty) {
    tty.sessionLeaderExited();
    return;
  }
  const old = oldForeground.get(g);
  if (!old) return;
  oldForeground.delete(g);
  old.kernel.signalProcessGroup(old.pgrp, SIGHUP);
  old.kernel.signalProcessGroup(old.pgrp, SIGCONT);
}
