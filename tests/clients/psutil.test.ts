// psutil's view of Aramid (issue 6, real clients): Debian's python3 and
// python3-psutil, from an image built with `aramid image build --packages
// python3,python3-psutil,busybox-static,procps --name py`, run
// tests/clients/progs/psutil_driver.py inside Aramid. The driver starts the
// same small static riscv64 helpers as the procps test (a busy loop,
// sleepers, a zombie maker, a 4-thread program, a setuid process; compiled
// into build/clients-psutil/ and bound at /opt/t) and records what psutil
// says next to what /proc and ps say; the tests below compare them.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { ARAMID_BIN, BUILD, type RunResult, runCommand } from "../harness/run.js";
import { buildProgs, progsUnavailable } from "./progs.js";

export const PY_IMAGE = join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "aramid", "images", "py");
const OUT = join(BUILD, "clients-psutil");
const PROGS = ["spin", "sleeper", "threads4", "zparent", "setuidp"];
const PAGE = 4096;
/** USER_HZ: /proc's times are in 1/100 s, so psutil's seconds have that resolution. */
const TICK = 0.01;

function whyNot(): string | null {
  const psutil = join(PY_IMAGE, "usr", "lib", "python3", "dist-packages", "psutil", "__init__.py");
  if (!existsSync(psutil) || !existsSync(join(PY_IMAGE, "usr", "bin", "ps"))) {
    return `python3-psutil image not cached at ${PY_IMAGE} (build it: scripts/test-setup.sh, or aramid image build ` +
      "--packages python3,python3-psutil,busybox-static,procps --name py); not downloading";
  }
  return progsUnavailable();
}

function build(): void {
  buildProgs(OUT, PROGS, ["psutil_driver.py"]);
}

type Num = Record<string, number>;
interface ProcInfo {
  status: string; stat_state: string; ppid: number; create_time: number; starttime: number;
  uids: number[]; gids: number[]; status_uid: string[]; num_threads: number; name: string;
  statm?: number[][]; memory_info?: Num; cmdline?: string[]; task_dirs?: number[]; threads?: number[];
}
interface Facts {
  timeouts: string[]; errors: Record<string, string>;
  pids: Record<string, number>; started: Record<string, [number, number]>;
  proc: Record<string, ProcInfo>;
  spin_cpu: { a: Num; b: Num; elapsed: number; since_start: number };
  sleep_cpu: Num;
  children: number[]; children_recursive: number[]; zp_children: [number, string][];
  ps: string; ps_statm: Record<string, number[]>; ps_mi: Record<string, Num>;
  cpu_times: { psutil: Num; before: number[]; after: number[] };
  virtual_memory: { psutil: Num; before: Num; after: Num };
  boot_time: number; btime: number[];
  pids_psutil: number[]; pids_listdir: number[][];
  ctx_switches: { tasks: Record<string, [number, number]>; ctxt: number };
  uptime: number; now: number;
}

const skip = whyNot();

