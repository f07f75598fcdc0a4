// The N_TTY line discipline (drivers/tty/n_tty.c): what happens to bytes
// between the terminal and the programs reading and writing it. Input goes
// through receive(): input flags (ISTRIP, IGNCR/ICRNL/INLCR), flow control
// (IXON), signal characters (ISIG), canonical line editing (ICANON) and
// echo. Output goes through processOutput() (OPOST). Reads take from the
// input buffer by line (canonical) or by byte count (non-canonical).
//
// This file knows nothing of tasks or the kernel: what it needs from the
// outside (send a signal, write echo to the terminal, wake readers) comes in
// as hooks, so it can be tested alone.
import * as T from "./termios.js";

/** Input buffer size (N_TTY_BUF_SIZE): a canonical line holds at most this less one byte. */
export const N_TTY_BUF_SIZE = 4096;

/** Marks an input entry as the end of a canonical line. */
const DELIM = 0x100;
/** A line ended by VEOF: a delimiter that carries no byte. */
const EOF_MARK = 0x200 | DELIM;

const BEL = 7;

export interface LdiscHooks {
  /** Bytes for the terminal's screen (echo), already through output processing. */
  echo(bytes: Uint8Array): void;
  /** ISIG: a signal for the foreground process group. */
  signal(sig: number): void;
  /** Input became available (or was flushed): readers and pollers re-check. */
  inputChanged(): void;
  /** Output was stopped or started (IXON): writers re-check. */
  flowChanged(): void;
  /** Pending input was discarded; ISIG discards pending output too (a pty tells its packet-mode master). */
  inputFlushed?(): void;
  outputFlushed?(): void;
}

function isCntrl(c: number): boolean {
  return c < 0x20 || c === 0x7f;
}

function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

export class NTty {
  /** Input entries: a byte, possibly with DELIM; or EOF_MARK. */
  private buf: number[] = [];
  /** Entries before this index form complete lines (canonical mode). */
  private canonEnd = 0;
  /** The next byte is taken literally (VLNEXT). */
  private lnext = false;
  /** Output column, for tabs and for erasing them. */
  column = 0;
  /** The column where the line being edited started. */
  private canonColumn = 0;
  /** Output stopped by VSTOP (IXON). */
  stopped = false;
  /** Echo output gathered while a chunk of input is processed. */
  private echoPending: number[] | null = null;
  /** Monotonic ns of the last byte received (VTIME's inter-byte timer). */
  lastInputNs = 0;

  constructor(
    private readonly termios: () => T.Termios,
    private readonly hooks: LdiscHooks,
  ) {}

  private get t(): T.Termios {
    return this.termios();
  }
  private l(flag: number): boolean {
    return (this.t.lflag & flag) !== 0;
  }
  private i(flag: number): boolean {
    return (this.t.iflag & flag) !== 0;
  }
  private cc(index: number): number {
    return this.t.cc[index];
  }
  /** c is the control character at `index` (a zero c_cc entry is disabled, _POSIX_VDISABLE). */
  private is(c: number, index: number): boolean {
    return this.cc(index) !== 0 && c === this.cc(index);
  }
  get canonical(): boolean {
    return this.l(T.ICANON);
  }

  // ---- input ----

  /** Bytes from the terminal. Returns how many were taken (the rest waits: the buffer is full). */
  receive(bytes: Uint8Array, nowNs = 0): number {
    let n = 0;
    // Echo is gathered and written once per chunk, not once per byte (a paste).
    this.echoPending = [];
    for (; n < bytes.length; n++) {
      if (!this.canonical && this.buf.length >= N_TTY_BUF_SIZE) break;
      this.receiveChar(bytes[n]);
    }
    const echo = this.echoPending;
    this.echoPending = null;
    if (echo.length > 0) this.hooks.echo(Uint8Array.from(echo));
    if (n > 0) {
      this.lastInputNs = nowNs;
      this.hooks.inputChanged();
    }
    return n;
  }

  /** Room for more input: a full raw buffer takes nothing until a reader drains it. */
  get full(): boolean {
    return !this.canonical && this.buf.length >= N_TTY_BUF_SIZE;
  }

