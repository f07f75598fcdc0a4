// devpts instances without a kernel: mount options as Linux parses and shows
// them, numbers handed out lowest first and kept until released, slave
// nodes made and removed, and /dev/ptmx finding the devpts mounted beside it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bootVfs } from "../../src/fs/boot-mounts.js";
import { DevptsFs, parseDevptsOptions, PTMX_RDEV, type DevptsOptions } from "../../src/fs/devpts/devpts-fs.js";
import { walk } from "../../src/fs/path-walk.js";
import { EINVAL, ENODEV, ENOENT, ENOSPC } from "../../src/kernel/errno.js";
import { NodeHostFs } from "../../src/host/node-host-fs.js";
import { devptsFor } from "../../src/tty/devices.js";

function options(data: string): DevptsOptions {
  const o = parseDevptsOptions(data);
  assert.notEqual(typeof o, "number", data);
  return o as DevptsOptions;
}

test("options: defaults, Debian's set, and what is EINVAL", () => {
  assert.equal(new DevptsFs(options(""), { uid: 0, gid: 0 }).superOptions(), "rw,mode=600,ptmxmode=000");
  const debian = new DevptsFs(options("gid=5,mode=620,ptmxmode=000"), { uid: 0, gid: 0 });
  assert.equal(debian.superOptions(), "rw,gid=5,mode=620,ptmxmode=000");
  assert.equal(new DevptsFs(options("newinstance,uid=7,max=3,ro"), { uid: 0, gid: 0 }).superOptions(),
    "ro,uid=7,mode=600,ptmxmode=000,max=3");
  for (const bad of ["bogus", "mode=abc", "mode=", "gid=-1", "uid=x", "max=-1", "max=2000000", "nosuid"]) {
    assert.equal(parseDevptsOptions(bad), -EINVAL, bad);
  }
});

test("numbers: lowest free first, ENOSPC past max=, reused once killed", () => {
  const fs = new DevptsFs(options("max=2"), { uid: 0, gid: 0 });
  assert.equal(fs.newIndex(), 0);
  assert.equal(fs.newIndex(), 1);
  assert.equal(fs.newIndex(), -ENOSPC);
  fs.killIndex(0);
  assert.equal(fs.newIndex(), 0);
  fs.killIndex(0);
  fs.killIndex(1);
});

test("slave nodes: owner from the opener unless uid=/gid=, gone once killed", () => {
  const fs = new DevptsFs(options("gid=5,mode=620"), { uid: 0, gid: 0 });
  const node = fs.newSlave(3, { uid: 1000, gid: 1000 }, "pair");
  const st = node.stat();
  assert.deepEqual([st.mode.toString(8), st.uid, st.gid, st.ino], ["20620", 1000, 5, 6]);
  assert.equal(fs.root.lookup("3"), node);
  assert.deepEqual(fs.root.readdir().map((e) => e.name).sort(), [".", "..", "3", "ptmx"]);
  fs.killSlave(node);
  assert.equal(node.priv, null);
  assert.equal(fs.root.lookup("3"), -ENOENT);
  assert.equal(fs.ptmx.stat().rdev, PTMX_RDEV);
});

test("/dev/ptmx finds the devpts at /dev/pts; elsewhere ENODEV", () => {
  const dir = join(mkdtempSync(join(tmpdir(), "aramid-devpts-")), "root");
  mkdirSync(dir);
  const v = bootVfs(new NodeHostFs(), dir);
  const ptmx = walk({ root: v.root, cwd: v.root }, v.root, "/dev/ptmx", { followFinal: true });
  assert.notEqual(typeof ptmx, "number");
  if (typeof ptmx === "number") return;
  const fs = devptsFor(ptmx.inode, ptmx);
  assert.ok(fs instanceof DevptsFs);
  const pts = walk({ root: v.root, cwd: v.root }, v.root, "/dev/pts/ptmx", { followFinal: true });
  if (typeof pts === "number") return assert.fail("no /dev/pts/ptmx");
  assert.equal(devptsFor(pts.inode, pts), fs, "a devpts ptmx belongs to its own instance");
  const tmp = walk({ root: v.root, cwd: v.root }, v.root, "/tmp", { followFinal: true });
  if (typeof tmp === "number") return assert.fail("no /tmp");
  assert.equal(devptsFor(ptmx.inode, tmp.child("ptmx", ptmx.inode)), -ENOENT, "no pts beside it");
  const run = walk({ root: v.root, cwd: v.root }, v.root, "/run", { followFinal: true });
  if (typeof run === "number") return assert.fail("no /run");
  run.inode.mkdir("pts", 0o40755, { uid: 0, gid: 0 });
  assert.equal(devptsFor(ptmx.inode, run.child("ptmx", ptmx.inode)), -ENODEV, "pts beside it is not devpts");
});
