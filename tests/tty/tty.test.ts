// The tty above its line discipline, with a fake kernel: the four VMIN/VTIME
// cases, blocking and O_NONBLOCK, ISIG to the foreground group, SIGWINCH on
// resize, background reads and writes (SIGTTIN/SIGTTOU, EIO when ignored or
// orphaned), ^S/^Q holding writers, and hangup.
import { test } from "node:test";
import assert from "node:assert/strict";
import { EAGAIN, EIO, ERESTARTSYS } from "../../src/kernel/errno.js";
import { defaultActions } from "../../src/kernel/signal-action.js";
import type { Task } from "../../src/kernel/task.js";
import { ThreadGroup } from "../../src/kernel/thread-group.js";
import { Blocked } from "../../src/kernel/wait.js";
import * as T from "../../src/tty/termios.js";
import { Tty, type TtyKernel } from "../../src/tty/tty.js";

class FakeKernel implements TtyKernel {
  now = 0;
  groups: ThreadGroup[] = [];
  sent: [number, number][] = [];
  readonly clock = { monotonicNs: (): number => this.now };
  processGroup(pgid: number): ThreadGroup[] {
    return this.groups.filter((g) => g.pgid === pgid);
  }
  signalProcessGroup(pgid: number, sig: number): number {
    this.sent.push([pgid, sig]);
    return this.processGroup(pgid).length;
  }
  sendSignal(t: Task, sig: number): void {
    this.sent.push([t.group.tgid, sig]);
  }
}

function makeTty(k: FakeKernel): { tty: Tty; out: () => string } {
  let out = "";
  const tty = new Tty("test", 0, k, {
    write: (b) => (out += Buffer.from(b).toString("latin1")),
    writeRoom: () => true,
    writeQueue: null,
  });
  return { tty, out: () => out };
}

/** Just enough of a task for the tty's job-control checks. */
function fakeTask(group: ThreadGroup): Task {
  return { group, sigMask: 0n, sigActions: defaultActions(), syscallState: null } as unknown as Task;
}

function read(tty: Tty, task: Task | null, n = 64, nonblock = false): string | number | Blocked {
  const b = new Uint8Array(n);
  const r = tty.read(task, b, nonblock);
  return typeof r === "number" && r >= 0 ? Buffer.from(b.subarray(0, r)).toString("latin1") : r;
}

function raw(tty: Tty, min: number, time: number): void {
  const t = T.copyTermios(tty.termios);
  t.lflag &= ~(T.ICANON | T.ECHO);
  t.cc[T.VMIN] = min;
  t.cc[T.VTIME] = time;
  tty.setTermios(t);
}

const type = (tty: Tty, s: string): number => tty.input(Buffer.from(s, "latin1"));

test("canonical reads wait for a line; O_NONBLOCK gives EAGAIN", () => {
  const { tty } = makeTty(new FakeKernel());
  type(tty, "ab");
  assert.ok(read(tty, null) instanceof Blocked);
  assert.equal(read(tty, null, 64, true), -EAGAIN);
  type(tty, "\r");
  assert.equal(read(tty, null), "ab\n");
});

test("VMIN = 0, VTIME = 0: never waits", () => {
  const { tty } = makeTty(new FakeKernel());
  raw(tty, 0, 0);
  assert.equal(read(tty, null), "");
  type(tty, "x");
  assert.equal(read(tty, null), "x");
});

test("VMIN > 0, VTIME = 0: waits for VMIN bytes (or fewer when the read asks fewer)", () => {
  const { tty } = makeTty(new FakeKernel());
  raw(tty, 3, 0);
  type(tty, "ab");
  assert.ok(read(tty, null) instanceof Blocked);
  assert.equal(read(tty, null, 2), "ab");
  type(tty, "cde");
  assert.equal(read(tty, null), "cde");
});

test("VMIN = 0, VTIME > 0: a read timer from the start of the read", () => {
  const k = new FakeKernel();
  const { tty } = makeTty(k);
  raw(tty, 0, 5);
  const task = fakeTask(new ThreadGroup(2, null, 2, 2, []));
  const r = read(tty, task);
  assert.ok(r instanceof Blocked);
  assert.equal((r as Blocked).deadlineNs, 500_000_000);
  k.now = 500_000_000;
  assert.equal(read(tty, task), "");
});

