// Advisory locks: flock conflicts between descriptions, record locks split
// and merge by owner, and releasing an owner frees its ranges.
import { test } from "node:test";
import assert from "node:assert/strict";
import { TmpfsFs } from "../../src/fs/tmpfs/tmpfs-fs.js";
import type { Inode } from "../../src/fs/inode.js";
import {
  flock, F_RDLCK, F_UNLCK, F_WRLCK, LOCK_EX, LOCK_NB, LOCK_SH, LOCK_UN, releaseLocks, setRecordLock, testRecordLock,
} from "../../src/fs/locks.js";
import { EAGAIN, EWOULDBLOCK } from "../../src/kernel/errno.js";
import { WaitQueue } from "../../src/kernel/wait.js";

function file(): Inode {
  return new TmpfsFs().root.create("f", 0o100644, 0, { uid: 0, gid: 0 }) as Inode;
}

test("flock: exclusive excludes, shared shares, a blocking request gets a queue", () => {
  const f = file();
  const a = {};
  const b = {};
  assert.equal(flock(f, a, LOCK_EX), 0);
  assert.equal(flock(f, b, LOCK_SH | LOCK_NB), -EWOULDBLOCK);
  assert.ok(flock(f, b, LOCK_SH) instanceof WaitQueue);
  assert.equal(flock(f, a, LOCK_UN), 0);
  assert.equal(flock(f, b, LOCK_SH), 0);
  assert.equal(flock(f, a, LOCK_SH), 0);
});

test("record locks: conflicts by range, unlocking the middle splits, release frees all", () => {
  const f = file();
  const p1 = {};
  const p2 = {};
  assert.equal(setRecordLock(f, p1, F_WRLCK, 0, 99, 1, false), 0);
  assert.equal(setRecordLock(f, p2, F_RDLCK, 50, 50, 2, false), -EAGAIN);
  assert.equal(setRecordLock(f, p1, F_UNLCK, 40, 59, 1, false), 0);
  assert.equal(setRecordLock(f, p2, F_WRLCK, 45, 55, 2, false), 0);
  const c = testRecordLock(f, p2, F_RDLCK, 0, Infinity);
  assert.deepEqual(c && [c.start, c.end, c.pid], [0, 39, 1]);
  releaseLocks(f, p1);
  assert.equal(testRecordLock(f, p2, F_WRLCK, 0, 39), null);
  assert.equal(setRecordLock(f, p2, F_WRLCK, 56, 60, 2, false), 0);
  const merged = testRecordLock(f, p1, F_RDLCK, 0, Infinity);
  assert.deepEqual(merged && [merged.start, merged.end], [45, 60]);
});
