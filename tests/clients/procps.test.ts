// Real clients on Aramid's /proc (DESIGN.md §7, oracle 3): Debian's procps
// (ps, top, free, uptime, vmstat, pgrep, pkill, pidof) and busybox ps/top,
// run inside the cached Debian image. Small static riscv64 helpers
// (tests/clients/progs/*.c: a busy loop, a sleeper, a 4-thread program, a
// zombie maker, a setuid process, a memory toucher) are compiled into
// build/clients/ and bound at /opt/t; a driver script started by the guest's
// /bin/sh puts them in the wanted states (ordering by polling /proc with a
// bound, never by fixed sleeps) and prints each client's output in
// "==SECTION" blocks that the tests below parse.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { ARAMID_BIN, BUILD, type RunResult, runCommand } from "../harness/run.js";
import { buildProgs, progsUnavailable } from "./progs.js";

const IMAGE = join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "aramid", "images", "default");
const OUT = join(BUILD, "clients");
const PROGS = ["spin", "sleeper", "threads4", "zparent", "setuidp", "toucher"];

function whyNot(): string | null {
  if (!existsSync(join(IMAGE, "usr", "bin", "ps"))) return `Debian image not cached at ${IMAGE} (run: aramid image build); not downloading`;
  return progsUnavailable();
}

function build(): void {
  buildProgs(OUT, PROGS, ["driver.sh", "rss.sh"]);
}

function runGuest(script: string, args: string[] = []): Promise<RunResult> {
  return runCommand(
    process.execPath,
    [ARAMID_BIN, "run", "--bind", `${OUT}:/opt/t:ro`, "--env", "LANG=C", "--env", "LC_ALL=C", "--env", "COLUMNS=300", "--", "/bin/sh", `/opt/t/${script}`, ...args],
    { timeoutMs: 240_000 },
  );
}

/** "==NAME" blocks of the driver's output. */
function sections(out: string): Map<string, string[]> {
  const m = new Map<string, string[]>();
  let cur: string[] = [];
  for (const line of out.split("\n")) {
    const h = /^==(\w+)$/.exec(line);
    if (h) {
      cur = [];
      m.set(h[1], cur);
    } else cur.push(line);
  }
  for (const v of m.values()) while (v.length > 0 && v[v.length - 1] === "") v.pop();
  return m;
}

interface PsRow {
  pid: number; ppid: number; pgid: number; sid: number; tty: string; stat: string; ni: string; pri: string;
  nlwp: number; vsz: number; rss: number; utime: string; stime: string; etimes: string; lstart: string;
  wchan: string; comm: string; args: string;
}

function parsePsO(lines: string[]): Map<number, PsRow> {
  const rows = new Map<number, PsRow>();
  for (const l of lines.slice(1)) {
    const t = l.trim().split(/\s+/);
    if (t.length < 22) continue;
    const r: PsRow = {
      pid: Number(t[0]), ppid: Number(t[1]), pgid: Number(t[2]), sid: Number(t[3]), tty: t[4], stat: t[5], ni: t[6], pri: t[7],
      nlwp: Number(t[8]), vsz: Number(t[9]), rss: Number(t[10]), utime: t[11], stime: t[12], etimes: t[13],
      lstart: t.slice(14, 19).join(" "), wchan: t[19], comm: t[20], args: t.slice(21).join(" "),
    };
    rows.set(r.pid, r);
  }
  return rows;
}

const skip = whyNot();

