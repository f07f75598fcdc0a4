// The pipe object on its own (src/fs/pipe.ts), without guest code: blocking
// and non-blocking paths, EOF, EPIPE/SIGPIPE, PIPE_BUF atomicity, capacity in
// slots, F_SETPIPE_SZ, packet mode and what fstat/ioctl report. A write is
// driven the way the kernel drives it: the same request is re-run after a
// Blocked result, and syscallState is cleared once it completes.
import assert from "node:assert/strict";
import { test } from "node:test";
import { EAGAIN, EBADF, EBUSY, EINVAL, ENOTTY, EPERM, EPIPE, ESPIPE } from "../../src/kernel/errno.js";
import type { Task } from "../../src/kernel/task.js";
import { Blocked } from "../../src/kernel/wait.js";
import { InodeFile, O_DIRECT, O_NONBLOCK, O_RDONLY, O_WRONLY, type IoResult } from "../../src/fs/open-file.js";
import {
  ByteSource, F_GETPIPE_SZ, F_SETPIPE_SZ, FIONREAD, Pipe, PIPE_BUF, PIPEFS_DEV, type PipeFile, type PipeKernel, roundPipeSize,
} from "../../src/fs/pipe.js";
import { POLLERR, POLLHUP, POLLIN, POLLOUT, POLLRDNORM, POLLWRNORM } from "../../src/fs/poll-events.js";
import { S_IFIFO } from "../../src/fs/types.js";

const PAGE = 4096;

interface FakeTask {
  task: Task;
  /** The last value FIONREAD stored. */
  stored: number | null;
}

function fakeTask(euid = 0): FakeTask {
  const fake: FakeTask = { task: null as unknown as Task, stored: null };
  const mm = {
    writeU32: (_addr: number, v: number): number => {
      fake.stored = v;
      return 0;
    },
  };
  fake.task = { syscallState: null, creds: { uid: euid, euid }, mm } as unknown as Task;
  return fake;
}

interface Ends {
  pipe: Pipe;
  r: PipeFile;
  w: PipeFile;
  /** Tasks SIGPIPE was sent to. */
  sigpipes: Task[];
}

/** Tasks the fake kernel says have a signal pending. */
const pendingSignal = new Set<Task>();

function makePipe(readFlags = 0, writeFlags = 0): Ends {
  const pipe = new Pipe(() => ({ sec: 1, nsec: 0 }));
  const sigpipes: Task[] = [];
  const kernel: PipeKernel = {
    brokenPipe: (t) => void sigpipes.push(t),
    signalPending: (t) => pendingSignal.has(t),
  };
  return {
    pipe, sigpipes,
    r: pipe.open(O_RDONLY | readFlags, kernel),
    w: pipe.open(O_WRONLY | writeFlags, kernel),
  };
}

/** The user's buffer as the memory manager hands it out: cut at page boundaries of its address. */
function pages(data: Uint8Array, addr = 0): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let done = 0; done < data.length; ) {
    const n = Math.min(PAGE - ((addr + done) % PAGE), data.length - done);
    out.push(data.subarray(done, done + n));
    done += n;
  }
  return out;
}

/** One attempt of write(2), as the kernel runs it. */
function write(w: PipeFile, t: Task, data: Uint8Array, addr = 0): IoResult {
  const r = w.writeRequest(t, pages(data, addr));
  if (!(r instanceof Blocked)) t.syscallState = null;
  return r;
}

function bytes(n: number, seed = 0): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 7 + seed) & 0xff;
  return b;
}

function readAll(r: PipeFile, max = 1 << 22): Uint8Array {
  const out = new Uint8Array(max);
  let n = 0;
  for (;;) {
    const got = r.read(out.subarray(n, Math.min(max, n + 65536)));
    if (typeof got !== "number" || got <= 0) break;
    n += got;
  }
  return out.subarray(0, n);
}

test("pipe: data written is read back in order, in pieces of any size", () => {
  const { r, w } = makePipe();
  const { task } = fakeTask();
  const data = bytes(10000);
  assert.equal(write(w, task, data, 100), 10000);
  const a = new Uint8Array(3);
  assert.equal(r.read(a), 3);
  assert.deepEqual(a, data.subarray(0, 3));
  const rest = new Uint8Array(20000);
  assert.equal(r.read(rest), 9997, "a read takes what is there and does not wait for more");
  assert.deepEqual(rest.subarray(0, 9997), data.subarray(3));
});

test("pipe: an empty pipe blocks readers, EAGAIN when non-blocking, EOF once the writers are gone", () => {
  const { pipe, r, w } = makePipe();
  const got = r.read(new Uint8Array(10));
  assert.ok(got instanceof Blocked);
  assert.deepEqual(got.queues, [pipe.rdWait]);
  r.flags |= O_NONBLOCK;
  assert.equal(r.read(new Uint8Array(10)), -EAGAIN);
  assert.equal(r.read(new Uint8Array(0)), 0, "a zero-length read succeeds at once");
  let woken = 0;
  pipe.rdWait.add(() => woken++);
  w.release();
  assert.equal(woken, 1, "closing the last writer wakes the readers");
  assert.equal(r.read(new Uint8Array(10)), 0, "EOF");
});

