// The accounting invariant of DESIGN.md §5, seen through /proc/stat from
// inside the guest: the cpu columns always add up to the elapsed time
// (uptime), compute shows as user time, syscalls as system time, and a
// sleep as idle. Bounds are generous: the machine may be loaded.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";

const ROOT = process.cwd();
const OUT = join(ROOT, "build", "proc-tests");
const SRC = join(ROOT, "tests", "proc", "c", "acct_invariant.c");

function build(): string | false {
  try {
    mkdirSync(OUT, { recursive: true });
    execFileSync("riscv64-linux-gnu-gcc", ["-static", "-O2", "-o", join(OUT, "acct_invariant"), SRC]);
    return false;
  } catch (e) {
    return `cannot build the guest program: ${(e as Error).message}`;
  }
}

interface Sample {
  cols: number[];
  uptime: number;
  idleSeconds: number;
}

function parse(line: string): [string, Sample] {
  const [left, up] = line.split(" | ");
  const parts = left.trim().split(/\s+/);
  const [uptime, idleSeconds] = up.trim().split(" ").map(Number);
  return [parts[0], { cols: parts.slice(2).map(Number), uptime, idleSeconds }];
}

test("cpu columns add up to uptime; compute is user time, syscalls are system time, sleep is idle", { skip: build() }, () => {
  assert.ok(existsSync(join(OUT, "acct_invariant")));
  const r = spawnSync("node", [join(ROOT, "bin", "aramid.js"), "run", "--rootfs", OUT, "--", "/acct_invariant"],
    { encoding: "utf8", timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  const s = new Map(r.stdout.trim().split("\n").map(parse));
  for (const [tag, v] of s) {
    const total = v.cols.slice(0, 8).reduce((a, b) => a + b, 0);
    // Ticks are truncated per column, so the sum may trail uptime by a few.
    assert.ok(Math.abs(total - v.uptime * 100) <= 4, `${tag}: columns ${total} vs uptime ${v.uptime * 100}`);
    assert.ok(v.idleSeconds * 100 <= v.cols[3] + 2 && v.idleSeconds * 100 >= v.cols[3] - 2, `${tag}: idle agrees`);
  }
  const d = (a: string, b: string, i: number): number => (s.get(b) as Sample).cols[i] - (s.get(a) as Sample).cols[i];
  assert.ok(d("start", "compute", 0) > 3 * d("start", "compute", 2), "compute phase is mostly user time");
  assert.ok(d("compute", "syscalls", 2) > d("compute", "syscalls", 0), "syscall phase is mostly system time");
  assert.ok(d("syscalls", "sleep", 3) >= 20, "a 0.3 s sleep is idle time");
});
