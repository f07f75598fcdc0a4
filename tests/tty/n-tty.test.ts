// The N_TTY line discipline alone: canonical editing, the echo forms, input
// and output processing, and ISIG — fed bytes, with echo and signals
// captured. Expected echoes are what Linux's n_tty.c produces.
import { test } from "node:test";
import assert from "node:assert/strict";
import { NTty } from "../../src/tty/n-tty.js";
import * as T from "../../src/tty/termios.js";

interface Rig {
  ld: NTty;
  termios: T.Termios;
  echo: () => string;
  signals: number[];
  read: (n?: number) => string;
  type: (s: string) => void;
}

function rig(adjust?: (t: T.Termios) => void): Rig {
  const termios = T.defaultTermios();
  adjust?.(termios);
  let out = "";
  const signals: number[] = [];
  const ld = new NTty(() => termios, {
    echo: (b) => (out += Buffer.from(b).toString("latin1")),
    signal: (s) => signals.push(s),
    inputChanged: () => {},
    flowChanged: () => {},
  });
  return {
    ld, termios, signals,
    echo: () => {
      const s = out;
      out = "";
      return s;
    },
    read: (n = 4096) => {
      const b = new Uint8Array(n);
      const got = ld.canonical ? ld.readLine(b) : ld.readRaw(b);
      return Buffer.from(b.subarray(0, got)).toString("latin1");
    },
    type: (s) => {
      ld.receive(Buffer.from(s, "latin1"));
    },
  };
}

test("canonical: a line is readable only once ended, and CR becomes NL (ICRNL)", () => {
  const r = rig();
  r.type("hello");
  assert.equal(r.ld.readable(), false);
  r.type("\r");
  assert.equal(r.ld.readable(), true);
  assert.equal(r.read(), "hello\n");
  assert.equal(r.echo(), "hello\r\n");
});

test("canonical: one line per read, and a short read leaves the rest", () => {
  const r = rig();
  r.type("ab\ncd\n");
  assert.equal(r.read(1), "a");
  assert.equal(r.read(), "b\n");
  assert.equal(r.read(), "cd\n");
});

test("VERASE with ECHOE backs over the character; without ECHOE echoes the erase char", () => {
  const r = rig();
  r.type("abc\x7f\n");
  assert.equal(r.read(), "ab\n");
  assert.equal(r.echo(), "abc\b \b\r\n");
  const plain = rig((t) => (t.lflag &= ~T.ECHOE));
  plain.type("ab\x7f");
  assert.equal(plain.echo(), "ab^?");
});

test("erasing a control character under ECHOCTL takes two columns", () => {
  const r = rig();
  r.type("a\x01\x7f");
  assert.equal(r.echo(), "a^A\b \b\b \b");
});

test("erasing a tab backs up to where the line's echo ended", () => {
  const r = rig();
  r.type("ab\t\x7f");
  assert.equal(r.echo(), "ab\t\b\b\b\b\b\b");
});

test("VWERASE erases the last word and the blanks after it", () => {
  const r = rig();
  r.type("one two  \x17x\n");
  assert.equal(r.read(), "one x\n");
});

test("VKILL with ECHOKE erases the line visibly; without ECHOKE echoes ^U and a newline (ECHOK)", () => {
  const r = rig();
  r.type("ab\x15");
  assert.equal(r.echo(), "ab\b \b\b \b");
  const k = rig((t) => (t.lflag &= ~T.ECHOKE));
  k.type("ab\x15c\n");
  assert.equal(k.echo(), "ab^U\r\nc\r\n");
  assert.equal(k.read(), "c\n");
});

test("VEOF ends a line without adding a byte; at the start of a line it reads as end of file", () => {
  const r = rig();
  r.type("ab\x04");
  assert.equal(r.read(), "ab");
  r.type("\x04");
  assert.equal(r.ld.readable(), true);
  assert.equal(r.read(), "");
  assert.equal(r.echo(), "ab");
});

test("VEOL and VEOL2 end a line and stay in it", () => {
  const r = rig((t) => {
    t.cc[T.VEOL] = 0x3b; // ';'
    t.cc[T.VEOL2] = 0x7c; // '|'
  });
  r.type("a;b|");
  assert.equal(r.read(), "a;");
  assert.equal(r.read(), "b|");
});

test("VLNEXT takes the next byte literally", () => {
  const r = rig();
  r.type("a\x16\x7f\x16\x03\n");
  assert.equal(r.read(), "a\x7f\x03\n");
  assert.deepEqual(r.signals, []);
  assert.equal(r.echo(), "a^\b^?^\b^C\r\n");
});

