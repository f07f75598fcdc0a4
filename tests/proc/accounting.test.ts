// The accounting invariant of DESIGN.md §5, seen through /proc/stat from
// inside the guest: the cpu columns always add up to the elapsed time
// (uptime), compute shows as user time, syscalls as system time, and a
// sleep as idle. Bounds are generous: the machine may be loaded. Steal is
// tested on CpuAccounting itself with a fake host CPU clock.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { CpuAccounting } from "../../src/kernel/cpu-accounting.js";
import type { Task } from "../../src/kernel/task.js";

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

// Steal: a fake host CPU clock that stops while the wall clock runs stands for
// the Node process being descheduled. The stall must end up in steal, not in
// the task's times, which never go backwards; every ns is charged once.

interface FakeTask {
  utimeNs: number;
  stimeNs: number;
  nice: number;
  alive: boolean;
}

function fakeTask(): FakeTask {
  return { utimeNs: 0, stimeNs: 0, nice: 0, alive: true };
}

const MS = 1_000_000;

function columns(a: CpuAccounting): number {
  const c = a.cpus[0];
  return c.user + c.nice + c.system + c.idle + c.iowait + c.irq + c.softirq + c.steal;
}

test("a host stall inside a slice is charged as steal, not to the task", () => {
  let hostCpu = 0;
  const acct = new CpuAccounting(0, () => hostCpu);
  const f = fakeTask();
  const t = f as unknown as Task;
  let now = 0;
  // 20 ms of guest work with the host giving the process every ns.
  for (let i = 0; i < 20; i++) {
    now += MS;
    hostCpu += MS;
    acct.user(t, now);
  }
  acct.sliceEnded(t, now);
  assert.equal(acct.cpus[0].steal, 0, "no stall, no steal");
  assert.equal(f.utimeNs, 20 * MS);
  // A 30 ms stall in the middle of the next slice: wall time passes, host CPU does not.
  now += 2 * MS;
  hostCpu += 2 * MS;
  acct.system(t, now);
  now += 30 * MS;
  acct.user(t, now);
  const seen = f.utimeNs + f.stimeNs;
  acct.sliceEnded(t, now);
  // The debt is taken out of the task's next charges, which go to steal.
  const samples: number[] = [];
  for (let i = 0; i < 50; i++) {
    now += MS;
    hostCpu += MS;
    acct.user(t, now);
    samples.push(f.utimeNs + f.stimeNs);
    acct.sliceEnded(t, now);
  }
  let prev = seen;
  for (const s of samples) {
    assert.ok(s >= prev, "task times never go backwards");
    prev = s;
  }
  assert.equal(acct.cpus[0].steal, 30 * MS, "the stall is steal");
  assert.equal(f.utimeNs + f.stimeNs, now - 30 * MS, "the task has exactly the time the host gave it");
  assert.equal(columns(acct), now, "every ns is charged once");
});

test("idle waits are not steal, and without a host CPU clock accounting is wall-clock", () => {
  let hostCpu = 0;
  const acct = new CpuAccounting(0, () => hostCpu);
  const f = fakeTask();
  const t = f as unknown as Task;
  let now = 5 * MS;
  hostCpu += 5 * MS;
  acct.user(t, now);
  // 50 ms asleep in the event loop: the process uses no CPU, and that is idle.
  now += 50 * MS;
  acct.idle(now);
  now += 5 * MS;
  hostCpu += 5 * MS;
  acct.user(t, now);
  acct.sliceEnded(t, now);
  for (let i = 0; i < 10; i++) {
    now += MS;
    hostCpu += MS;
    acct.user(t, now);
  }
  assert.equal(acct.cpus[0].steal, 0);
  assert.equal(acct.cpus[0].idle, 50 * MS);
  assert.equal(f.utimeNs, 20 * MS);

  const wall = new CpuAccounting(0);
  const g = fakeTask();
  wall.user(g as unknown as Task, 40 * MS);
  wall.sliceEnded(g as unknown as Task, 40 * MS);
  wall.user(g as unknown as Task, 41 * MS);
  assert.equal(g.utimeNs, 41 * MS, "no host CPU clock: the task gets the wall time");
  assert.equal(wall.cpus[0].steal, 0);
});