test("VMIN > 0, VTIME > 0: an inter-byte timer once a byte has come", () => {
  const k = new FakeKernel();
  const { tty } = makeTty(k);
  raw(tty, 4, 1);
  const r = read(tty, null);
  assert.ok(r instanceof Blocked && r.deadlineNs === null, "no timer before the first byte");
  k.now = 1_000;
  type(tty, "a");
  const r2 = read(tty, null);
  assert.ok(r2 instanceof Blocked && r2.deadlineNs === 1_000 + 100_000_000);
  k.now = 2_000 + 100_000_000;
  assert.equal(read(tty, null), "a");
});

test("ISIG signals the foreground group; a resize sends SIGWINCH once", () => {
  const k = new FakeKernel();
  const { tty, out } = makeTty(k);
  tty.pgrp = 7;
  type(tty, "\x03");
  assert.deepEqual(k.sent, [[7, 2]]);
  assert.equal(out(), "^C");
  tty.resize({ rows: 24, cols: 80, xpixel: 0, ypixel: 0 });
  tty.resize({ rows: 24, cols: 80, xpixel: 0, ypixel: 0 });
  assert.deepEqual(k.sent, [[7, 2], [7, 28]]);
});

test("background groups: SIGTTIN on read, EIO when ignored or orphaned, SIGTTOU on write with TOSTOP", () => {
  const k = new FakeKernel();
  const { tty } = makeTty(k);
  const leader = new ThreadGroup(10, null, 10, 10, []);
  const job = new ThreadGroup(11, leader, 11, 10, []);
  k.groups = [leader, job];
  tty.attach(leader);
  job.ctty = tty;
  const t = fakeTask(job);
  assert.equal(read(tty, t), -ERESTARTSYS);
  assert.deepEqual(k.sent, [[11, 21]]);
  // Writes pass until TOSTOP.
  assert.equal(tty.write(t, [Buffer.from("x")], false), 1);
  tty.termios.lflag |= T.TOSTOP;
  assert.equal(tty.write(t, [Buffer.from("x")], false), -ERESTARTSYS);
  assert.deepEqual(k.sent[1], [11, 22]);
  // A blocked SIGTTIN makes the read EIO.
  (t as { sigMask: bigint }).sigMask = 1n << 20n;
  assert.equal(read(tty, t), -EIO);
  (t as { sigMask: bigint }).sigMask = 0n;
  // An orphaned group (its parent is in another session) gets EIO too.
  job.parent = new ThreadGroup(3, null, 3, 3, []);
  assert.equal(read(tty, t), -EIO);
  // The foreground group reads normally.
  tty.pgrp = 11;
  type(tty, "ok\n");
  assert.equal(read(tty, t), "ok\n");
});

test("^S holds writers until ^Q", () => {
  const { tty, out } = makeTty(new FakeKernel());
  type(tty, "\x13");
  assert.ok(tty.write(null, [Buffer.from("a")], false) instanceof Blocked);
  assert.equal(tty.write(null, [Buffer.from("a")], true), -EAGAIN);
  type(tty, "\x11");
  assert.equal(tty.write(null, [Buffer.from("a\n")], false), 2);
  assert.equal(out(), "a\r\n");
});

test("hangup: SIGHUP and SIGCONT to the session leader alone, then EOF on reads and EIO on writes", () => {
  const k = new FakeKernel();
  const { tty } = makeTty(k);
  const leader = new ThreadGroup(5, null, 5, 5, []);
  leader.threads.add({ alive: true, group: leader } as unknown as Task);
  k.groups = [leader];
  tty.attach(leader);
  tty.hangup();
  assert.deepEqual(k.sent, [[5, 1], [5, 18]], "to the leader's process, not to its process group");
  assert.equal(leader.ctty, tty, "cleared by detachSession only when the kernel lists tasks");
  assert.equal(tty.session, null);
  assert.equal(read(tty, null), "");
  assert.equal(tty.write(null, [Buffer.from("x")], false), -EIO);
});