describe("real clients on /proc", { skip: skip ?? false, concurrency: 1 }, () => {
  let out = "";
  let sec = new Map<string, string[]>();
  let pids: Record<string, number> = {};
  let run: RunResult;

  before(async () => {
    build();
    run = await runGuest("driver.sh");
    out = run.stdout;
    sec = sections(out);
    for (const kv of (sec.get("PIDS") ?? [""])[0].split(" ")) {
      const [k, v] = kv.split("=");
      if (k) pids[k] = Number(v);
    }
  });

  const ctx = () => `\n--- guest stdout ---\n${out}\n--- stderr ---\n${run.stderr.slice(-2000)}`;

  test("driver ran to the end without timeouts", () => {
    assert.equal(run.timedOut, false, `aramid timed out${ctx()}`);
    assert.ok(sec.has("END"), `no ==END${ctx()}`);
    assert.ok(!/TIMEOUT waiting/.test(out), `a wait timed out${ctx()}`);
  });

  test("ps -eo ...: states, nlwp, ppid, zombie, wchan", () => {
    const rows = parsePsO(sec.get("PSO") ?? []);
    const get = (k: string) => {
      const r = rows.get(pids[k]);
      assert.ok(r, `no ps row for ${k} (pid ${pids[k]})${ctx()}`);
      return r;
    };
    assert.match(get("spin").stat, /^R/, "busy loop is R");
    assert.match(get("sleep").stat, /^S/, "sleeper is S");
    assert.match(get("stop").stat, /^T/, "stopped process is T");
    assert.equal(get("stop").comm, "sleeper");
    assert.equal(get("th").nlwp, 4, "threads4 has NLWP 4");
    assert.match(get("th").stat, /^Sl/, "multi-threaded sleeper is Sl");
    const z = [...rows.values()].find((r) => r.ppid === pids.zp);
    assert.ok(z, `no child of zparent${ctx()}`);
    assert.match(z.stat, /^Z/);
    assert.equal(z.args, "[zparent] <defunct>");
    assert.equal(z.vsz, 0);
    assert.equal(z.rss, 0);
    for (const k of ["spin", "sleep", "stop", "zp", "th", "su"]) {
      const r = get(k);
      assert.equal(r.ppid, pids.sh, `${k} ppid is the driver shell`);
      assert.equal(r.sid, get("spin").sid, `${k} in the session`);
      assert.equal(r.ni, "0");
      assert.ok(r.vsz > 0 && r.rss > 0, `${k} has VSZ and RSS`);
      assert.equal(r.tty, "?");
    }
    assert.notEqual(get("sleep").wchan, "-", "a sleeping process has a wchan");
    assert.equal(get("spin").wchan, "-", "a running process has no wchan");
  });

  test("ps shows the exec'd name as comm (sh for /bin/sh -> busybox)", () => {
    const rows = parsePsO(sec.get("PSO") ?? []);
    const sh = rows.get(pids.sh);
    assert.ok(sh, `no row for the driver shell${ctx()}`);
    // Linux sets comm from the basename of the path given to execve, not of
    // the symlink's target: /bin/sh -> busybox runs as "sh".
    assert.equal(sh.comm, "sh");
  });

  test("VSZ equals the sum of the process's maps", () => {
    const rows = parsePsO(sec.get("PSO") ?? []);
    let sum = 0;
    for (const l of sec.get("MAPS_TH") ?? []) {
      const m = /^([0-9a-f]+)-([0-9a-f]+) /.exec(l);
      if (m && !l.includes("[vsyscall]")) sum += Number(BigInt(`0x${m[2]}`) - BigInt(`0x${m[1]}`));
    }
    assert.equal(rows.get(pids.th)?.vsz, sum / 1024);
  });

  test("ps aux: USER follows setuid, zombie <defunct>, STAT letters", () => {
    const lines = sec.get("AUX") ?? [];
    assert.match(lines[0] ?? "", /^USER\s+PID\s+%CPU\s+%MEM\s+VSZ\s+RSS\s+TTY\s+STAT\s+START\s+TIME\s+COMMAND/);
    const by = new Map<number, string[]>();
    for (const l of lines.slice(1)) {
      const t = l.trim().split(/\s+/);
      by.set(Number(t[1]), t);
    }
    assert.equal(by.get(pids.su)?.[0], "1000", "setuid process runs as 1000");
    assert.equal(by.get(pids.spin)?.[0], "root");
    assert.match(by.get(pids.spin)?.[7] ?? "", /^R/);
    assert.match(by.get(pids.stop)?.[7] ?? "", /^T/);
    const z = lines.find((l) => l.includes("<defunct>"));
    assert.ok(z && /\sZ\s/.test(z), `zombie line${ctx()}`);
    const cpu = Number(by.get(pids.spin)?.[2]);
    assert.ok(cpu > 0, "busy process has %CPU > 0");
    assert.ok(Number(by.get(pids.sleep)?.[2]) < 5, "sleeper has %CPU near 0");
  });

  test("ps -eLf: four lines for the 4-thread program, NLWP 4", () => {
    const lines = (sec.get("ELF") ?? []).slice(1).map((l) => l.trim().split(/\s+/));
    const th = lines.filter((t) => Number(t[1]) === pids.th);
    assert.equal(th.length, 4, `threads4 lines${ctx()}`);
    assert.ok(th.every((t) => t[5] === "4"), "NLWP 4 on each");
    assert.equal(new Set(th.map((t) => t[3])).size, 4, "four distinct LWPs");
    assert.ok(th.some((t) => Number(t[3]) === pids.th), "the leader's LWP is the pid");
    assert.equal(lines.filter((t) => Number(t[1]) === pids.spin).length, 1);
  });

  test("busy process: TIME grows and never exceeds elapsed", () => {
    const f = (s: string) => {
      const l = (sec.get(s) ?? []).find((x) => /^\d+ \(spin\)/.test(x)) ?? "";
      const t = l.slice(l.lastIndexOf(")") + 2).split(" ");
      return { cpu: Number(t[11]) + Number(t[12]), start: Number(t[19]), ps: Number((sec.get(s) ?? [""])[0].trim()) };
    };
    const a = f("TIME1");
    const b = f("TIME2");
    assert.ok(b.cpu - a.cpu >= 20, `utime+stime grew by ${b.cpu - a.cpu} ticks over a 1 s sleep`);
    assert.ok(b.cpu - a.cpu <= 130, `grew by ${b.cpu - a.cpu} ticks: more than 1 s of elapsed time (1 CPU)`);
    assert.ok(b.ps >= a.ps, "ps cputimes does not go backwards");
  });

  test("top -b -n 2: busy near 100 %CPU, sleeper near 0, Tasks line adds up", () => {
    const lines = sec.get("TOP") ?? [];
    const tasks = lines.filter((l) => l.startsWith("Tasks:"));
    assert.equal(tasks.length, 2, `two frames${ctx()}`);
    const m = /Tasks:\s+(\d+) total,\s+(\d+) running,\s+(\d+) sleeping,\s+(\d+) stopped,\s+(\d+) zombie/.exec(tasks[1]);
    assert.ok(m, tasks[1]);
    const [total, r, s, t, z] = m.slice(1).map(Number);
    assert.equal(r + s + t + z, total, tasks[1]);
    assert.ok(t >= 1 && z >= 1 && r >= 1, tasks[1]);
    // second frame's process table
    const second = lines.slice(lines.lastIndexOf(tasks[1]));
    const hdr = second.findIndex((l) => /^\s*PID\s+USER/.test(l));
    assert.ok(hdr >= 0, `no process header${ctx()}`);
    const cols = second[hdr].trim().split(/\s+/);
    const ci = cols.indexOf("%CPU");
    const si = cols.indexOf("S");
    const row = (pid: number) => second.slice(hdr + 1).map((l) => l.trim().split(/\s+/)).find((t) => Number(t[0]) === pid);
    const spin = row(pids.spin);
    const sl = row(pids.sleep);
    assert.ok(spin && sl, `rows${ctx()}`);
    assert.ok(Number(spin[ci]) > 50, `busy %CPU ${spin[ci]}`);
    assert.ok(Number(sl[ci]) < 5, `sleeper %CPU ${sl[ci]}`);
    assert.equal(spin[si], "R");
    assert.equal(sl[si], "S");
    assert.equal(row(pids.stop)?.[si], "T");
    const cpuLine = second.find((l) => l.startsWith("%Cpu"));
    assert.ok(cpuLine, "a %Cpu line");
  });

  test("free, uptime and vmstat agree with /proc/meminfo and /proc/stat", () => {
    const mi = new Map<string, number>();
    for (const l of sec.get("MEMINFO") ?? []) {
      const m = /^([^:]+):\s+(\d+)/.exec(l);
      if (m) mi.set(m[1], Number(m[2]));
    }
    const memLine = (sec.get("FREE") ?? []).find((l) => l.startsWith("Mem:"))?.trim().split(/\s+/) ?? [];
    assert.equal(Number(memLine[1]), mi.get("MemTotal"), "free total = MemTotal");
    const swap = (sec.get("FREE") ?? []).find((l) => l.startsWith("Swap:"))?.trim().split(/\s+/) ?? [];
    assert.equal(Number(swap[1]), mi.get("SwapTotal"));
    const used = Number(memLine[2]);
    assert.ok(used > 0 && used <= (mi.get("MemTotal") ?? 0), "free used within total");
    const up = sec.get("UPTIME") ?? [];
    assert.match(up[0] ?? "", /up .*load average: \d+\.\d\d, \d+\.\d\d, \d+\.\d\d/);
    assert.match(up[1] ?? "", /^\d+\.\d\d \d+\.\d\d$/);
    assert.match(up[2] ?? "", /^\d+\.\d\d \d+\.\d\d \d+\.\d\d \d+\/\d+ \d+$/);
    const vm = sec.get("VMSTAT") ?? [];
    assert.equal(vm.length, 4, `vmstat lines${ctx()}`);
    const cols = vm[1].trim().split(/\s+/);
    for (const l of vm.slice(2)) {
      const v = l.trim().split(/\s+/).map(Number);
      assert.equal(v.length, cols.length);
      const free = v[cols.indexOf("free")];
      const mf = mi.get("MemFree") ?? 0;
      assert.ok(Math.abs(free - mf) <= mf * 0.05, `vmstat free ${free} vs MemFree ${mf}`);
      const pct = ["us", "sy", "id", "wa", "st"].reduce((a, k) => a + v[cols.indexOf(k)], 0);
      assert.ok(pct >= 97 && pct <= 103, `cpu columns add to ~100: ${l}`);
    }
    // /proc/stat cpu total never exceeds ncpu x uptime
    const st = sec.get("STAT") ?? [];
    const cpu = (st[0] ?? "").split(/\s+/).slice(1).map(Number);
    const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
    const ncpu = st.filter((l) => /^cpu\d/.test(l)).length;
    // /proc/uptime sampled right after /proc/stat (the last line of that section), not before vmstat's second.
    const uptime = Number((st[st.length - 1] ?? "0").split(" ")[0]);
    assert.equal(ncpu, Number((sec.get("NCPU") ?? ["0"])[0]), "cpuN lines = nproc");
    assert.ok(total <= ncpu * uptime * 100 * 1.05 + 10, `/proc/stat cpu total ${total} ticks > ${ncpu} cpu x ${uptime} s`);
    assert.ok(total >= ncpu * uptime * 100 * 0.5, `/proc/stat cpu total ${total} ticks far below ${ncpu} cpu x ${uptime} s (idle not counted?)`);
  });

  test("pgrep -f, pgrep, pidof, pkill find the right pids", () => {
    assert.deepEqual((sec.get("PGREP_F") ?? []).map(Number), [pids.spin]);
    assert.deepEqual((sec.get("PGREP") ?? []).map(Number).sort((a, b) => a - b), [pids.sleep, pids.stop].sort((a, b) => a - b));
    assert.deepEqual((sec.get("PIDOF") ?? [""])[0].split(" ").map(Number).sort((a, b) => a - b), [pids.sleep, pids.stop].sort((a, b) => a - b));
    assert.deepEqual(sec.get("PKILL"), ["threads4 gone: yes"]);
  });

  test("busybox ps and top", () => {
    const ps = sec.get("BBPS") ?? [];
    const row = (pid: number) => ps.find((l) => l.trim().split(/\s+/)[0] === String(pid)) ?? "";
    assert.match(row(pids.spin), /root\s+\/opt\/t\/spin$/);
    assert.match(row(pids.su), /1000\s+\/opt\/t\/setuidp$/);
    assert.ok(ps.some((l) => /\[zparent\]$/.test(l)), "zombie shown as [comm]");
    const top = sec.get("BBTOP") ?? [];
    assert.match(top[0] ?? "", /^Mem: \d+K used, \d+K free/);
    assert.match(top[2] ?? "", /^Load average: /);
    const hdr = top.findIndex((l) => /^\s*PID\s+PPID\s+USER/.test(l));
    const cols = top[hdr].trim().split(/\s+/);
    const t = top.slice(hdr + 1).map((l) => l.trim().split(/\s+/));
    const spin = t.find((x) => Number(x[0]) === pids.spin);
    const stop = t.find((x) => Number(x[0]) === pids.stop);
    const z = t.find((x) => x[cols.indexOf("STAT")] === "Z");
    assert.ok(spin && stop && z, `busybox top rows${ctx()}`);
    assert.equal(spin[cols.indexOf("STAT")], "R");
    assert.equal(stop[cols.indexOf("STAT")], "T");
    assert.ok(Number(spin[cols.indexOf("%CPU")].replace("%", "")) > 50, `busy %CPU ${spin[cols.indexOf("%CPU")]}`);
  });
});

