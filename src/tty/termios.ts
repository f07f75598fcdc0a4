// struct termios as TCGETS copies it (asm-generic termbits: 36 bytes, NCCS 19),
// with the defaults a fresh Linux tty has (drivers/tty/tty_io.c
// tty_std_termios and include/linux/tty.h INIT_C_CC).
export const TERMIOS_SIZE = 36;
export const NCCS = 19;

export const ICRNL = 0o400;
export const IXON = 0o2000;
export const OPOST = 0o1;
export const ONLCR = 0o4;
export const B38400 = 0o17;
export const CS8 = 0o60;
export const CREAD = 0o200;
export const HUPCL = 0o2000;
export const ISIG = 0o1;
export const ICANON = 0o2;
export const ECHO = 0o10;
export const ECHOE = 0o20;
export const ECHOK = 0o40;
export const ECHOCTL = 0o1000;
export const ECHOKE = 0o4000;
export const IEXTEN = 0o100000;

export interface Termios {
  iflag: number;
  oflag: number;
  cflag: number;
  lflag: number;
  line: number;
  cc: Uint8Array; // NCCS control characters
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
  };
}

export function encodeTermios(t: Termios): Uint8Array {
  const out = new Uint8Array(TERMIOS_SIZE);
  const v = new DataView(out.buffer);
  v.setUint32(0, t.iflag, true);
  v.setUint32(4, t.oflag, true);
  v.setUint32(8, t.cflag, true);
  v.setUint32(12, t.lflag, true);
  out[16] = t.line;
  out.set(t.cc, 17);
  return out;
}
