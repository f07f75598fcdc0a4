// epoll over eventfds without a guest: the ready list's level, edge and
// one-shot rules, removal of closed files, and eventfd's counter rules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { EpollFile } from "../../src/fs/anon/epoll-file.js";
import { EPOLLERR, EPOLLET, EPOLLHUP, EPOLLIN, EPOLLONESHOT } from "../../src/fs/anon/epoll-events.js";
import { EventFdFile } from "../../src/fs/anon/eventfd-file.js";
import { FdTable } from "../../src/fs/fd-table.js";
import { O_NONBLOCK, O_RDWR } from "../../src/fs/open-file.js";
import { EAGAIN, EINVAL } from "../../src/kernel/errno.js";
import { Blocked } from "../../src/kernel/wait.js";

function u64(n: bigint): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, n, true);
  return b;
}

function readValue(f: EventFdFile): bigint | number | Blocked {
  const b = new Uint8Array(8);
  const r = f.read(b);
  return typeof r === "number" && r === 8 ? new DataView(b.buffer).getBigUint64(0, true) : r;
}

/** An eventfd held open by a table (epoll drops items whose file nobody holds). */
function openEventfd(table: FdTable, value = 0n, semaphore = false): { f: EventFdFile; fd: number } {
  const f = new EventFdFile(value, semaphore, O_RDWR | O_NONBLOCK);
  return { f, fd: table.install(f, false, 1024) };
}

const WATCH = EPOLLIN | EPOLLERR | EPOLLHUP;

test("eventfd: counter, semaphore mode, overflow and short buffers", () => {
  const f = new EventFdFile(3n, false, O_RDWR | O_NONBLOCK);
  assert.equal(f.read(new Uint8Array(4)), -EINVAL);
  assert.equal(readValue(f), 3n);
  assert.equal(readValue(f), -EAGAIN);
  assert.equal(f.write(u64(0xffff_ffff_ffff_ffffn)), -EINVAL);
  assert.equal(f.write(u64(0xffff_ffff_ffff_fffen)), 8);
  assert.equal(f.write(u64(1n)), -EAGAIN);
  const s = new EventFdFile(2n, true, O_RDWR);
  assert.equal(readValue(s), 1n);
  assert.equal(readValue(s), 1n);
  assert.ok(readValue(s) instanceof Blocked);
});

test("epoll: level-triggered items stay ready, edge-triggered ones need a new notification", () => {
  const table = new FdTable();
  const ep = new EpollFile(O_RDWR);
  const lt = openEventfd(table);
  const et = openEventfd(table);
  ep.add(lt.f, lt.fd, WATCH, 1n);
  ep.add(et.f, et.fd, WATCH | EPOLLET, 2n);
  assert.deepEqual(ep.collect(8), []);
  lt.f.write(u64(1n));
  et.f.write(u64(1n));
  assert.deepEqual(ep.collect(8).map((e) => e.data).sort(), [1n, 2n]);
  assert.deepEqual(ep.collect(8).map((e) => e.data), [1n]);
  et.f.write(u64(1n));
  assert.deepEqual(ep.collect(8).map((e) => e.data).sort(), [1n, 2n]);
  readValue(lt.f);
  assert.deepEqual(ep.collect(8), []);
});

test("epoll: one-shot items are disabled until modified; closed files leave the set", () => {
  const table = new FdTable();
  const ep = new EpollFile(O_RDWR);
  const a = openEventfd(table, 1n);
  ep.add(a.f, a.fd, WATCH | EPOLLONESHOT, 7n);
  assert.equal(ep.collect(8).length, 1);
  assert.equal(ep.collect(8).length, 0);
  const item = ep.find(a.f, a.fd);
  assert.ok(item);
  ep.modify(item, WATCH | EPOLLONESHOT, 8n);
  assert.deepEqual(ep.collect(8).map((e) => e.data), [8n]);
  const b = openEventfd(table, 1n);
  ep.add(b.f, b.fd, WATCH, 9n);
  table.close(b.fd);
  assert.equal(ep.collect(8).length, 0);
  assert.equal(ep.find(b.f, b.fd), undefined);
});

test("epoll: an instance is readable while an item is ready, and wakes its own waiters", () => {
  const table = new FdTable();
  const ep = new EpollFile(O_RDWR);
  const a = openEventfd(table);
  ep.add(a.f, a.fd, WATCH, 1n);
  assert.equal(ep.poll().events & EPOLLIN, 0);
  let woken = 0;
  ep.wq.add(() => woken++);
  a.f.write(u64(5n));
  assert.equal(woken, 1);
  assert.equal(ep.poll().events & EPOLLIN, EPOLLIN);
});