describe("RSS of a process that touches 32 MiB", { skip: skip ?? false }, () => {
  test("ps RSS grows by ~32 MiB, VSZ stays", async () => {
    build();
    const r = await runGuest("rss.sh", ["32"]);
    const s = sections(r.stdout);
    const ctx = `\n--- guest stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr.slice(-2000)}`;
    assert.equal(r.timedOut, false, `timed out (touching 32 MiB never finished)${ctx}`);
    assert.ok(s.has("END") && !r.stdout.includes("TIMEOUT waiting"), ctx);
    const [vsz0, rss0] = (s.get("BEFORE") ?? [""])[0].trim().split(/\s+/).map(Number);
    const [vsz1, rss1] = (s.get("AFTER") ?? [""])[0].trim().split(/\s+/).map(Number);
    assert.equal(vsz1, vsz0, "VSZ unchanged by touching");
    assert.ok(rss1 - rss0 >= 32 * 1024 - 256 && rss1 - rss0 <= 32 * 1024 + 1024, `RSS grew by ${rss1 - rss0} kB${ctx}`);
    let sum = 0;
    for (const l of s.get("MAPS") ?? []) {
      const m = /^([0-9a-f]+)-([0-9a-f]+) /.exec(l);
      if (m) sum += Number(BigInt(`0x${m[2]}`) - BigInt(`0x${m[1]}`));
    }
    assert.equal(vsz0, sum / 1024, "VSZ = sum of maps");
  });
});
