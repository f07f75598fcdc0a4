// struct termios as TCGETS copies it (asm-generic termbits: 36 bytes, NCCS 19),
// termios2 (TCGETS2: 44 bytes, with speeds), the flag bits the line
// discipline looks at, and the defaults a fresh Linux tty has
// (drivers/tty/tty_io.c tty_std_termios and INIT_C_CC).
export const TERMIOS_SIZE = 36;
export const TERMIOS2_SIZE = 44;
export const NCCS = 19;

// c_cc indices.
export const VINTR = 0;
export const VQUIT = 1;
export const VERASE = 2;
export const VKILL = 3;
export const VEOF = 4;
export const VTIME = 5;
export const VMIN = 6;
export const VSWTC = 7;
export const VSTART = 8;
export const VSTOP = 9;
export const VSUSP = 10;
export const VEOL = 11;
export const VREPRINT = 12;
export const VDISCARD = 13;
export const VWERASE = 14;
export const VLNEXT = 15;
export const VEOL2 = 16;

// c_iflag.
export const IGNBRK = 0o1;
export const BRKINT = 0o2;
export const IGNPAR = 0o4;
export const PARMRK = 0o10;
export const INPCK = 0o20;
export const ISTRIP = 0o40;
export const INLCR = 0o100;
export const IGNCR = 0o200;
export const ICRNL = 0o400;
export const IUCLC = 0o1000;
export const IXON = 0o2000;
export const IXANY = 0o4000;
export const IXOFF = 0o10000;
export const IMAXBEL = 0o20000;
export const IUTF8 = 0o40000;

// c_oflag.
export const OPOST = 0o1;
export const OLCUC = 0o2;
export const ONLCR = 0o4;
export const OCRNL = 0o10;
export const ONOCR = 0o20;
export const ONLRET = 0o40;
export const TABDLY = 0o14000;
export const XTABS = 0o14000;

// c_cflag.
export const CBAUD = 0o10017;
export const B38400 = 0o17;
export const BOTHER = 0o10000;
export const CSIZE = 0o60;
export const CS8 = 0o60;
export const PARENB = 0o400;
export const CREAD = 0o200;
export const HUPCL = 0o2000;
export const CLOCAL = 0o4000;
export const CIBAUD = 0o2003600000;

// c_lflag.
export const ISIG = 0o1;
export const ICANON = 0o2;
export const XCASE = 0o4;
export const ECHO = 0o10;
export const ECHOE = 0o20;
export const ECHOK = 0o40;
export const ECHONL = 0o100;
export const NOFLSH = 0o200;
export const TOSTOP = 0o400;
export const ECHOCTL = 0o1000;
export const ECHOPRT = 0o2000;
export const ECHOKE = 0o4000;
export const FLUSHO = 0o10000;
export const PENDIN = 0o40000;
export const IEXTEN = 0o100000;
export const EXTPROC = 0o200000;

export interface Termios {
  iflag: number;
  oflag: number;
  cflag: number;
  lflag: number;
  line: number;
  cc: Uint8Array; // NCCS control characters
  ispeed: number;
  ospeed: number;
}

// VINTR ^C, VQUIT ^\, VERASE DEL, VKILL ^U, VEOF ^D, VTIME 0, VMIN 1, VSWTC 0,
// VSTART ^Q, VSTOP ^S, VSUSP ^Z, VEOL 0, VREPRINT ^R, VDISCARD ^O, VWERASE ^W,
// VLNEXT ^V, VEOL2 0.
const INIT_C_CC = [3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0];

export function defaultTermios(): Termios {
  const cc = new Uint8Array(NCCS);
  cc.set(INIT_C_CC);
  return {
    iflag: ICRNL | IXON,
    oflag: OPOST | ONLCR,
    cflag: B38400 | CS8 | CREAD | HUPCL,
    lflag: ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
    line: 0,
    cc,
    ispeed: 38400,
    ospeed: 38400,
  };
}

/** All bits clear: the lock TIOCSLCKTRMIOS starts from. */
export function zeroTermios(): Termios {
  return { iflag: 0, oflag: 0, cflag: 0, lflag: 0, line: 0, cc: new Uint8Array(NCCS), ispeed: 0, ospeed: 0 };
}

/** unset_locked_termios: what `locked` marks keeps its `old` value in `next`. */
export function keepLocked(next: Termios, old: Termios, locked: Termios): void {
  const keep = (n: number, o: number, l: number): number => ((n & ~l) | (o & l)) >>> 0;
  next.iflag = keep(next.iflag, old.iflag, locked.iflag);
  next.oflag = keep(next.oflag, old.oflag, locked.oflag);
  next.cflag = keep(next.cflag, old.cflag, locked.cflag);
  next.lflag = keep(next.lflag, old.lflag, locked.lflag);
  if (locked.line !== 0) next.line = old.line;
  for (let i = 0; i < NCCS; i++) if (locked.cc[i] !== 0) next.cc[i] = old.cc[i];
}

export function copyTermios(t: Termios): Termios {
  return { ...t, cc: t.cc.slice() };
}

/** The 36-byte struct termios (TCGETS), or the 44-byte termios2 (TCGETS2) when `size` says so. */
export function encodeTermios(t: Termios, size = TERMIOS_SIZE): Uint8Array {
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint32(0, t.iflag, true);
  v.setUint32(4, t.oflag, true);
  v.setUint32(8, t.cflag, true);
  v.setUint32(12, t.lflag, true);
  out[16] = t.line;
  out.set(t.cc, 17);
  if (size >= TERMIOS2_SIZE) {
    v.setUint32(36, t.ispeed, true);
    v.setUint32(40, t.ospeed, true);
  }
  return out;
}

/**
 * The termios user space passes to TCSETS (36 bytes) or TCSETS2 (44).
 * Plain TCSETS keeps the old speeds (tty_set_termios keeps c_ispeed/c_ospeed
 * from the baud bits, which we do not model beyond echoing them back).
 */
export function decodeTermios(b: Uint8Array, old: Termios): Termios {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return {
    iflag: v.getUint32(0, true),
    oflag: v.getUint32(4, true),
    cflag: v.getUint32(8, true),
    lflag: v.getUint32(12, true),
    line: b[16],
    cc: b.slice(17, 17 + NCCS),
    ispeed: b.length >= TERMIOS2_SIZE ? v.getUint32(36, true) : old.ispeed,
    ospeed: b.length >= TERMIOS2_SIZE ? v.getUint32(40, true) : old.ospeed,
  };
}

/** struct winsize (TIOCGWINSZ). */
export interface WinSize {
  rows: number;
  cols: number;
  xpixel: number;
  ypixel: number;
}

export function encodeWinSize(w: WinSize): Uint8Array {
  const b = new Uint8Array(8);
  const v = new DataView(b.buffer);
  v.setUint16(0, w.rows, true);
  v.setUint16(2, w.cols, true);
  v.setUint16(4, w.xpixel, true);
  v.setUint16(6, w.ypixel, true);
  return b;
}

export function decodeWinSize(b: Uint8Array): WinSize {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { rows: v.getUint16(0, true), cols: v.getUint16(2, true), xpixel: v.getUint16(4, true), ypixel: v.getUint16(6, true) };
}