test("pipe: data written before the last writer closed is still read before EOF", () => {
  const { r, w } = makePipe();
  const { task } = fakeTask();
  write(w, task, bytes(5));
  w.release();
  assert.equal(r.read(new Uint8Array(10)), 5);
  assert.equal(r.read(new Uint8Array(10)), 0);
});

test("pipe: a write wakes sleeping readers", () => {
  const { pipe, w } = makePipe();
  const { task } = fakeTask();
  let woken = 0;
  pipe.rdWait.add(() => woken++);
  write(w, task, bytes(1));
  assert.equal(woken, 1);
});

test("pipe: the default capacity is 16 pages; full pipes block writers or give EAGAIN", () => {
  const { pipe, r, w } = makePipe(0, O_NONBLOCK);
  const { task } = fakeTask();
  assert.equal(w.fcntl(task, F_GETPIPE_SZ, 0), 65536);
  for (let i = 0; i < 16; i++) assert.equal(write(w, task, bytes(PAGE)), PAGE);
  assert.equal(write(w, task, bytes(1)), -EAGAIN);
  assert.equal(pipe.available, 65536);
  w.flags &= ~O_NONBLOCK;
  const b = write(w, task, bytes(1));
  assert.ok(b instanceof Blocked);
  assert.deepEqual(b.queues, [pipe.wrWait]);
  let woken = 0;
  pipe.wrWait.add(() => woken++);
  assert.equal(r.read(new Uint8Array(10)), 10);
  assert.equal(woken, 0, "a slot is not free until it is read whole");
  assert.equal(r.read(new Uint8Array(PAGE)), PAGE, "the rest of slot 0 and the start of slot 1");
  assert.equal(woken, 1, "freeing a slot wakes the writers");
});

test("pipe: small writes merge into the last page, so one-byte writes fill 64 KiB", () => {
  const { pipe, w } = makePipe(0, O_NONBLOCK);
  const { task } = fakeTask();
  let n = 0;
  while (write(w, task, bytes(1)) === 1) n++;
  assert.equal(n, 65536);
  assert.equal(pipe.occupancy, 16);
});

test("pipe: a 4000-byte write takes a slot of its own; a remainder that fits still merges into a full pipe", () => {
  const { pipe, w } = makePipe(0, O_NONBLOCK);
  const { task } = fakeTask();
  for (let i = 0; i < 16; i++) assert.equal(write(w, task, bytes(4000)), 4000);
  assert.equal(write(w, task, bytes(4000)), -EAGAIN);
  assert.equal(write(w, task, bytes(96)), 96, "96 bytes fit behind the last 4000");
  assert.equal(write(w, task, bytes(1)), -EAGAIN);
  assert.equal(pipe.available, 16 * 4000 + 96);
});

test("pipe: a non-blocking write larger than PIPE_BUF is partial, one of at most PIPE_BUF is all or nothing", () => {
  const { pipe, w, r } = makePipe(0, O_NONBLOCK);
  const { task } = fakeTask();
  assert.equal(write(w, task, bytes(100000)), 65536);
  r.read(new Uint8Array(100)); // the first slot is partly read: still occupied
  assert.equal(write(w, task, bytes(PIPE_BUF)), -EAGAIN);
  assert.equal(pipe.available, 65436);
});

test("pipe: a write of at most PIPE_BUF that does not fit waits whole, even when split across user pages", () => {
  const { pipe, r, w } = makePipe();
  const { task } = fakeTask();
  assert.equal(write(w, task, bytes(15 * PAGE + 4000)), 15 * PAGE + 4000);
  const data = bytes(200, 3);
  const first = write(w, task, data, PAGE - 50); // two user chunks: 50 + 150 bytes
  assert.ok(first instanceof Blocked, "only 96 bytes of room: nothing is written");
  assert.equal(pipe.available, 15 * PAGE + 4000);
  assert.equal(r.read(new Uint8Array(PAGE)), PAGE);
  assert.equal(write(w, task, data, PAGE - 50), 200, "the re-run writes it whole");
  const all = readAll(r);
  assert.equal(all.length, 14 * PAGE + 4000 + 200);
  assert.deepEqual(all.subarray(all.length - 200), data);
});

