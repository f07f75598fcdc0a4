// The guest's first three descriptors, bridged to the host's standard
// streams. When the host's stdin and stdout are a terminal, the guest gets
// the console: a real tty (src/tty/) with its own line discipline, the
// controlling terminal of the first session, with the host terminal in raw
// mode. Otherwise it sees pipes, which is what its data really flows
// through (a lone terminal among them answers TCGETS/TIOCGWINSZ only).
import { EAGAIN, EFAULT, EINVAL, ENOTTY } from "../kernel/errno.js";
import type { Task } from "../kernel/task.js";
import type { ThreadGroup } from "../kernel/thread-group.js";
import { Blocked, WaitQueue } from "../kernel/wait.js";
import { createConsoleTty, releaseConsoleTty } from "../tty/console.js";
import { defaultTermios, encodeTermios, type Termios } from "../tty/termios.js";
import { openTtyFile, TtyFile } from "../tty/tty-file.js";
import type { Tty, TtyKernel } from "../tty/tty.js";
import type { Dentry } from "./dentry.js";
import type { HostStreams } from "./host-streams.js";
import type { Inode } from "./inode.js";
import { O_ACCMODE, O_NONBLOCK, O_RDONLY, O_RDWR, O_WRONLY, OpenFile, type IoResult } from "./open-file.js";
import { makeDev, S_IFCHR, S_IFIFO, type Stat } from "./types.js";
import { POLLIN, POLLOUT, POLLRDNORM, POLLWRNORM, type PollState } from "./poll-events.js";

export const TCGETS = 0x5401;
export const TIOCGWINSZ = 0x5413;

const CONSOLE_RDEV = makeDev(5, 1);
const PIPEFS_DEV = makeDev(0, 0x0c);

/** State the three stdio descriptors share, and the console tty when the host has a terminal. */
export class HostConsole {
  termios: Termios = defaultTermios();
  private consoleTty: Tty | null = null;
  constructor(readonly streams: HostStreams) {}

  /** The guest gets a real console when the host's stdin and stdout are both a terminal. */
  get isTerminal(): boolean {
    return this.streams.isTerminal(0) && this.streams.isTerminal(1);
  }

  /** The console tty, created (and the host terminal put in raw mode) on first use; null without a terminal. */
  tty(k: TtyKernel): Tty | null {
    if (!this.isTerminal) return null;
    this.consoleTty ??= createConsoleTty(k, this.streams);
    return this.consoleTty;
  }

  /**
   * Descriptors 0, 1 and 2 of the first program. With a terminal they are
   * one open console (as init's dup'ed /dev/console is), and the console
   * becomes the controlling terminal of `group`'s session.
   */
  openStdio(k: TtyKernel, group: ThreadGroup, consoleNode: Dentry | null): OpenFile[] {
    const tty = this.tty(k);
    if (tty === null) {
      return [new HostInputFile(this, 0, O_RDONLY, 1), new HostOutputFile(this, 1, O_WRONLY, 2),
        new HostOutputFile(this, 2, O_WRONLY, 3)];
    }
    const f = new TtyFile(tty, O_RDWR);
    // As if opened as /dev/console: /proc/PID/fd/0 names it, so ttyname() finds it.
    f.dentry = consoleNode;
    if (tty.session === null && group.sid === group.tgid) tty.attach(group);
    return [f, f, f];
  }

  /**
   * Opens /dev/console (never a controlling terminal by opening). Without a
   * host terminal it is the host's stdin or stdout, whichever the access mode asks for.
   */
  openConsole(k: TtyKernel, task: Task, flags: number, node: Inode | null): OpenFile | number {
    const tty = this.tty(k);
    if (tty !== null) return openTtyFile(task, tty, flags, { noctty: true, node });
    return (flags & O_ACCMODE) === O_RDONLY ? new HostInputFile(this, 0, flags, 1) : new HostOutputFile(this, 1, flags, 2);
  }