test("VREPRINT echoes ^R, a newline and the line so far", () => {
  const r = rig();
  r.type("ab\x12");
  assert.equal(r.echo(), "ab^R\r\nab");
});

test("ECHONL echoes newlines though ECHO is off; no ECHO echoes nothing else", () => {
  const r = rig((t) => (t.lflag = (t.lflag & ~T.ECHO) | T.ECHONL));
  r.type("secret\n");
  assert.equal(r.echo(), "\r\n");
  assert.equal(r.read(), "secret\n");
});

test("ISIG: ^C, ^\\ and ^Z signal, flush pending input and echo; NOFLSH keeps the input", () => {
  const r = rig();
  r.type("abc");
  r.type("\x03");
  assert.deepEqual(r.signals, [2]);
  assert.equal(r.echo(), "abc^C");
  // Echo of the same chunk not yet sent is dropped with the input (isig clears the echo buffer).
  const same = rig();
  same.type("abc\x03");
  assert.equal(same.echo(), "^C");
  r.type("\n");
  assert.equal(r.read(), "\n");
  r.type("\x1c\x1a");
  assert.deepEqual(r.signals, [2, 3, 20]);
  const keep = rig((t) => (t.lflag |= T.NOFLSH));
  keep.type("ab\x03\n");
  assert.equal(keep.read(), "ab\n");
  const off = rig((t) => (t.lflag &= ~T.ISIG));
  off.type("\x03\n");
  assert.deepEqual(off.signals, []);
  assert.equal(off.read(), "\x03\n");
});

test("input flags: IGNCR, INLCR, ISTRIP", () => {
  const ign = rig((t) => (t.iflag |= T.IGNCR));
  ign.type("a\rb\n");
  assert.equal(ign.read(), "ab\n");
  const inlcr = rig((t) => {
    t.iflag |= T.INLCR;
    t.lflag &= ~T.ICANON;
  });
  inlcr.type("a\n");
  assert.equal(inlcr.read(), "a\r");
  const strip = rig((t) => (t.iflag |= T.ISTRIP));
  strip.type("\xe1\n");
  assert.equal(strip.read(), "a\n");
});

test("IXON: ^S stops output and ^Q restarts it; neither reaches the reader", () => {
  const r = rig();
  r.type("\x13");
  assert.equal(r.ld.stopped, true);
  r.type("\x11x\n");
  assert.equal(r.ld.stopped, false);
  assert.equal(r.read(), "x\n");
});

test("non-canonical: bytes are readable at once, special editing keys are data", () => {
  const r = rig((t) => (t.lflag &= ~(T.ICANON | T.ECHO)));
  r.type("a\x7fb");
  assert.equal(r.ld.available(), 3);
  assert.equal(r.read(2), "a\x7f");
  assert.equal(r.read(), "b");
  assert.equal(r.echo(), "");
});

test("switching to canonical mode makes pending raw input one line", () => {
  const r = rig((t) => (t.lflag &= ~T.ICANON));
  r.type("xy");
  r.termios.lflag |= T.ICANON;
  r.ld.canonChanged();
  assert.equal(r.read(), "xy");
});

test("output processing: ONLCR, OCRNL, ONOCR, XTABS, OLCUC; nothing without OPOST", () => {
  const r = rig();
  const out = (s: string): string => Buffer.from(r.ld.processOutput(Buffer.from(s, "latin1"))).toString("latin1");
  assert.equal(out("a\nb"), "a\r\nb");
  r.termios.oflag = T.OPOST | T.OCRNL;
  assert.equal(out("a\rb"), "a\nb");
  r.termios.oflag = T.OPOST | T.ONOCR;
  r.ld.column = 0;
  assert.equal(out("\rab\r"), "ab\r");
  r.termios.oflag = T.OPOST | T.XTABS;
  r.ld.column = 0;
  assert.equal(out("ab\tc"), "ab      c");
  r.termios.oflag = T.OPOST | T.OLCUC;
  assert.equal(out("abc"), "ABC");
  r.termios.oflag = T.ONLCR;
  assert.equal(out("a\n"), "a\n");
});

test("a canonical line holds at most 4095 bytes", () => {
  const r = rig((t) => (t.lflag &= ~T.ECHO));
  r.type("x".repeat(5000) + "\n");
  assert.equal(r.read(8192).length, 4096);
});
