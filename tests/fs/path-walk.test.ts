// The path walk must resolve every guest path inside the image: "..", absolute
// symlinks and symlink chains never reach a host file outside the root.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Dentry } from "../../src/fs/dentry.js";
import { HostDirFs } from "../../src/fs/hostdir/host-dir-fs.js";
import { walk, type WalkRoots } from "../../src/fs/path-walk.js";
import { NodeHostFs } from "../../src/host/node-host-fs.js";
import { ELOOP, ENAMETOOLONG, ENOENT, ENOTDIR } from "../../src/kernel/errno.js";

function image(): { roots: WalkRoots; outside: string } {
  const base = mkdtempSync(join(tmpdir(), "aramid-walk-"));
  const root = join(base, "root");
  mkdirSync(join(root, "etc"), { recursive: true });
  mkdirSync(join(root, "usr/bin"), { recursive: true });
  writeFileSync(join(root, "etc/hostname"), "inside\n");
  writeFileSync(join(base, "secret"), "outside\n");
  symlinkSync("/etc/hostname", join(root, "abs-link"));
  symlinkSync("../../../../secret", join(root, "climb"));
  symlinkSync(join(base, "secret"), join(root, "host-abs"));
  symlinkSync("usr/bin", join(root, "bin"));
  symlinkSync("loop-b", join(root, "loop-a"));
  symlinkSync("loop-a", join(root, "loop-b"));
  writeFileSync(join(root, "secret"), "decoy inside\n");
  const fs = new HostDirFs(new NodeHostFs(), root);
  const r = new Dentry("/", null, fs.root);
  return { roots: { root: r, cwd: r }, outside: base };
}

function resolvesTo(roots: WalkRoots, path: string): string | number {
  const d = walk(roots, roots.cwd, path, { followFinal: true });
  return typeof d === "number" ? d : d.pathFrom(roots.root);
}

test("dot-dot never climbs above the root", () => {
  const { roots } = image();
  assert.equal(resolvesTo(roots, "/../../../etc/hostname"), "/etc/hostname");
  assert.equal(resolvesTo(roots, "../../secret"), "/secret");
});

test("absolute symlinks restart at the guest root, not the host's", () => {
  const { roots } = image();
  assert.equal(resolvesTo(roots, "/abs-link"), "/etc/hostname");
  // A link naming a host path resolves (and fails) inside the image.
  assert.equal(resolvesTo(roots, "/host-abs"), -ENOENT);
});

test("relative symlink chains that climb stay inside", () => {
  const { roots } = image();
  assert.equal(resolvesTo(roots, "/climb"), "/secret");
  assert.equal(resolvesTo(roots, "/bin/../bin"), "/usr/bin");
});

test("symlink loops give ELOOP; bad components their errors", () => {
  const { roots } = image();
  assert.equal(resolvesTo(roots, "/loop-a"), -ELOOP);
  assert.equal(resolvesTo(roots, "/etc/hostname/x"), -ENOTDIR);
  assert.equal(resolvesTo(roots, "/etc/hostname/"), -ENOTDIR);
  assert.equal(resolvesTo(roots, "/nope"), -ENOENT);
  assert.equal(resolvesTo(roots, ""), -ENOENT);
  assert.equal(resolvesTo(roots, "/" + "a".repeat(256)), -ENAMETOOLONG);
  assert.equal(resolvesTo(roots, "/a".repeat(2100)), -ENAMETOOLONG);
});

test("a final symlink is kept when not following", () => {
  const { roots } = image();
  const d = walk(roots, roots.cwd, "/bin", { followFinal: false });
  assert.ok(typeof d !== "number" && d.inode.isSymlink());
});
