// Mounts: the boot mounts cover their directories, the path walk crosses
// into them and ".." climbs back out, umount uncovers what was below, and a
// bind of a host directory never lets a guest path reach outside it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bootVfs, type Vfs } from "../../src/fs/boot-mounts.js";
import { walk } from "../../src/fs/path-walk.js";
import { NodeHostFs } from "../../src/host/node-host-fs.js";
import type { Dentry } from "../../src/fs/dentry.js";
import { EBUSY, EINVAL, ENOENT } from "../../src/kernel/errno.js";
import { TmpfsFs } from "../../src/fs/tmpfs/tmpfs-fs.js";
import { TMPFS_MAGIC } from "../../src/fs/statfs.js";

function image(): { dir: string; base: string } {
  const base = mkdtempSync(join(tmpdir(), "aramid-mnt-"));
  const dir = join(base, "root");
  mkdirSync(join(dir, "etc"), { recursive: true });
  mkdirSync(join(dir, "tmp"));
  writeFileSync(join(dir, "tmp/under"), "x");
  writeFileSync(join(dir, "etc/hostname"), "inside\n");
  writeFileSync(join(base, "secret"), "outside\n");
  return { dir, base };
}

function at(v: Vfs, path: string, follow = true): Dentry | number {
  return walk({ root: v.root, cwd: v.root }, v.root, path, { followFinal: follow });
}
function d(v: Vfs, path: string): Dentry {
  const r = at(v, path);
  assert.equal(typeof r, "object", `${path}: ${String(r)}`);
  return r as Dentry;
}
function content(x: Dentry): string {
  const buf = new Uint8Array(64);
  return new TextDecoder().decode(buf.subarray(0, x.inode.readAt(0, buf)));
}

test("boot mounts: /tmp, /run, /dev/shm are tmpfs; missing mountpoints are made", () => {
  const v = bootVfs(new NodeHostFs(), image().dir);
  const tmp = d(v, "/tmp");
  assert.equal(tmp.mount?.fs.type, "tmpfs");
  assert.equal(tmp.mount?.fs.statfs().type, TMPFS_MAGIC);
  assert.equal(tmp.inode.stat().mode & 0o7777, 0o1777);
  assert.equal(at(v, "/tmp/under"), -ENOENT);
  assert.equal(d(v, "/run").mount?.fs.type, "tmpfs");
  assert.equal(d(v, "/dev/shm").mount?.fs.type, "tmpfs");
  assert.equal(d(v, "/dev/null").inode.stat().rdev, (1 << 8) | 3);
  assert.ok(d(v, "/proc").inode.isDirectory());
  const types = v.mounts.list().map((m) => `${m.root.pathFrom(v.root)} ${m.fstype}`);
  assert.deepEqual(types.slice(0, 2), ["/ overlay", "/dev devtmpfs"]);
});

test("dot-dot from a mount root climbs to the mountpoint's parent", () => {
  const v = bootVfs(new NodeHostFs(), image().dir);
  assert.equal(d(v, "/dev/shm/../../etc/hostname").pathFrom(v.root), "/etc/hostname");
  assert.equal(d(v, "/tmp/..").pathFrom(v.root), "/");
  assert.equal(d(v, "/dev/shm").pathFrom(v.root), "/dev/shm");
});

test("mount covers, umount uncovers; busy and non-mount cases are refused", () => {
  const v = bootVfs(new NodeHostFs(), image().dir);
  const etc = d(v, "/etc");
  const m = v.mounts.attach(etc, { fs: new TmpfsFs(), flags: 0, source: "none" });
  assert.equal(at(v, "/etc/hostname"), -ENOENT);
  assert.equal(v.mounts.detach(m, false, () => true), -EBUSY);
  assert.equal(v.mounts.detach(m, false, () => false), 0);
  assert.equal(content(d(v, "/etc/hostname")), "inside\n");
  assert.equal(v.mounts.detach(m, false, () => false), -EINVAL);
});

test("a bind of a host directory keeps every path inside it", () => {
  const { dir, base } = image();
  const share = join(base, "share");
  mkdirSync(share);
  writeFileSync(join(share, "data"), "shared\n");
  symlinkSync(join(base, "secret"), join(share, "abs"));
  symlinkSync("../secret", join(share, "climb"));
  symlinkSync("/etc/hostname", join(share, "guest-abs"));
  const v = bootVfs(new NodeHostFs(), dir, [{ host: share, guest: "/mnt/share", readOnly: false }]);
  assert.equal(content(d(v, "/mnt/share/data")), "shared\n");
  // "../secret" from /mnt/share is /mnt/secret in the guest, which does not exist.
  assert.equal(at(v, "/mnt/share/climb"), -ENOENT);
  assert.equal(at(v, "/mnt/share/../../../secret"), -ENOENT);
  // Absolute targets resolve in the guest's root, never the host's.
  assert.equal(at(v, "/mnt/share/abs"), -ENOENT);
  assert.equal(content(d(v, "/mnt/share/guest-abs")), "inside\n");
  const ro = bootVfs(new NodeHostFs(), dir, [{ host: share, guest: "/mnt/ro", readOnly: true }]);
  assert.equal(d(ro, "/mnt/ro").mount?.readOnly, true);
});

test("a writable bind writes to the host", () => {
  const { dir, base } = image();
  const share = join(base, "rw");
  mkdirSync(share);
  const v = bootVfs(new NodeHostFs(), dir, [{ host: share, guest: "/srv", readOnly: false }]);
  const made = d(v, "/srv").inode.create("out", 0o100644, 0, { uid: 0, gid: 0 });
  assert.equal(typeof made, "object");
  assert.equal((made as { writeAt(o: number, s: Uint8Array): number }).writeAt(0, new TextEncoder().encode("hi")), 2);
  assert.equal(content(d(v, "/srv/out")), "hi");
});