  /** Gives the host terminal back in cooked mode (the run is over). */
  release(): void {
    if (this.consoleTty) releaseConsoleTty(this.streams);
  }
}

abstract class HostStreamFile extends OpenFile {
  constructor(
    protected readonly console: HostConsole,
    protected readonly hostFd: number,
    flags: number,
    protected readonly ino: number,
  ) {
    super(null, flags);
  }

  protected get isTty(): boolean {
    return this.console.streams.isTerminal(this.hostFd);
  }

  override get seekable(): boolean {
    return false;
  }

  override stat(): Stat {
    const zero = { sec: 0, nsec: 0 };
    const tty = this.isTty;
    return {
      dev: tty ? makeDev(0, 6) : PIPEFS_DEV, ino: this.ino,
      mode: tty ? S_IFCHR | 0o620 : S_IFIFO | 0o600, nlink: 1, uid: 0, gid: tty ? 5 : 0,
      rdev: tty ? CONSOLE_RDEV : 0, size: 0, blksize: tty ? 1024 : 4096, blocks: 0,
      atime: zero, mtime: zero, ctime: zero,
    };
  }

  override ioctl(task: Task, cmd: number, arg: number): number {
    if (!this.isTty) return -ENOTTY;
    if (cmd === TCGETS) return task.mm.write(arg, encodeTermios(this.console.termios)) < 0 ? -EFAULT : 0;
    if (cmd === TIOCGWINSZ) return this.winsize(task, arg);
    return -ENOTTY;
  }

  private winsize(task: Task, arg: number): number {
    const ws = this.console.streams.windowSize() ?? { rows: 24, cols: 80 };
    const b = new Uint8Array(8);
    const v = new DataView(b.buffer);
    v.setUint16(0, ws.rows, true);
    v.setUint16(2, ws.cols, true);
    return task.mm.write(arg, b) < 0 ? -EFAULT : 0;
  }
}

export class HostOutputFile extends HostStreamFile {
  /** A new description of the same host stream (an open of /proc/PID/fd/N or /dev/stdout). */
  reopen(flags: number): HostOutputFile {
    return new HostOutputFile(this.console, this.hostFd, flags, this.ino);
  }

  override poll(): PollState {
    return { events: POLLOUT | POLLWRNORM, queues: [] };
  }

  override read(): IoResult {
    return -EINVAL;
  }
  override write(src: Uint8Array): IoResult {
    // The host writer may keep a view only until it returns; copy-free otherwise.
    this.console.streams.write(this.hostFd, src);
    return src.length;
  }
}

export class HostInputFile extends HostStreamFile {
  private chunks: Uint8Array[] = [];
  private eof = false;
  private started = false;
  private readonly readers = new WaitQueue();

  override write(): IoResult {
    return -EINVAL;
  }

  override read(dest: Uint8Array): IoResult {
    if (this.chunks.length === 0) {
      if (this.eof) return 0;
      this.start();
      if ((this.flags & O_NONBLOCK) !== 0) return -EAGAIN;
      return new Blocked([this.readers]);
    }
    let n = 0;
    while (n < dest.length && this.chunks.length > 0) {
      const c = this.chunks[0];
      const take = Math.min(c.length, dest.length - n);
      dest.set(c.subarray(0, take), n);
      n += take;
      if (take === c.length) this.chunks.shift();
      else this.chunks[0] = c.subarray(take);
    }
    return n;
  }

  override poll(): PollState {
    this.start();
    const ready = this.chunks.length > 0 || this.eof;
    return { events: ready ? POLLIN | POLLRDNORM : 0, queues: [this.readers] };
  }

  /** Host input is read only once the guest asks for it, so an idle stdin never keeps the host busy. */
  private start(): void {
    if (this.started) return;
    this.started = true;
    this.console.streams.startInput((chunk) => {
      if (chunk === null) this.eof = true;
      else this.chunks.push(chunk);
      this.readers.notifyAll();
    });
  }

  override release(): void {
    if (this.started) this.console.streams.stopInput();
  }
}