describe("psutil inside Aramid", { skip: skip ?? false, concurrency: 1 }, () => {
  let run: RunResult;
  let f: Facts;

  before(async () => {
    build();
    run = await runCommand(process.execPath, [ARAMID_BIN, "run", "--rootfs", PY_IMAGE, "--bind", `${OUT}:/opt/t:ro`,
      "--env", "LANG=C.UTF-8", "--", "/usr/bin/python3", "/opt/t/psutil_driver.py"], { timeoutMs: 900_000 });
    const at = run.stdout.indexOf("==JSON\n");
    f = at < 0 ? ({} as Facts) : (JSON.parse(run.stdout.slice(at + 7)) as Facts);
  });

  const ctx = (): string => `\n--- stdout ---\n${run.stdout.slice(-3000)}\n--- stderr ---\n${run.stderr.slice(-3000)}`;
  const proc = (k: string): ProcInfo => {
    const p = f.proc?.[k];
    assert.ok(p, `no facts for ${k}${ctx()}`);
    return p;
  };

  test("the driver ran to the end without timeouts or psutil exceptions", () => {
    assert.equal(run.timedOut, false, `aramid timed out${ctx()}`);
    assert.equal(run.status, 0, `python3 exited with ${run.status}${ctx()}`);
    assert.ok(f.pids, `no ==JSON block${ctx()}`);
    assert.deepEqual(f.timeouts, [], "waits for process states timed out");
    assert.deepEqual(f.errors, {}, "psutil calls raised");
  });

  test("status(): running, sleeping, stopped, zombie, as /proc/PID/stat says", () => {
    const want: Record<string, [string, string]> = {
      spin: ["running", "R"], sleep: ["sleeping", "S"], stop: ["stopped", "T"], zombie: ["zombie", "Z"],
      th: ["sleeping", "S"], su: ["sleeping", "S"], zp: ["sleeping", "S"],
    };
    for (const [k, [st, letter]] of Object.entries(want)) {
      assert.equal(proc(k).stat_state, letter, `${k} state letter`);
      assert.equal(proc(k).status, st, `${k} status()`);
    }
    assert.equal(proc("self").status, "running", "the driver itself is running");
  });

  test("cpu_times(): the busy process's user time grows and never exceeds elapsed time", () => {
    const { a, b, elapsed, since_start } = f.spin_cpu;
    const grew = b.user + b.system - (a.user + a.system);
    assert.ok(b.user > a.user, `user time grew: ${a.user} -> ${b.user}`);
    assert.ok(grew > 0.2 * elapsed, `the busy loop got ${grew} s of CPU over ${elapsed} s`);
    assert.ok(grew <= elapsed + 2 * TICK, `${grew} s of CPU over ${elapsed} s of elapsed time (one CPU)`);
    assert.ok(b.user >= b.system, `a compute loop is user time: ${JSON.stringify(b)}`);
    assert.ok(b.user + b.system <= since_start + 2 * TICK, `${b.user + b.system} s of CPU in ${since_start} s of life`);
    assert.ok(f.sleep_cpu.user + f.sleep_cpu.system < 0.5, `the sleeper used ${JSON.stringify(f.sleep_cpu)}`);
  });

  test("memory_info(): rss and vms are /proc/PID/statm x page size, and ps's RSS/VSZ", () => {
    for (const k of ["spin", "sleep", "stop", "zp", "th", "su", "self"]) {
      const p = proc(k);
      const m = p.memory_info as Num;
      const [s0, s1] = p.statm as number[][];
      // The driver read statm just before memory_info and again after (it changes only for itself).
      const among = (field: number, v: number): boolean => v === s0[field] * PAGE || v === s1[field] * PAGE;
      assert.ok(among(1, m.rss), `${k}: rss ${m.rss} vs statm ${s0[1]}/${s1[1]} pages`);
      assert.ok(among(0, m.vms), `${k}: vms ${m.vms} vs statm ${s0[0]}/${s1[0]} pages`);
      assert.ok(among(2, m.shared) && among(3, m.text) && among(5, m.data), `${k}: shared/text/data ${JSON.stringify(m)} vs ${s0}`);
      assert.ok(m.rss > 0 && m.vms >= m.rss, `${k}: ${JSON.stringify(m)}`);
    }
    const rows = new Map(f.ps.trim().split("\n").map((l) => {
      const t = l.trim().split(/\s+/);
      return [Number(t[0]), t] as const;
    }));
    for (const k of ["spin", "sleep", "stop", "th", "su"]) {
      const row = rows.get(f.pids[k]);
      assert.ok(row, `ps has no row for ${k}: ${f.ps}`);
      const mi = f.ps_mi[k];
      assert.equal(Number(row[1]) * 1024, mi.rss, `${k}: ps RSS vs psutil rss`);
      assert.equal(Number(row[2]) * 1024, mi.vms, `${k}: ps VSZ vs psutil vms`);
      assert.equal(mi.rss, f.ps_statm[k][1] * PAGE, `${k}: psutil rss vs statm`);
    }
    assert.equal(rows.get(f.pids.th)?.[3], "4", "ps NLWP of threads4");
    assert.equal(rows.get(f.pids.su)?.[5], "1000", "ps USER of the setuid process");
  });

  test("num_threads() and threads(): 4 for the 4-thread program, the ids of /proc/PID/task", () => {
    const th = proc("th");
    assert.equal(th.num_threads, 4);
    assert.equal(th.task_dirs?.length, 4);
    assert.deepEqual(th.threads, th.task_dirs);
    assert.ok(th.task_dirs?.includes(f.pids.th), "the leader's tid is the pid");
    for (const k of ["spin", "sleep", "stop", "su", "zombie"]) assert.equal(proc(k).num_threads, 1, `${k} has one thread`);
  });

  test("create_time(): when the test started the process (btime + starttime ticks)", () => {
    for (const k of ["spin", "sleep", "stop", "zp", "th", "su"]) {
      const p = proc(k);
      const [t0, t1] = f.started[k];
      assert.ok(Math.abs(p.create_time - (f.boot_time + p.starttime / 100)) < 1e-6, `${k}: create_time = btime + starttime/100`);
      // btime is whole seconds (the boot time truncated), starttime whole ticks: up to 1 s + 1 tick early.
      assert.ok(p.create_time >= t0 - 1 - 2 * TICK && p.create_time <= t1 + TICK,
        `${k}: create_time ${p.create_time} outside [${t0}, ${t1}] (boot_time ${f.boot_time})`);
    }
    const order = ["spin", "sleep", "stop", "zp", "th", "su"].map((k) => proc(k).starttime);
    assert.deepEqual([...order].sort((x, y) => x - y), order, "start times follow the order of starting");
  });

  test("uids()/gids(): 1000 after setresuid in the child, root otherwise", () => {
    assert.deepEqual(proc("su").uids, [1000, 1000, 1000]);
    assert.deepEqual(proc("su").gids, [1000, 1000, 1000]);
    assert.deepEqual(proc("su").status_uid, ["1000", "1000", "1000", "1000"]);
    for (const k of ["spin", "sleep", "th", "self"]) assert.deepEqual(proc(k).uids, [0, 0, 0], `${k} uids`);
  });

  test("cmdline() and name(): argv as exec'd", () => {
    assert.deepEqual(proc("sleep").cmdline, ["/opt/t/sleeper", "a", "b c"]);
    assert.deepEqual(proc("spin").cmdline, ["/opt/t/spin"]);
    assert.deepEqual(proc("self").cmdline, ["/usr/bin/python3", "/opt/t/psutil_driver.py"]);
    assert.equal(proc("spin").name, "spin");
    assert.equal(proc("th").name, "threads4");
    assert.equal(proc("zombie").name, "zparent");
  });

  test("children(): the driver's children, and the zombie under zparent", () => {
    const mine = ["spin", "sleep", "stop", "zp", "th", "su"].map((k) => f.pids[k]).sort((x, y) => x - y);
    assert.deepEqual(f.children, mine);
    assert.deepEqual(f.children_recursive, [...mine, f.pids.zombie].sort((x, y) => x - y));
    assert.deepEqual(f.zp_children, [[f.pids.zombie, "zombie"]]);
    for (const k of ["spin", "sleep", "stop", "zp", "th", "su"]) assert.equal(proc(k).ppid, f.pids.self, `${k} ppid`);
    assert.equal(proc("zombie").ppid, f.pids.zp);
  });

  test("psutil.cpu_times() is /proc/stat's cpu line in seconds", () => {
    const { psutil: p, before: b, after: a } = f.cpu_times;
    const fields = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal", "guest", "guest_nice"];
    fields.forEach((name, i) => {
      const v = Math.round(p[name] * 100);
      assert.ok(v >= b[i] && v <= a[i], `${name}: ${p[name]} s outside /proc/stat's ${b[i]}..${a[i]} ticks`);
    });
    const total = fields.slice(0, 8).reduce((s, n) => s + p[n], 0);
    assert.ok(total <= f.uptime + 1, `cpu time ${total} s exceeds uptime ${f.uptime} s (one CPU)`);
  });

  test("virtual_memory(): total/available/free/used from /proc/meminfo", () => {
    const { psutil: v, before: b, after: a } = f.virtual_memory;
    const within = (x: number, k: string, y: (m: Num) => number = (m) => m[k] * 1024): boolean =>
      x >= Math.min(y(b), y(a)) && x <= Math.max(y(b), y(a));
    assert.equal(v.total, b.MemTotal * 1024);
    assert.ok(within(v.available, "MemAvailable"), `available ${v.available} vs ${b.MemAvailable}/${a.MemAvailable} kB`);
    assert.ok(within(v.free, "MemFree"), `free ${v.free} vs ${b.MemFree}/${a.MemFree} kB`);
    const used = (m: Num): number => (m.MemTotal - m.MemFree - m.Cached - (m.SReclaimable ?? 0) - m.Buffers) * 1024;
    assert.ok(within(v.used, "", used), `used ${v.used} vs total-free-cached-buffers ${used(b)}/${used(a)}`);
    assert.ok(v.used > 0 && v.available <= v.total && v.free <= v.available, JSON.stringify(v));
    assert.ok(Math.abs(v.percent - ((v.total - v.available) / v.total) * 100) <= 0.051, `percent ${v.percent}`);
  });

  test("boot_time() is btime; pids() are the numeric entries of /proc (leaders only)", () => {
    assert.deepEqual(f.btime.length, 1, "one btime line");
    assert.equal(f.boot_time, f.btime[0]);
    assert.ok(f.boot_time <= f.now && f.boot_time >= f.now - f.uptime - 2, `btime ${f.boot_time}, now ${f.now}, up ${f.uptime}`);
    const [l0, l1] = f.pids_listdir;
    assert.deepEqual(l0, l1, "the process set did not change around pids()");
    assert.deepEqual([...f.pids_psutil].sort((x, y) => x - y), l0);
    for (const k of ["spin", "sleep", "stop", "zp", "th", "su", "zombie", "self"]) assert.ok(l0.includes(f.pids[k]), `${k} listed`);
    const th = proc("th").task_dirs ?? [];
    for (const tid of th.filter((x) => x !== f.pids.th)) assert.ok(!l0.includes(tid), `thread ${tid} not listed in /proc`);
  });

  test("num_ctx_switches(): switches the CPU made; cpu_stats()'s ctxt is at least their sum", () => {
    const { tasks, ctxt } = f.ctx_switches;
    const sum = Object.values(tasks).reduce((a, [v, i]) => a + v + i, 0);
    assert.ok(ctxt >= sum, `ctxt ${ctxt} < sum of the tasks' switches ${sum}: ${JSON.stringify(tasks)}`);
    const [vol] = tasks[String(f.pids.sleep)] ?? [-1, -1];
    assert.ok(vol >= 1, `the sleeper gave up the CPU at least once: ${vol}`);
  });
});