  private receiveChar(ch: number): void {
    let c = ch;
    if (this.i(T.ISTRIP)) c &= 0x7f;
    if (this.i(T.IUCLC) && this.l(T.IEXTEN) && c >= 0x41 && c <= 0x5a) c += 0x20;
    if (this.lnext) {
      this.lnext = false;
      this.putLiteral(c);
      return;
    }
    if (this.flowControl(c) || this.signalChar(c)) return;
    if (this.stopped && this.i(T.IXON) && this.i(T.IXANY)) this.start();
    if (c === 13) {
      if (this.i(T.IGNCR)) return;
      if (this.i(T.ICRNL)) c = 10;
    } else if (c === 10 && this.i(T.INLCR)) {
      c = 13;
    }
    if (this.canonical && this.canonChar(c)) return;
    this.putLiteral(c);
  }

  /** IXON: VSTOP stops output and VSTART restarts it; neither is input. */
  private flowControl(c: number): boolean {
    if (!this.i(T.IXON)) return false;
    const start = this.is(c, T.VSTART);
    const stop = this.is(c, T.VSTOP);
    if (start && stop) {
      // The same key toggles (n_tty.c n_tty_receive_char_flow_ctrl).
      if (this.stopped) this.start();
      else this.stop();
    } else if (start) {
      this.start();
    } else if (stop) {
      this.stop();
    }
    return start || stop;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.hooks.flowChanged();
  }
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.hooks.flowChanged();
  }

  private signalChar(c: number): boolean {
    if (!this.l(T.ISIG)) return false;
    let sig = 0;
    if (this.is(c, T.VINTR)) sig = 2;
    else if (this.is(c, T.VQUIT)) sig = 3;
    else if (this.is(c, T.VSUSP)) sig = 20;
    if (sig === 0) return false;
    // isig(): the signal goes first, then pending input is discarded unless NOFLSH.
    this.hooks.signal(sig);
    if (!this.l(T.NOFLSH)) {
      // Echo of this chunk not yet sent to the terminal is dropped with the rest (isig clears the echo buffer).
      if (this.echoPending) this.echoPending.length = 0;
      this.hooks.outputFlushed?.();
      this.flushInput();
    }
    if (this.i(T.IXON)) this.start();
    if (this.l(T.ECHO)) this.echoChar(c);
    return true;
  }

  /** Canonical-mode specials; false when c is an ordinary byte. */
  private canonChar(c: number): boolean {
    const iexten = this.l(T.IEXTEN);
    if (this.is(c, T.VERASE) || this.is(c, T.VKILL) || (iexten && this.is(c, T.VWERASE))) {
      this.erase(this.is(c, T.VERASE) ? "erase" : this.is(c, T.VKILL) ? "kill" : "werase");
      return true;
    }
    if (iexten && this.is(c, T.VLNEXT)) {
      this.lnext = true;
      // Shows "^" and backs over it, so that the next key overwrites it.
      if (this.l(T.ECHO) && this.l(T.ECHOCTL)) this.echoRaw([0x5e, 8]);
      return true;
    }
    if (iexten && this.is(c, T.VREPRINT) && this.l(T.ECHO)) {
      this.reprint(c);
      return true;
    }
    if (c === 10) {
      if (this.l(T.ECHO) || this.l(T.ECHONL)) this.echoRaw([10]);
      this.endLine(10 | DELIM);
      return true;
    }
    if (this.is(c, T.VEOF)) {
      this.endLine(EOF_MARK);
      return true;
    }
    if (this.is(c, T.VEOL) || (iexten && this.is(c, T.VEOL2))) {
      if (this.l(T.ECHO)) this.echoLineChar(c);
      this.endLine(c | DELIM);
      return true;
    }
    return false;
  }

  private putLiteral(c: number): void {
    if (this.canonical && this.buf.length - this.canonEnd >= N_TTY_BUF_SIZE - 1) {
      // A full line takes nothing more but its end (n_tty.c: IMAXBEL rings the bell).
      if (this.i(T.IMAXBEL) && this.l(T.ECHO)) this.echoRaw([BEL]);
      return;
    }
    if (this.l(T.ECHO)) {
      if (c === 10) this.echoRaw([10]);
      else this.echoLineChar(c);
    } else if (c === 10 && this.l(T.ECHONL)) {
      this.echoRaw([10]);
    }
    this.buf.push(c);
  }

  private endLine(entry: number): void {
    this.buf.push(entry);
    this.canonEnd = this.buf.length;
  }

  /** The entries of the line being edited. */
  private get lineLength(): number {
    return this.buf.length - (this.canonical ? this.canonEnd : 0);
  }

  private echoLineChar(c: number): void {
    if (this.lineLength === 0) this.canonColumn = this.column;
    this.echoChar(c);
  }

  // ---- erasing ----

  private erase(kind: "erase" | "kill" | "werase"): void {
    if (this.lineLength === 0) return;
    if (kind === "kill" && !this.l(T.ECHO)) {
      this.buf.length = this.canonEnd;
      return;
    }
    if (kind === "kill" && !(this.l(T.ECHOK) && this.l(T.ECHOKE) && this.l(T.ECHOE))) {
      this.buf.length = this.canonEnd;
      this.echoChar(this.cc(T.VKILL));
      if (this.l(T.ECHOK)) this.echoRaw([10]);
      return;
    }
    let seenWord = false;
    while (this.lineLength > 0) {
      const c = this.buf[this.buf.length - 1] & 0xff;
      if (kind === "werase") {
        if (isWordChar(c)) seenWord = true;
        else if (seenWord) break;
      }
      this.eraseOne(kind);
      if (kind === "erase") break;
    }
  }

  /** Removes the last character (a whole UTF-8 sequence under IUTF8) and echoes its erasure. */
  private eraseOne(kind: "erase" | "kill" | "werase"): void {
    let c = this.buf.pop() as number;
    if (this.i(T.IUTF8)) {
      while ((c & 0xc0) === 0x80 && this.lineLength > 0) c = this.buf.pop() as number;
    }
    if (!this.l(T.ECHO)) return;
    if (kind === "erase" && !this.l(T.ECHOE)) {
      this.echoChar(this.cc(T.VERASE));
    } else if (c === 9) {
      this.eraseTab();
    } else {
      const back = [8, 0x20, 8];
      if (isCntrl(c) && this.l(T.ECHOCTL)) this.echoRaw(back);
      if (!isCntrl(c) || this.l(T.ECHOCTL)) this.echoRaw(back);
    }
  }

  /** Backs up over a tab: to where the remaining line's echo ends (n_tty.c process_echoes' ECHO_OP_TAB_ERASE). */
  private eraseTab(): void {
    let col = this.canonColumn;
    const start = this.canonical ? this.canonEnd : 0;
    for (let k = start; k < this.buf.length; k++) {
      const c = this.buf[k] & 0xff;
      if (c === 9) col = (col | 7) + 1;
      else if (isCntrl(c)) col += this.l(T.ECHOCTL) ? 2 : 0;
      else if (!this.i(T.IUTF8) || (c & 0xc0) !== 0x80) col++;
    }
    const n = Math.max(0, this.column - col);
    this.echoRaw(new Array<number>(n).fill(8));
  }

  private reprint(c: number): void {
    this.echoChar(c);
    this.echoRaw([10]);
    const start = this.canonical ? this.canonEnd : 0;
    for (let k = start; k < this.buf.length; k++) this.echoChar(this.buf[k] & 0xff);
  }

  // ---- echo ----

  /** Echoes c, showing control characters as ^X under ECHOCTL (tabs and newlines as themselves). */
  private echoChar(c: number): void {
    if (this.l(T.ECHOCTL) && isCntrl(c) && c !== 9 && c !== 10) this.echoRaw([0x5e, c ^ 0o100]);
    else this.echoRaw([c]);
  }

  private echoRaw(bytes: number[]): void {
    if (bytes.length === 0) return;
    const out = this.processOutput(Uint8Array.from(bytes));
    if (this.echoPending) for (const b of out) this.echoPending.push(b);
    else this.hooks.echo(out);
  }

  // ---- output ----

  /** OPOST: newline, carriage return, tab and case mapping, with the column kept for tab erasing. */
  processOutput(src: Uint8Array): Uint8Array {
    const o = this.t.oflag;
    if ((o & T.OPOST) === 0) {
      this.trackColumns(src);
      return src;
    }
    const out: number[] = [];
    for (const c of src) this.outputChar(c, o, out);
    return Uint8Array.from(out);
  }

  private outputChar(c: number, o: number, out: number[]): void {
    switch (c) {
      case 10:
        if ((o & T.ONLRET) !== 0) this.column = 0;
        if ((o & T.ONLCR) !== 0) {
          this.column = 0;
          out.push(13, 10);
          return;
        }
        break;
      case 13:
        if ((o & T.ONOCR) !== 0 && this.column === 0) return;
        if ((o & T.OCRNL) !== 0) {
          if ((o & T.ONLRET) !== 0) this.column = 0;
          out.push(10);
          return;
        }
        this.column = 0;
        break;
      case 9: {
        const spaces = 8 - (this.column & 7);
        this.column += spaces;
        if ((o & T.TABDLY) === T.XTABS) {
          for (let k = 0; k < spaces; k++) out.push(0x20);
          return;
        }
        break;
      }
      case 8:
        if (this.column > 0) this.column--;
        break;
      default:
        if (!isCntrl(c)) {
          if ((o & T.OLCUC) !== 0 && c >= 0x61 && c <= 0x7a) c -= 0x20;
          if (!this.i(T.IUTF8) || (c & 0xc0) !== 0x80) this.column++;
        }
    }
    out.push(c);
  }

  private trackColumns(src: Uint8Array): void {
    for (const c of src) {
      if (c === 13 || c === 10) this.column = 0;
      else if (c === 9) this.column = (this.column | 7) + 1;
      else if (c === 8) this.column = Math.max(0, this.column - 1);
      else if (!isCntrl(c) && (c & 0xc0) !== 0x80) this.column++;
    }
  }

  // ---- reading ----

  /** Bytes a read could take now (FIONREAD counts these). */
  available(): number {
    if (!this.canonical) return this.buf.reduce((n, e) => n + (e === EOF_MARK ? 0 : 1), 0);
    let n = 0;
    for (let k = 0; k < this.canonEnd; k++) if (this.buf[k] !== EOF_MARK) n++;
    return n;
  }

  /** Whether a read would return at once: a complete line (or EOF) in canonical mode, any byte otherwise. */
  readable(): boolean {
    return this.canonical ? this.canonEnd > 0 : this.buf.some((e) => e !== EOF_MARK);
  }

  /** Takes at most one line (canonical) into dest; 0 means end of file (a VEOF at the start of a line). */
  readLine(dest: Uint8Array): number {
    let n = 0;
    let k = 0;
    while (k < this.canonEnd && n < dest.length) {
      const e = this.buf[k++];
      if (e === EOF_MARK) break;
      dest[n++] = e & 0xff;
      if ((e & DELIM) !== 0) break;
    }
    this.consume(k);
    return n;
  }

  /** Takes up to dest.length bytes (non-canonical). */
  readRaw(dest: Uint8Array): number {
    let n = 0;
    let k = 0;
    while (k < this.buf.length && n < dest.length) {
      const e = this.buf[k++];
      if (e !== EOF_MARK) dest[n++] = e & 0xff;
    }
    this.consume(k);
    return n;
  }

  private consume(k: number): void {
    if (k === 0) return;
    this.buf.splice(0, k);
    this.canonEnd = Math.max(0, this.canonEnd - k);
  }

  /** TCFLSH TCIFLUSH, and ISIG without NOFLSH: pending input is gone. */
  flushInput(): void {
    this.buf = [];
    this.canonEnd = 0;
    this.lnext = false;
    this.hooks.inputFlushed?.();
    this.hooks.inputChanged();
  }

  /**
   * ICANON changed (n_tty_set_termios): switching to canonical mode with
   * input pending makes that input one readable line; switching to raw
   * makes everything readable.
   */
  canonChanged(): void {
    if (this.canonical && this.buf.length > 0) {
      const last = this.buf.length - 1;
      if (this.buf[last] !== EOF_MARK) this.buf[last] |= DELIM;
      this.canonEnd = this.buf.length;
    } else {
      this.canonEnd = 0;
    }
    this.lnext = false;
    this.hooks.inputChanged();
  }
}
