// Escape attempts run end to end (issue 5): a guest program
// (tests/guest/escape_probe.c) tries every known way out of the image and out
// of a --bind mount — "..", host-absolute and climbing symlinks, symlink
// chains, /proc/self/root and /proc/self/cwd (also after chroot), symlinks
// inside the bind pointing outside it, openat on the bind's dirfd with
// "../..", rename/link of a bind file out of it, fchdir tricks after chroot.
// Sentinel files sit next to the image and next to the bind on the host; the
// test fails if the guest reports reading one, or if anything outside the
// image and the bind changed on the host. path-walk.test.ts checks the same
// rules on the walk alone.
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ARAMID_BIN, BUILD, aramidUnavailable, runCommand } from "../harness/run.js";

const PROBE = join(BUILD, "guest", "rv64", "escape_probe");
const SENTINEL = "SENTINEL outside the image\n";
const BIND_SENTINEL = "SENTINEL next to the bind\n";

interface Layout {
  base: string;
  rootfs: string;
  bind: string;
}

/** base/{sentinel, bind-sentinel, rootfs/, bind/}, with the symlinks the probe follows. */
function layout(): Layout {
  const base = mkdtempSync(join(tmpdir(), "aramid-escape-"));
  const rootfs = join(base, "rootfs");
  const bind = join(base, "bind");
  mkdirSync(rootfs);
  mkdirSync(bind);
  writeFileSync(join(base, "sentinel"), SENTINEL);
  writeFileSync(join(base, "bind-sentinel"), BIND_SENTINEL);
  copyFileSync(PROBE, join(rootfs, "escape_probe"));
  symlinkSync(join(base, "sentinel"), join(rootfs, "host-abs"));
  symlinkSync("../../../../sentinel", join(rootfs, "climb"));
  symlinkSync("chain2", join(rootfs, "chain1"));
  symlinkSync("/climb", join(rootfs, "chain2"));
  writeFileSync(join(bind, "file"), "inside the bind\n");
  symlinkSync("../sentinel", join(bind, "out"));
  symlinkSync(join(base, "sentinel"), join(bind, "abs"));
  symlinkSync("out", join(bind, "chain"));
  return { base, rootfs, bind };
}

/** Names, sizes and modification times of the host files outside the bind (whose own times may change). */
function snapshot(l: Layout): string {
  const entries = (dir: string): string[] =>
    readdirSync(dir).sort().map((n) => {
      if (join(dir, n) === l.bind) return n;
      const st = statSync(join(dir, n), { throwIfNoEntry: false });
      return `${n}:${st?.size ?? "-"}:${st?.mtimeMs ?? "-"}`;
    });
  return JSON.stringify([entries(l.base), entries(l.rootfs)]);
}

test("guest escape attempts never reach host files outside the image or the bind", { timeout: 180_000 }, async (t) => {
  const why = aramidUnavailable() ?? (existsSync(PROBE) ? null : `${PROBE} not built: run scripts/test-setup.sh`);
  if (why !== null) {
    t.skip(why);
    return;
  }
  const l = layout();
  try {
    const before = snapshot(l);
    const r = await runCommand(process.execPath, [ARAMID_BIN, "run", "--rootfs", l.rootfs, "--bind", `${l.bind}:/mnt/b`, "--", "/escape_probe", "/mnt/b"], { timeoutMs: 150_000 });
    const out = r.stdout;
    assert.equal(r.status, 0, `probe exit status\n${out}\n${r.stderr}`);
    assert.match(out, /^done$/m, `probe did not finish:\n${out}\n${r.stderr}`);
    // Every attempt reported (the probe prints one line each).
    assert.ok(out.split("\n").length > 30, out);
    t.diagnostic(out);
    const leaks = out.split("\n").filter((line) => line.startsWith("LEAK"));
    assert.deepEqual(leaks, [], out);
    assert.equal(readFileSync(join(l.base, "sentinel"), "utf8"), SENTINEL);
    assert.equal(readFileSync(join(l.base, "bind-sentinel"), "utf8"), BIND_SENTINEL);
    assert.equal(snapshot(l), before, "host files outside the bind changed");
    // The bind itself is writable: what the guest did there stays inside it.
    for (const n of readdirSync(l.bind)) assert.ok(!n.includes("outside"), `unexpected ${n} in the bind`);
  } finally {
    rmSync(l.base, { recursive: true, force: true });
  }
});
