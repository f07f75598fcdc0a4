// tmpfs: files grow and shrink, directories count their links, rename
// follows Linux's replacement rules, and space is accounted for statfs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { TmpfsFs } from "../../src/fs/tmpfs/tmpfs-fs.js";
import type { Inode } from "../../src/fs/inode.js";
import { RENAME_EXCHANGE, RENAME_NOREPLACE } from "../../src/fs/inode.js";
import { EEXIST, EISDIR, ENOENT, ENOSPC, ENOTDIR, ENOTEMPTY } from "../../src/kernel/errno.js";
import { S_IFDIR, S_IFREG } from "../../src/fs/types.js";
import { TMPFS_MAGIC } from "../../src/fs/statfs.js";

const root = { uid: 0, gid: 0 };

function inode(x: Inode | number): Inode {
  assert.equal(typeof x, "object", `expected an inode, got ${String(x)}`);
  return x as Inode;
}

test("a file grows, reads back, truncates and reads zeros past the old end", () => {
  const fs = new TmpfsFs();
  const f = inode(fs.root.create("f", S_IFREG | 0o644, 0, root));
  assert.equal(f.writeAt(0, new TextEncoder().encode("hello world")), 11);
  assert.equal(f.setattr({ size: 5 }), 0);
  assert.equal(f.setattr({ size: 8 }), 0);
  const buf = new Uint8Array(16);
  assert.equal(f.readAt(0, buf), 8);
  assert.deepEqual([...buf.subarray(0, 8)], [104, 101, 108, 108, 111, 0, 0, 0]);
  assert.equal(f.writeAt(10000, new Uint8Array([1])), 1);
  assert.equal(f.stat().size, 10001);
});

test("directories count links and refuse removal while not empty", () => {
  const fs = new TmpfsFs();
  const d = inode(fs.root.mkdir("d", S_IFDIR | 0o755, root));
  assert.equal(fs.root.stat().nlink, 3);
  inode(d.mkdir("e", 0o755, root));
  assert.equal(d.stat().nlink, 3);
  assert.equal(fs.root.rmdir("d"), -ENOTEMPTY);
  assert.equal(fs.root.unlink("d"), -EISDIR);
  assert.equal(d.rmdir("e"), 0);
  assert.equal(fs.root.rmdir("d"), 0);
  assert.equal(fs.root.stat().nlink, 2);
  assert.equal(fs.root.lookup("d"), -ENOENT);
  assert.equal(fs.root.mkdir("x", 0o755, root) instanceof Object, true);
  assert.equal(fs.root.mkdir("x", 0o755, root), -EEXIST);
});

test("hard links share the inode and count names", () => {
  const fs = new TmpfsFs();
  const f = inode(fs.root.create("a", S_IFREG | 0o644, 0, root));
  assert.equal(fs.root.link("b", f), 0);
  assert.equal(f.stat().nlink, 2);
  assert.equal(fs.root.unlink("a"), 0);
  assert.equal(fs.root.lookup("b"), f);
  assert.equal(f.stat().nlink, 1);
});

test("rename replaces files, refuses type changes, exchanges and moves directories", () => {
  const fs = new TmpfsFs();
  const a = inode(fs.root.create("a", S_IFREG | 0o644, 0, root));
  inode(fs.root.create("b", S_IFREG | 0o644, 0, root));
  const d = inode(fs.root.mkdir("d", 0o755, root));
  const e = inode(fs.root.mkdir("e", 0o755, root));
  inode(e.create("x", S_IFREG, 0, root));
  assert.equal(fs.root.rename("a", fs.root, "b", RENAME_NOREPLACE), -EEXIST);
  assert.equal(fs.root.rename("a", fs.root, "b", 0), 0);
  assert.equal(fs.root.lookup("b"), a);
  assert.equal(fs.root.rename("b", fs.root, "d", 0), -EISDIR);
  assert.equal(fs.root.rename("d", fs.root, "b", 0), -ENOTDIR);
  assert.equal(fs.root.rename("d", fs.root, "e", 0), -ENOTEMPTY);
  assert.equal(fs.root.rename("b", fs.root, "d", RENAME_EXCHANGE), 0);
  assert.equal(fs.root.lookup("d"), a);
  assert.equal(fs.root.lookup("b"), d);
  assert.equal(fs.root.rename("b", e, "moved", 0), 0);
  assert.equal(e.stat().nlink, 3);
});

test("statfs reports tmpfs's magic and the space in use; a full tmpfs says ENOSPC", () => {
  const fs = new TmpfsFs({ pages: 4 });
  assert.equal(fs.statfs().type, TMPFS_MAGIC);
  const f = inode(fs.root.create("f", S_IFREG | 0o644, 0, root));
  assert.equal(f.writeAt(0, new Uint8Array(8192)), 8192);
  assert.equal(fs.statfs().bfree, 2);
  assert.equal(f.writeAt(8192, new Uint8Array(20000)), -ENOSPC);
});
