// The /proc generators' formats, checked on a kernel whose processes have
// been created but not run: field counts, separators, units and the rules of
// PROCFS.md §0–§4 that every consumer depends on.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Kernel } from "../../src/kernel/kernel.js";
import { createNodeHost } from "../../src/host/node-host.js";
import type { Task } from "../../src/kernel/task.js";
import { taskStat } from "../../src/proc/task-stat.js";
import { taskStatm, taskStatus } from "../../src/proc/task-status.js";
import { taskMaps } from "../../src/proc/task-maps.js";
import { taskCmdline } from "../../src/proc/task-text.js";
import { procLoadavg, procMeminfo, procStat, procUptime } from "../../src/proc/system-files.js";

const ROOTFS = join(process.cwd(), "build", "guest", "rv64");
const skip = existsSync(join(ROOTFS, "hello")) ? false : "build/guest/rv64/hello not built (run npm test)";

function boot(): { k: Kernel; t: Task } {
  const k = new Kernel(createNodeHost(null), { memBytes: 64 * 1024 * 1024, rootfs: ROOTFS });
  const t = k.spawn("/hello", ["/hello", "arg one", "two"], ["A=1"]);
  assert.ok(typeof t !== "number", "spawn /hello");
  return { k, t };
}

test("stat: 52 single-space fields, comm in parentheses, trailing newline", { skip }, () => {
  const { k, t } = boot();
  const line = taskStat(k, t, true, true);
  assert.ok(line.endsWith("\n") && !line.endsWith(" \n"));
  const afterComm = line.slice(line.lastIndexOf(")") + 2, -1).split(" ");
  assert.equal(afterComm.length, 50, "fields after pid and comm");
  assert.match(line, /^2 \(hello\) R 1 2 2 0 -1 /);
  const field = (n: number): string => afterComm[n - 3];
  assert.ok(Number(field(23)) > 0, "vsize > 0 bytes");
  assert.ok(Number(field(24)) > 0, "rss > 0 pages");
  assert.equal(field(25), "18446744073709551615", "rsslim unlimited");
  assert.equal(field(38), "17", "exit_signal SIGCHLD for a process");
});

test("status: Key:\\tvalue lines, Vm block in kB, Groups with a trailing space", { skip }, () => {
  const { k, t } = boot();
  const s = taskStatus(k, t, true);
  for (const l of s.trimEnd().split("\n")) assert.match(l, /^[A-Za-z_()]+:\t/, l);
  assert.match(s, /^Name:\thello\nUmask:\t0022\nState:\tR \(running\)\nTgid:\t2\n/);
  assert.match(s, /\nVmSize:\t +\d+ kB\n/);
  assert.match(s, /\nGroups:\t0 \n/);
  assert.match(s, /\nThreads:\t1\n/);
  assert.match(s, /\nSigBlk:\t0{16}\n/);
});

test("statm has seven numbers; maps names [stack] and [vdso]; cmdline is the raw argv", { skip }, () => {
  const { k, t } = boot();
  assert.match(taskStatm(k, t), /^\d+ \d+ \d+ \d+ 0 \d+ 0\n$/);
  const maps = taskMaps(t);
  for (const l of maps.split("\n").filter((x) => x.length > 0)) assert.match(l, /^[0-9a-f]{8,}-[0-9a-f]{8,} [r-][w-][x-][ps] [0-9a-f]{8} [0-9a-f]{2}:[0-9a-f]{2} \d+ /);
  const stack = maps.split("\n").find((l) => l.endsWith("[stack]"));
  assert.ok(stack && stack.indexOf("[stack]") === 73, "name at column 73");
  assert.ok(maps.includes("[vdso]"));
  assert.equal(new TextDecoder().decode(taskCmdline(k, t)), "/hello\0arg one\0two\0");
});

test("system files: /proc/stat cpu lines, uptime, loadavg, meminfo", { skip }, () => {
  const { k } = boot();
  const stat = procStat(k);
  assert.match(stat, /^cpu  \d+ \d+ \d+ \d+ \d+ \d+ \d+ \d+ \d+ \d+\ncpu0 /);
  for (const key of ["intr", "ctxt", "btime", "processes", "procs_running", "procs_blocked", "softirq"]) {
    assert.match(stat, new RegExp(`\\n${key} \\d+`));
  }
  assert.match(procUptime(k), /^\d+\.\d\d \d+\.\d\d\n$/);
  assert.match(procLoadavg(k), /^\d+\.\d\d \d+\.\d\d \d+\.\d\d \d+\/\d+ 2\n$/);
  assert.match(procMeminfo(k), /^MemTotal: +65536 kB\nMemFree: +\d+ kB\nMemAvailable:/);
});
