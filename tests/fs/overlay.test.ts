// The root overlay: the image (a host directory) is never written; changes
// land in the tmpfs upper layer by copy-up, removals leave whiteouts, a
// directory made over a removed one is opaque, and readdir shows the merge.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HostDirFs } from "../../src/fs/hostdir/host-dir-fs.js";
import { NodeHostFs } from "../../src/host/node-host-fs.js";
import { OverlayFs } from "../../src/fs/overlay/overlay-fs.js";
import { TmpfsFs } from "../../src/fs/tmpfs/tmpfs-fs.js";
import type { Inode } from "../../src/fs/inode.js";
import { EEXIST, ENOENT, ENOTEMPTY, EXDEV } from "../../src/kernel/errno.js";
import { S_IFREG } from "../../src/fs/types.js";

const root = { uid: 0, gid: 0 };

function setup(): { ov: OverlayFs; host: string } {
  const host = mkdtempSync(join(tmpdir(), "aramid-ovl-"));
  mkdirSync(join(host, "etc/sub"), { recursive: true });
  writeFileSync(join(host, "etc/hostname"), "image\n");
  writeFileSync(join(host, "etc/sub/a"), "a");
  writeFileSync(join(host, "etc/passwd"), "root:x:0:0\n");
  const lower = new HostDirFs(new NodeHostFs(), host);
  return { ov: new OverlayFs(lower.root, new TmpfsFs({ mode: 0o755 })), host };
}

function get(dir: Inode, path: string): Inode {
  let cur = dir;
  for (const name of path.split("/")) {
    const next = cur.lookup(name);
    assert.equal(typeof next, "object", `${path}: ${String(next)}`);
    cur = next as Inode;
  }
  return cur;
}

function read(node: Inode): string {
  const buf = new Uint8Array(256);
  return new TextDecoder().decode(buf.subarray(0, node.readAt(0, buf)));
}

function names(dir: Inode): string[] {
  const list = dir.readdir();
  assert.ok(Array.isArray(list));
  return list.map((e) => e.name).filter((n) => n !== "." && n !== "..").sort();
}

test("writing copies the file up; the image keeps its bytes; the inode number stays", () => {
  const { ov, host } = setup();
  const f = get(ov.root, "etc/hostname");
  const ino = f.stat().ino;
  assert.equal(f.writeAt(0, new TextEncoder().encode("guest")), 5);
  assert.equal(read(get(ov.root, "etc/hostname")), "guest\n");
  assert.equal(readFileSync(join(host, "etc/hostname"), "utf8"), "image\n");
  assert.equal(f.stat().ino, ino);
  assert.equal(f.setattr({ mode: 0o600 }), 0);
  assert.equal(f.stat().mode & 0o777, 0o600);
});

test("unlink leaves a whiteout: the name is gone from lookup and readdir, and can be made again", () => {
  const { ov, host } = setup();
  const etc = get(ov.root, "etc");
  assert.equal(etc.unlink("passwd"), 0);
  assert.equal(etc.lookup("passwd"), -ENOENT);
  assert.deepEqual(names(etc), ["hostname", "sub"]);
  assert.ok(readdirSync(join(host, "etc")).includes("passwd"));
  const again = etc.create("passwd", S_IFREG | 0o644, 0, root);
  assert.equal(typeof again, "object");
  assert.equal(read(again as Inode), "");
  assert.deepEqual(names(etc), ["hostname", "passwd", "sub"]);
});

test("rmdir of a lower directory needs it empty; a new directory there is opaque", () => {
  const { ov } = setup();
  const etc = get(ov.root, "etc");
  assert.equal(etc.rmdir("sub"), -ENOTEMPTY);
  assert.equal(get(etc, "sub").unlink("a"), 0);
  assert.equal(etc.rmdir("sub"), 0);
  assert.equal(etc.lookup("sub"), -ENOENT);
  const sub = etc.mkdir("sub", 0o755, root);
  assert.equal(typeof sub, "object");
  assert.deepEqual(names(sub as Inode), []);
  assert.equal((sub as Inode).lookup("a"), -ENOENT);
});

test("new files merge with the image in readdir; rename of a lower file whites out the old name", () => {
  const { ov } = setup();
  const etc = get(ov.root, "etc");
  assert.equal(typeof etc.create("new", S_IFREG | 0o644, 0, root), "object");
  assert.deepEqual(names(etc), ["hostname", "new", "passwd", "sub"]);
  assert.equal(etc.rename("hostname", etc, "name2", 0), 0);
  assert.deepEqual(names(etc), ["name2", "new", "passwd", "sub"]);
  assert.equal(read(get(etc, "name2")), "image\n");
  assert.equal(etc.rename("sub", ov.root, "sub2", 0), -EXDEV);
  assert.equal(etc.mkdir("new", 0o755, root), -EEXIST);
});

test("readdir and stat agree on inode numbers", () => {
  const { ov } = setup();
  const etc = get(ov.root, "etc");
  etc.create("fresh", S_IFREG | 0o644, 0, root);
  const list = etc.readdir();
  assert.ok(Array.isArray(list));
  for (const e of list) {
    if (e.name === "." || e.name === "..") continue;
    assert.equal(e.ino, get(etc, e.name).stat().ino, e.name);
  }
});

test("a removed lower directory is dead: nothing can be made in it through an old reference", () => {
  const { ov } = setup();
  const etc = get(ov.root, "etc");
  const sub = get(etc, "sub");
  assert.equal(sub.unlink("a"), 0);
  assert.equal(etc.rmdir("sub"), 0);
  assert.equal(sub.create("x", S_IFREG | 0o644, 0, root), -ENOENT);
  assert.equal(etc.lookup("sub"), -ENOENT);
});