test("pipe: a blocking write larger than the pipe keeps its progress across attempts", () => {
  const { r, w } = makePipe();
  const { task } = fakeTask();
  const data = bytes(150000, 9);
  const got: Uint8Array[] = [];
  let r1 = write(w, task, data, 123);
  let attempts = 1;
  while (r1 instanceof Blocked) {
    got.push(readAll(r).slice());
    r1 = write(w, task, data, 123);
    attempts++;
  }
  assert.equal(r1, 150000, "the count covers every attempt");
  assert.ok(attempts >= 3);
  assert.equal(task.syscallState, null);
  got.push(readAll(r).slice());
  const joined = Buffer.concat(got);
  assert.equal(joined.length, 150000);
  assert.ok(joined.equals(Buffer.from(data)), "nothing written twice or skipped");
});

test("pipe: writers get EPIPE and SIGPIPE once no reader is left", () => {
  const { pipe, r, w, sigpipes } = makePipe();
  const { task } = fakeTask();
  let woken = 0;
  pipe.wrWait.add(() => woken++);
  r.release();
  assert.equal(woken, 1, "closing the last reader wakes the writers");
  assert.equal(write(w, task, bytes(10)), -EPIPE);
  assert.deepEqual(sigpipes, [task]);
  assert.equal(w.write(bytes(10)), -EPIPE, "the task-less path fails too (without a signal)");
  assert.equal(sigpipes.length, 1);
});

test("pipe: a blocked write whose reader goes away returns what it wrote, and still signals", () => {
  const { r, w, sigpipes } = makePipe();
  const { task } = fakeTask();
  const first = write(w, task, bytes(100000));
  assert.ok(first instanceof Blocked);
  r.release();
  assert.equal(write(w, task, bytes(100000)), 65536);
  assert.deepEqual(sigpipes, [task]);
});

test("pipe: a zero-length write succeeds even without readers", () => {
  const { r, w, sigpipes } = makePipe();
  const { task } = fakeTask();
  r.release();
  assert.equal(w.writeRequest(task, []), 0);
  assert.equal(sigpipes.length, 0);
});

test("pipe: F_SETPIPE_SZ rounds up to a power-of-two number of pages and checks limits", () => {
  const { pipe, w } = makePipe(0, O_NONBLOCK);
  const root = fakeTask(0).task;
  const user = fakeTask(1000).task;
  assert.equal(w.fcntl(user, F_SETPIPE_SZ, 0), PAGE);
  assert.equal(w.fcntl(user, F_SETPIPE_SZ, 5000), 8192);
  assert.equal(w.fcntl(user, F_GETPIPE_SZ, 0), 8192);
  assert.equal(w.fcntl(user, F_SETPIPE_SZ, 1 << 20), 1 << 20);
  assert.equal(w.fcntl(user, F_SETPIPE_SZ, (1 << 20) + 1), -EPERM, "above pipe-max-size");
  assert.equal(w.fcntl(root, F_SETPIPE_SZ, (1 << 20) + 1), 2 << 20, "root may");
  assert.equal(w.fcntl(user, F_SETPIPE_SZ, 4 << 20), -EPERM, "growing further is still checked");
  assert.equal(w.fcntl(user, F_SETPIPE_SZ, 1 << 20), 1 << 20, "shrinking is always allowed");
  assert.equal(w.fcntl(root, F_SETPIPE_SZ, 2 ** 31 + 1), -EINVAL);
  assert.equal(w.fcntl(root, F_SETPIPE_SZ, 2 ** 32 + PAGE), PAGE, "the argument is an unsigned int");
  assert.equal(write(w, user, bytes(3 * PAGE)), PAGE, "one page is one slot");
  assert.equal(w.fcntl(user, F_SETPIPE_SZ, 8192), 8192);
  assert.equal(write(w, user, bytes(3 * PAGE)), PAGE);
  assert.equal(pipe.occupancy, 2);
  assert.equal(w.fcntl(user, F_SETPIPE_SZ, PAGE), -EBUSY, "two slots in use");
  assert.equal(roundPipeSize(65537), 131072);
  assert.equal(w.fcntl(user, 9999, 0), null, "other commands are not the pipe's");
});

test("pipe: growing the pipe wakes blocked writers", () => {
  const { pipe, w } = makePipe();
  const { task } = fakeTask();
  assert.ok(write(w, task, bytes(100000)) instanceof Blocked);
  let woken = 0;
  pipe.wrWait.add(() => woken++);
  assert.equal(w.fcntl(task, F_SETPIPE_SZ, 1 << 17), 1 << 17);
  assert.equal(woken, 1);
  assert.equal(write(w, task, bytes(100000)), 100000);
});

test("pipe: fcntl pipe commands on other files are EBADF", () => {
  const { task } = fakeTask();
  const f = new InodeFile(null as never, O_RDONLY);
  assert.equal(f.fcntl(task, F_GETPIPE_SZ, 0), -EBADF);
  assert.equal(f.fcntl(task, F_SETPIPE_SZ, PAGE), -EBADF);
  assert.equal(f.fcntl(task, 9999, 0), null);
});

test("pipe: O_DIRECT makes packets; a read takes one and drops what does not fit", () => {
  const { r, w } = makePipe(O_NONBLOCK, O_DIRECT);
  const { task } = fakeTask();
  write(w, task, bytes(3, 1));
  write(w, task, bytes(4, 2));
  write(w, task, bytes(10, 3));
  const b = new Uint8Array(100);
  assert.equal(r.read(b), 3);
  assert.deepEqual(b.subarray(0, 3), bytes(3, 1));
  assert.equal(r.read(b), 4);
  assert.equal(r.read(b.subarray(0, 6)), 6);
  assert.equal(r.read(b), -EAGAIN, "the packet's other 4 bytes are gone");
  write(w, task, bytes(5000));
  assert.equal(r.read(b.subarray(0, 100)), 100, "a long write is one packet per page");
  assert.equal(r.read(new Uint8Array(PAGE)), 904);
});

test("pipe: fstat, lseek and ioctl", () => {
  const a = makePipe();
  const b = makePipe();
  const fake = fakeTask();
  const st = a.r.stat();
  assert.equal(st.mode, S_IFIFO | 0o600);
  assert.equal(st.dev, PIPEFS_DEV);
  assert.equal(st.blksize, 4096);
  assert.equal(st.size, 0);
  assert.equal(st.nlink, 1);
  assert.equal(a.w.stat().ino, st.ino, "both ends are the same inode");
  assert.notEqual(b.r.stat().ino, st.ino, "each pipe its own");
  assert.equal(a.r.lseek(0, 0), -ESPIPE);
  assert.equal(a.r.seekable, false);
  write(a.w, fake.task, bytes(1234));
  assert.equal(a.r.ioctl(fake.task, FIONREAD, 0x1000), 0);
  assert.equal(fake.stored, 1234);
  assert.equal(a.w.ioctl(fake.task, FIONREAD, 0x1000), 0, "on either end");
  assert.equal(a.r.ioctl(fake.task, 0x5401, 0), -ENOTTY, "not a terminal");
});

test("pipe: the access mode decides which side a description counts for", () => {
  const { pipe, r, w } = makePipe();
  assert.equal(pipe.readers, 1);
  assert.equal(pipe.writers, 1);
  assert.equal(r.readable && !r.writable, true);
  assert.equal(w.writable && !w.readable, true);
  r.flags |= O_NONBLOCK; // F_SETFL must not confuse the count at close
  r.release();
  w.release();
  assert.equal(pipe.readers, 0);
  assert.equal(pipe.writers, 0);
});

test("pipe: poll events follow pipe_poll", () => {
  const { r, w } = makePipe(0, O_NONBLOCK);
  const { task } = fakeTask();
  assert.equal(r.poll().events, 0, "empty, writers present");
  assert.equal(w.poll().events, POLLOUT | POLLWRNORM);
  write(w, task, bytes(65536));
  assert.equal(r.poll().events, POLLIN | POLLRDNORM);
  assert.equal(w.poll().events, 0, "full");
  w.release();
  assert.equal(r.poll().events, POLLIN | POLLRDNORM | POLLHUP, "data still readable after hang-up");
  const b = makePipe();
  b.r.release();
  assert.equal(b.w.poll().events, POLLOUT | POLLWRNORM | POLLERR);
});

test("pipe: a write request's bytes are taken in order across buffers, skipping what was written", () => {
  const parts = [Uint8Array.of(1, 2), new Uint8Array(0), Uint8Array.of(3), Uint8Array.of(4, 5, 6)];
  const src = new ByteSource(parts, 2);
  assert.equal(src.remaining, 4);
  const out = new Uint8Array(4);
  src.copyTo(out, 0, 3);
  assert.deepEqual(out, Uint8Array.of(3, 4, 5, 0));
  assert.equal(src.remaining, 1);
  src.copyTo(out, 3, 1);
  assert.deepEqual(out, Uint8Array.of(3, 4, 5, 6));
  assert.equal(new ByteSource(parts, 6).remaining, 0);
});

test("pipe: a signal ends a blocked write with its count once something was written", () => {
  const { r, w } = makePipe();
  const { task } = fakeTask();
  const first = write(w, task, bytes(100000));
  assert.ok(first instanceof Blocked);
  assert.equal(first.onSignal, "rerun", "the re-run returns the count; a restart would write it twice");
  pendingSignal.add(task);
  try {
    assert.equal(write(w, task, bytes(100000)), 65536);
  } finally {
    pendingSignal.delete(task);
  }
  readAll(r);
  const { task: other } = fakeTask();
  write(w, other, bytes(65536));
  const none = write(w, other, bytes(10));
  assert.ok(none instanceof Blocked);
  assert.equal(none.onSignal, "interrupt", "nothing written: ERESTARTSYS rules");
});
