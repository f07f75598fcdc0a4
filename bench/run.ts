// Benchmark suite: runs the same work natively, under qemu-riscv64 and under
// Aramid in one invocation and reports times (wall and CPU), ratios, Aramid's
// guest MIPS (from `aramid run --stats`) and per-part times the programs
// report themselves. Results go to stdout and to bench/RESULTS.md.
// (DESIGN.md §7: benchmarks compare the three on the same work in the same
// run; a timing assertion never goes in a test.)
//
//   npm run bench [-- options]      (= build, test-setup, node dist/bench/run.js)
//   node dist/bench/run.js [options]
//
// Options:
//   --runs N          best of N runs per runner (default 3; env BENCH_RUNS)
//   --scale S         scale argument passed to scalable benchmarks (default 1)
//   --only a,b        run only these benchmarks
//   --runners a,b     subset of native,qemu,aramid (default all)
//   --timeout SEC     per-run timeout (default 600)
//   --rebuild         recompile the benchmark programs even if up to date
//   --no-write        do not update bench/RESULTS.md
//   --list            list the benchmarks and exit
//   env BENCH_ARAMID  path of the aramid.js to run (default bin/aramid.js)
//
// Adding a benchmark: write bench/<prog>.c and add an entry to BENCHMARKS
// below. Each entry says which programs to compile, which arguments to pass,
// which runners apply (e.g. qemu-user cannot exec another riscv64 program, so
// a fork+exec benchmark would leave it out), how to turn a run's output into a
// result key that must agree across runners (plus optional metrics), and
// optionally a target ratio.
//
// Build: bench/<prog>.c -> build/bench/rv64/<prog> (riscv64-linux-gnu-gcc
// -static; this directory is also Aramid's --rootfs, so the guest runs
// /<prog>) and build/bench/host/<prog> (host gcc), recompiled when the source
// or the flags change.
//
// Exit status: 1 if native or qemu fail, or if any runner's result key
// disagrees with the others; an Aramid that cannot run yet is reported in the
// table (with its error) and does not fail the run.

import { spawnSync, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

// ---------------------------------------------------------------------------
// Paths, toolchains

const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
const BENCH_SRC = join(ROOT, "bench");
const OUT_RV64 = join(ROOT, "build", "bench", "rv64"); // also Aramid's --rootfs
const OUT_HOST = join(ROOT, "build", "bench", "host");
const STAMPS = join(ROOT, "build", "bench", "stamps");
const RESULTS = join(BENCH_SRC, "RESULTS.md");
// BENCH_ARAMID=<path to aramid.js> benchmarks another build (e.g. another checkout).
const ARAMID = process.env["BENCH_ARAMID"] ?? join(ROOT, "bin", "aramid.js");

const RV_CC = "riscv64-linux-gnu-gcc";
const HOST_CC = "gcc";
// -ffp-contract=off: riscv64 gcc would otherwise fuse a*b+c into fmadd.d while
// x86-64 (no FMA by default) rounds twice, so FP checksums would differ.
const CFLAGS = ["-O2", "-ffp-contract=off", "-Wall", "-Wextra"];
const RV_FLAGS = ["-static", ...CFLAGS];
const HOST_FLAGS = [...CFLAGS];
const LIBS = ["-lm"];

function findRoot(start: string): string {
  // dist/bench/run.js or bench/run.ts: walk up to the directory with package.json + bench/.
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "bench"))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`bench: cannot find the repository root above ${start}`);
    dir = up;
  }
}

// ---------------------------------------------------------------------------
// Benchmark definitions

type RunnerName = "native" | "qemu" | "aramid";
const ALL_RUNNERS: readonly RunnerName[] = ["native", "qemu", "aramid"];

interface Options {
  runs: number;
  scale: number;
  only: string[] | null;
  runners: RunnerName[];
  timeoutSec: number;
  rebuild: boolean;
  write: boolean;
  list: boolean;
}

interface Command {
  file: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

/** What a benchmark's stdout means. */
interface Parsed {
  /** Must be identical for every runner (a checksum, a count...). */
  key: string;
  /**
   * Optional numbers the program reports about itself (per-part times in ms,
   * ns per syscall...). Shown per runner, least value over the runs.
   */
  metrics?: Record<string, number>;
}

interface Target {
  /** Aramid's time must be at most maxRatio × this runner's time. */
  vs: Exclude<RunnerName, "aramid">;
  /** Compare this self-reported metric (e.g. ns_per_op) instead of the process's time. */
  metric?: string;
  maxRatio: number;
  /** Where the target comes from, e.g. "issue 2". */
  source: string;
}

interface Benchmark {
  name: string;
  description: string;
  /** C programs (bench/<prog>.c) compiled for riscv64 and for the host. */
  programs: string[];
  /** Runners that apply (default: all). */
  runners?: RunnerName[];
  /** Guest/host argv after the program path. */
  args: (opts: Options) => string[];
  /** Extra `aramid run` options (e.g. --mem for a benchmark that needs more guest RAM). */
  aramidOptions?: string[];
  /** Environment variables for the program (via `aramid run --env` for Aramid). */
  env?: Record<string, string>;
  /** Override how a runner is invoked (default: the first program with args()). */
  command?: (runner: RunnerName, opts: Options) => Command;
  /** Turn the program's output into a result key; throw if it is wrong. */
  parse: (stdout: string, stderr: string) => Parsed;
  /** Unit of the metrics, for the report (e.g. "ms"). */
  metricUnit?: string;
  target?: Target;
}

function checksumLine(stdout: string): Parsed {
  const m = /^checksum=([0-9a-f]{16})$/m.exec(stdout);
  if (!m) throw new Error("no checksum=<hex> line in output");
  return { key: m[1] };
}

/** checksum=<hex> on stdout, plus `<part> <number> ms` lines on stderr as metrics. */
function checksumAndPartTimes(stdout: string, stderr: string): Parsed {
  const metrics: Record<string, number> = {};
  for (const m of stderr.matchAll(/^(\w+)\s+([\d.]+) ms$/gm)) metrics[m[1]] = Number(m[2]);
  return { ...checksumLine(stdout), metrics };
}

const BENCHMARKS: Benchmark[] = [
  {
    name: "cpu",
    description: "integer hash, sieve, bit ops, qsort 300k ints, memcpy/memset, matmul + n-body (double)",
    programs: ["cpu"],
    args: (o) => (o.scale === 1 ? [] : [String(o.scale)]),
    env: { CPU_BENCH_TIMES: "1" }, // per-part wall times on stderr (costs 8 clock_gettime calls)
    parse: checksumAndPartTimes,
    metricUnit: "ms (wall, per part)",
    target: { vs: "qemu", maxRatio: 20, source: "issue 2" },
  },
  ...roundTrips(),
  ...procReads(),
  ...fsOps(),
  shellLoop(),
  ...psAtScale(),
];

/**
 * File-system syscalls (issue 5, item 8), timed inside the program like the
 * round trips: a small file's open+read+close and stat (target: at most
 * native Linux's time), getdents64 of a 1000-entry directory made in /tmp
 * beforehand, and 64 bytes written and read back through a unix socket pair.
 */
function fsOps(): Benchmark[] {
  const modes: [string, string, number | null][] = [
    ["open", "open+read+close of a 32-byte file", 1],
    ["stat", "stat() of a path", 1],
    ["getdents", "getdents64 of a 1000-entry directory", null],
    ["unix", "64-byte write+read through a unix socket pair", null],
  ];
  return modes.map(([mode, description, maxRatio]) => ({
    name: `fs-${mode}`, description, programs: ["fsops"],
    args: () => [mode],
    parse: nsPerOp,
    metricUnit: "ns per operation",
    target: maxRatio === null ? undefined : { vs: "native" as const, metric: "ns_per_op", maxRatio, source: "issue 5" },
  }));
}

/** The default Debian image (aramid's cache), whose busybox the shell loop runs. */
function defaultImage(): string {
  const cache = process.env["XDG_CACHE_HOME"] ?? join(process.env["HOME"] ?? "/root", ".cache");
  return join(cache, "aramid", "images", "default");
}

function which(prog: string): string {
  for (const dir of (process.env["PATH"] ?? "").split(":")) {
    if (dir && existsSync(join(dir, prog))) return join(dir, prog);
  }
  return prog;
}

/**
 * `sh -c 'for i in $(seq 200); do /bin/true; done'` (issue 5, item 8), timed by
 * fsops' spawn mode (fork + exec + wait of the whole command) so the runner's
 * start-up does not count. What runs differs by runner, as it must:
 * - aramid: the default image's busybox sh, seq and /bin/true (all riscv64),
 *   fsops itself bound into the image at /bench;
 * - native: the host's /bin/sh (dash), seq and /bin/true;
 * - qemu: the image's busybox sh under qemu-riscv64 -L <image>; qemu-user has
 *   no binfmt_misc here, so each exec of /bin/true runs the host's x86-64
 *   /bin/true natively (qemu only emulates the shell's forks and seq).
 */
function shellLoop(): Benchmark {
  const SHELL_LOOP = "for i in $(seq 200); do /bin/true; done";
  const image = defaultImage();
  return {
    name: "sh-loop", description: `busybox sh -c '${SHELL_LOOP}' (whole command)`, programs: ["fsops"],
    args: () => ["spawn", "/bin/sh", "-c", SHELL_LOOP],
    command: (runner) => {
      switch (runner) {
        case "native":
          return { file: join(OUT_HOST, "fsops"), args: ["spawn", "/bin/sh", "-c", SHELL_LOOP] };
        case "qemu":
          return {
            file: join(OUT_HOST, "fsops"),
            args: ["spawn", which("qemu-riscv64"), "-L", image, join(image, "usr/bin/busybox"), "sh", "-c", SHELL_LOOP],
          };
        case "aramid":
          return {
            file: process.execPath,
            args: [ARAMID, "run", "--stats", "--bind", `${OUT_RV64}:/bench:ro`, "--", "/bench/fsops", "spawn", "/bin/sh", "-c", SHELL_LOOP],
          };
      }
    },
    parse: nsPerOp,
    metricUnit: "ns for the whole loop",
  };
}

/**
 * ps -e with 1,000 and 10,000 sleeping processes (issue 6): the time per
 * process to read its stat and status must stay flat as the count grows,
 * and the memory each sleeping process costs is reported (kb_per_process).
 */
function psAtScale(): Benchmark[] {
  return [1000, 10000].map((n) => ({
    name: `ps-${n}`, description: `list /proc and read stat+status of ${n} sleeping processes`,
    programs: ["manyprocs"], runners: ["native", "aramid"] as RunnerName[],
    args: () => [String(n)],
    // threads-max is RAM / 128 KiB as in Linux: 10,000 processes need 2 GiB of guest RAM.
    aramidOptions: ["--mem", "2G"],
    parse: (stdout: string): Parsed => {
      const kb = /^kb_per_process=([\d.-]+)$/m.exec(stdout);
      const base = nsPerOp(stdout);
      return { key: base.key, metrics: { ...base.metrics, kb_per_process: kb ? Number(kb[1]) : NaN } };
    },
    metricUnit: "ns per process read, kB per sleeping process",
  }));
}

/** open + read + close of /proc/self/stat and status (issue 6: at most native Linux's time). */
function procReads(): Benchmark[] {
  return ["stat", "status"].map((file) => ({
    name: `proc-${file}`, description: `open+read+close /proc/self/${file}`, programs: ["procread"],
    // qemu-user fakes /proc/self/stat, so its figure would not mean anything.
    runners: ["native", "aramid"] as RunnerName[],
    args: () => [file],
    parse: nsPerOp,
    metricUnit: "ns per operation",
    target: { vs: "native" as const, metric: "ns_per_op", maxRatio: 1, source: "issue 6" },
  }));
}

/** result=<mode> and ns_per_op=<n> on stdout (bench/syscalls.c). */
function nsPerOp(stdout: string): Parsed {
  const r = /^result=([\w-]+)$/m.exec(stdout);
  const n = /^ns_per_op=(\d+)$/m.exec(stdout);
  if (!r || !n) throw new Error("expected result=<mode> and ns_per_op=<n>");
  return { key: r[1], metrics: { ns_per_op: Number(n[1]) } };
}

/** Kernel round trips (issue 4), each timed inside the guest so start-up does not count. */
function roundTrips(): Benchmark[] {
  const modes: [string, string, number | null, RunnerName[] | undefined][] = [
    ["getppid", "one syscall round trip", 0.5, undefined],
    ["forkwait", "fork + _exit + wait4", 1, undefined],
    // qemu-user cannot exec another riscv64 program (no binfmt_misc), so it sits this one out.
    ["forkexec", "fork + execve + wait4", null, ["native", "aramid"]],
    ["pipe", "64-byte ping-pong between two processes", 1, undefined],
    ["futex", "wake/wait ping-pong between two threads", null, undefined],
    ["signal", "raise() delivered to a handler and back", null, undefined],
  ];
  return modes.map(([mode, description, maxRatio, runners]) => ({
    name: mode, description, programs: ["syscalls"], runners,
    args: () => [mode],
    parse: nsPerOp,
    metricUnit: "ns per operation",
    target: maxRatio === null ? undefined : { vs: "native" as const, metric: "ns_per_op", maxRatio, source: "issue 4" },
  }));
}

function defaultCommand(b: Benchmark, runner: RunnerName, opts: Options): Command {
  const prog = b.programs[0];
  const args = b.args(opts);
  const env = { ...process.env, ...b.env };
  switch (runner) {
    case "native":
      return { file: join(OUT_HOST, prog), args, env };
    case "qemu":
      return { file: "qemu-riscv64", args: [join(OUT_RV64, prog), ...args], env };
    case "aramid": {
      const guestEnv = Object.entries(b.env ?? {}).flatMap(([k, v]) => ["--env", `${k}=${v}`]);
      return {
        file: process.execPath,
        args: [ARAMID, "run", "--stats", ...(b.aramidOptions ?? []), ...guestEnv, "--rootfs", OUT_RV64, "--", `/${prog}`, ...args],
      };
    }
  }
}

// ---------------------------------------------------------------------------
// Building

function newer(src: string, out: string): boolean {
  return !existsSync(out) || statSync(src).mtimeMs > statSync(out).mtimeMs;
}

function compile(cc: string, flags: string[], src: string, out: string, rebuild: boolean): void {
  const cmdline = [cc, ...flags, "-o", out, src, ...LIBS];
  // The command line is recorded next to the build (not in the rv64 rootfs) so a
  // change of flags forces a rebuild.
  const stamp = join(STAMPS, `${relative(join(ROOT, "build", "bench"), out).replace(/\//g, "_")}.cmd`);
  const wanted = cmdline.join(" ");
  const stale = rebuild || newer(src, out) || newer(join(BENCH_SRC, "timing.h"), out) ||
    !existsSync(stamp) || readFileSync(stamp, "utf8") !== wanted;
  if (!stale) return;
  mkdirSync(dirname(out), { recursive: true });
  mkdirSync(STAMPS, { recursive: true });
  process.stderr.write(`bench: ${relative(ROOT, out)} <- ${cmdline.map((a) => relative(ROOT, a) || a).join(" ")}\n`);
  execFileSync(cc, cmdline.slice(1), { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
  writeFileSync(stamp, wanted);
}

function buildPrograms(benches: Benchmark[], opts: Options): void {
  const progs = new Set(benches.flatMap((b) => b.programs));
  for (const p of progs) {
    const src = join(BENCH_SRC, `${p}.c`);
    compile(RV_CC, RV_FLAGS, src, join(OUT_RV64, p), opts.rebuild);
    compile(HOST_CC, HOST_FLAGS, src, join(OUT_HOST, p), opts.rebuild);
  }
}

// ---------------------------------------------------------------------------
// Running

interface RunSample {
  /** Wall time of the program itself (measured in the bash wrapper). */
  ms: number;
  /** User + system CPU time of the program and its children. */
  cpuMs: number;
  stdout: string;
  stderr: string;
}

interface RunnerResult {
  runner: RunnerName;
  status: "ok" | "error" | "mismatch" | "skipped";
  error?: string;
  bestMs?: number;
  allMs: number[];
  /** Least CPU time (user + sys) over the runs. */
  bestCpuMs?: number;
  allCpuMs: number[];
  key?: string;
  metrics?: Record<string, number>;
  /** Parsed from Aramid's `aramid-stats: k=v ...` stderr line (best run). */
  stats?: Record<string, string>;
}

interface BenchResult {
  bench: Benchmark;
  results: Map<RunnerName, RunnerResult>;
}

// Each run goes through a small bash wrapper: it measures the program's wall
// time without the wrapper's own start-up ($EPOCHREALTIME), its CPU time
// (`times`: children's user and system time, which is steadier than wall time
// on a shared machine) and enforces the timeout with coreutils `timeout`, so
// a hung run is killed itself rather than leaving an orphan behind.
const WRAPPER = [
  's=$EPOCHREALTIME',
  'timeout --signal=KILL "$BENCH_TIMEOUT" "$@"',
  'st=$?',
  'e=$EPOCHREALTIME',
  '{ echo "bench-wrapper: wall $s $e"; times; } >&2',
  'exit $st',
].join("; ");

function runOnce(cmd: Command, timeoutSec: number): RunSample {
  const t0 = performance.now();
  const r = spawnSync("bash", ["-c", WRAPPER, "bench", cmd.file, ...cmd.args], {
    cwd: ROOT,
    env: { ...(cmd.env ?? process.env), BENCH_TIMEOUT: String(timeoutSec) },
    encoding: "utf8",
    maxBuffer: 64 << 20,
    timeout: timeoutSec * 1000 + 10000, // backstop; `timeout` fires first
    killSignal: "SIGKILL",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const outerMs = performance.now() - t0;
  const stdout = r.stdout ?? "";
  const raw = r.stderr ?? "";
  if (r.error) throw new Error(`cannot run bash: ${r.error.message}`);
  // Split off the wrapper's report (the last three lines of stderr).
  const at = raw.lastIndexOf("bench-wrapper: wall ");
  const stderr = at >= 0 ? raw.slice(0, at) : raw;
  let ms = outerMs;
  let cpuMs = NaN;
  if (at >= 0) {
    const lines = raw.slice(at).split("\n");
    const w = /wall (\S+) (\S+)/.exec(lines[0]);
    if (w) ms = (Number(w[2].replace(",", ".")) - Number(w[1].replace(",", "."))) * 1000;
    // `times` prints the shell's user/sys, then its children's.
    const c = /(\d+)m([\d.,]+)s (\d+)m([\d.,]+)s/.exec(lines[2] ?? "");
    if (c) {
      const sec = (m: string, x: string) => Number(m) * 60 + Number(x.replace(",", "."));
      cpuMs = (sec(c[1], c[2]) + sec(c[3], c[4])) * 1000;
    }
  }
  const st = r.status ?? -1;
  if (r.signal || (st === 137 && ms >= timeoutSec * 1000 - 50)) throw new Error(`timed out after ${timeoutSec} s`);
  if (st === 127 && /No such file|not found/.test(stderr)) throw new Error(`cannot run ${cmd.file}${tail(stderr)}`);
  if (st > 128) throw new Error(`killed by signal ${st - 128}${tail(stderr)}`);
  if (st !== 0) throw new Error(`exit status ${st}${tail(stderr)}`);
  return { ms, cpuMs, stdout, stderr };
}

function tail(stderr: string): string {
  const lines = stderr.trim().split("\n").filter((l) => l.trim() !== "" && !l.startsWith("aramid-stats:"));
  if (lines.length === 0) return "";
  // Node prints the useful line of an uncaught error a few lines down; keep a short excerpt.
  const pick =
    lines.find((l) => /^\s*(\w*Error|aramid|panic)\b.*:/.test(l)) ??
    lines.find((l) => /error|panic|unimplemented|not implemented/i.test(l) && !/^\s*at /.test(l)) ??
    lines[lines.length - 1];
  return `: ${pick.trim().slice(0, 300)}`;
}

function parseStats(stderr: string): Record<string, string> | undefined {
  const line = stderr.split("\n").reverse().find((l) => l.startsWith("aramid-stats:"));
  if (!line) return undefined;
  const out: Record<string, string> = {};
  for (const m of line.slice("aramid-stats:".length).matchAll(/(\S+?)=(\S+)/g)) out[m[1]] = m[2];
  return out;
}

function runBenchmark(b: Benchmark, opts: Options): BenchResult {
  const runners = opts.runners.filter((r) => (b.runners ?? ALL_RUNNERS).includes(r));
  const results = new Map<RunnerName, RunnerResult>();
  for (const r of opts.runners) {
    results.set(r, { runner: r, status: runners.includes(r) ? "ok" : "skipped", allMs: [], allCpuMs: [] });
  }
  const bestSample = new Map<RunnerName, RunSample>();
  // Interleave the runners across repetitions so slow drift in machine load
  // affects them alike.
  for (let rep = 0; rep < opts.runs; rep++) {
    for (const r of runners) {
      const res = results.get(r)!;
      if (res.status !== "ok") continue;
      const cmd = (b.command ?? ((rn: RunnerName, o: Options) => defaultCommand(b, rn, o)))(r, opts);
      process.stderr.write(`bench: ${b.name} ${r} run ${rep + 1}/${opts.runs} ... `);
      try {
        const s = runOnce(cmd, opts.timeoutSec);
        let parsed: Parsed;
        try {
          parsed = b.parse(s.stdout, s.stderr);
        } catch (e) {
          throw new Error(`${e instanceof Error ? e.message : String(e)}${tail(s.stderr)}`);
        }
        if (res.key !== undefined && res.key !== parsed.key) {
          throw new Error(`result differs between repetitions: ${res.key} vs ${parsed.key}`);
        }
        res.key = parsed.key;
        res.allMs.push(s.ms);
        res.allCpuMs.push(s.cpuMs);
        if (Number.isFinite(s.cpuMs) && (res.bestCpuMs === undefined || s.cpuMs < res.bestCpuMs)) res.bestCpuMs = s.cpuMs;
        if (res.bestMs === undefined || s.ms < res.bestMs) {
          res.bestMs = s.ms;
          bestSample.set(r, s);
        }
        for (const [k, v] of Object.entries(parsed.metrics ?? {})) {
          res.metrics ??= {};
          res.metrics[k] = Math.min(res.metrics[k] ?? Infinity, v);
        }
        process.stderr.write(`${fmtMs(s.ms)} (cpu ${fmtMs(s.cpuMs)})\n`);
      } catch (e) {
        res.status = "error";
        res.error = e instanceof Error ? e.message : String(e);
        process.stderr.write(`FAILED: ${res.error}\n`);
      }
    }
  }
  for (const [r, s] of bestSample) {
    const st = parseStats(s.stderr);
    if (st) results.get(r)!.stats = st;
  }
  // Cross-runner agreement: the reference is native's key, else qemu's.
  const ref = [results.get("native"), results.get("qemu")].find((x) => x?.status === "ok" && x.key !== undefined)?.key;
  if (ref !== undefined) {
    for (const res of results.values()) {
      if (res.status === "ok" && res.key !== ref) {
        res.status = "mismatch";
        res.error = `result ${res.key} differs from the reference ${ref}`;
      }
    }
  }
  return { bench: b, results };
}

// ---------------------------------------------------------------------------
// Reporting

function fmtMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return "—";
  return ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

function fmtRatio(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined || b === 0) return "—";
  const r = a / b;
  return `${r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2)}×`;
}

function fmtMips(instret: number | undefined, ms: number | undefined): string {
  if (instret === undefined || ms === undefined || ms <= 0) return "—";
  return (instret / (ms * 1000)).toFixed(1);
}

type Clock = "wall" | "cpu";

function okMs(br: BenchResult, r: RunnerName, clock: Clock = "wall"): number | undefined {
  const res = br.results.get(r);
  if (res?.status !== "ok") return undefined;
  return clock === "wall" ? res.bestMs : res.bestCpuMs;
}

function runnerCell(br: BenchResult, r: RunnerName, clock: Clock): string {
  const res = br.results.get(r);
  if (!res || res.status === "skipped") return "n/a";
  if (res.status === "ok") return fmtMs(clock === "wall" ? res.bestMs : res.bestCpuMs);
  return res.status === "mismatch" ? "WRONG RESULT" : "unavailable";
}

function instretOf(br: BenchResult): number | undefined {
  const v = br.results.get("aramid")?.stats?.["instret"];
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

function metricOf(br: BenchResult, r: RunnerName, name: string): number | undefined {
  const res = br.results.get(r);
  return res?.status === "ok" ? res.metrics?.[name] : undefined;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => [...r[i]].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c + " ".repeat(widths[i] - [...c].length)).join(" | ")} |`;
  return [line(rows[0]), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.slice(1).map(line)].join("\n");
}

function timesTable(all: BenchResult[], clock: Clock): string {
  const rows: string[][] = [[
    clock === "wall" ? "benchmark (wall time)" : "benchmark (CPU user+sys)",
    "native", "qemu", "aramid", "aramid/qemu", "aramid/native", "qemu/native", "target", "met?",
  ]];
  for (const br of all) {
    const n = okMs(br, "native", clock), q = okMs(br, "qemu", clock), a = okMs(br, "aramid", clock);
    const t = br.bench.target;
    let met = "—";
    let target = "—";
    if (t) {
      target = `aramid ≤ ${t.maxRatio}× ${t.vs}${t.metric ? ` ${t.metric}` : ""} (${t.source})`;
      const pick = (r: RunnerName): number | undefined =>
        t.metric ? metricOf(br, r, t.metric) : okMs(br, r, clock);
      const base = pick(t.vs);
      const mine = pick("aramid");
      const aStatus = br.results.get("aramid")?.status;
      met =
        aStatus === "mismatch" ? "NO (wrong result)"
        : mine === undefined || base === undefined ? "unknown"
        : mine <= t.maxRatio * base ? "yes" : "NO";
    }
    rows.push([
      br.bench.name, runnerCell(br, "native", clock), runnerCell(br, "qemu", clock), runnerCell(br, "aramid", clock),
      fmtRatio(a, q), fmtRatio(a, n), fmtRatio(q, n), target, met,
    ]);
  }
  return table(rows);
}

function loadNow(): string {
  return loadavg().map((x) => x.toFixed(2)).join(" ");
}
const loadBefore = loadNow();

function report(all: BenchResult[], opts: Options): string {
  const out: string[] = [];
  out.push(timesTable(all, "wall"), "", timesTable(all, "cpu"));

  // Aramid's guest instruction rate. instret is the guest's retired-instruction
  // count; the same binary retires (almost exactly) the same number under qemu,
  // so instret / qemu time estimates qemu's rate too.
  const mips: string[][] = [[
    "benchmark", "guest instret", "aramid wall_ms (stats)", "MIPS (stats wall)", "MIPS (process wall)", "MIPS (process CPU)", "qemu MIPS (est., wall)", "qemu MIPS (est., CPU)",
  ]];
  for (const br of all) {
    const st = br.results.get("aramid")?.stats;
    const ins = instretOf(br);
    const statWall = st?.["wall_ms"] !== undefined ? Number(st["wall_ms"]) : undefined;
    mips.push([
      br.bench.name,
      ins === undefined ? "—" : ins.toLocaleString("en-US"),
      statWall === undefined || !Number.isFinite(statWall) ? "—" : statWall.toFixed(0),
      fmtMips(ins, statWall), fmtMips(ins, okMs(br, "aramid")), fmtMips(ins, okMs(br, "aramid", "cpu")), fmtMips(ins, okMs(br, "qemu")), fmtMips(ins, okMs(br, "qemu", "cpu")),
    ]);
  }
  out.push("", table(mips));

  for (const br of all) {
    const withMetrics = [...br.results.values()].filter((r) => r.status === "ok" && r.metrics);
    if (withMetrics.length === 0) continue;
    const names = [...new Set(withMetrics.flatMap((r) => Object.keys(r.metrics ?? {})))];
    const m = (r: RunnerName, k: string): number | undefined => {
      const res = br.results.get(r);
      return res?.status === "ok" ? res.metrics?.[k] : undefined;
    };
    const fmt = (v: number | undefined) => (v === undefined ? "—" : v >= 100 ? v.toFixed(0) : v.toFixed(2));
    const rows: string[][] = [[`${br.bench.name}: ${br.bench.metricUnit ?? "metrics"}`, "native", "qemu", "aramid", "aramid/qemu", "aramid/native"]];
    for (const k of names) {
      rows.push([k, fmt(m("native", k)), fmt(m("qemu", k)), fmt(m("aramid", k)), fmtRatio(m("aramid", k), m("qemu", k)), fmtRatio(m("aramid", k), m("native", k))]);
    }
    out.push("", table(rows));
  }

  const notes: string[] = [];
  for (const br of all) {
    for (const res of br.results.values()) {
      if (res.status === "error" || res.status === "mismatch") notes.push(`- ${br.bench.name} / ${res.runner}: ${res.error}`);
    }
    const keys = [...br.results.values()].filter((r) => r.key !== undefined).map((r) => `${r.runner} ${r.key}`);
    if (keys.length) notes.push(`- ${br.bench.name} results: ${keys.join(", ")}`);
    for (const res of br.results.values()) {
      if (res.allMs.length > 0) {
        const runs = res.allMs.map((w, i) => `${fmtMs(w)} (cpu ${fmtMs(res.allCpuMs[i])})`).join(", ");
        notes.push(`- ${br.bench.name} / ${res.runner} runs: ${runs}`);
        const spread = Math.max(...res.allMs) / Math.min(...res.allMs);
        if (spread > 1.25) notes.push(`  - noisy: slowest run ${spread.toFixed(2)}× the fastest (machine busy?); compare the CPU-time table`);
      }
      if (res.stats) notes.push(`- ${br.bench.name} / ${res.runner} stats: ${Object.entries(res.stats).map(([k, v]) => `${k}=${v}`).join(" ")}`);
    }
  }
  out.push(
    "",
    `Best of ${opts.runs} runs, scale ${opts.scale}. Wall and CPU times are of the whole process ` +
      `(Aramid's include Node start-up and wasm compilation); CPU time is user+sys of the process and its threads, ` +
      `steadier than wall time when the machine is shared. Load average before/after: ${loadBefore} / ${loadNow()}.`,
  );
  if (notes.length) out.push("", ...notes);
  return out.join("\n");
}

function sh(file: string, args: string[]): string {
  try {
    return execFileSync(file, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}

function machine(): string[] {
  let model = "unknown";
  try {
    const info = readFileSync("/proc/cpuinfo", "utf8");
    model = /^model name\s*:\s*(.+)$/m.exec(info)?.[1]?.trim() ?? model;
  } catch {
    model = cpus()[0]?.model ?? model;
  }
  const qemu = sh("qemu-riscv64", ["--version"]).split("\n")[0] || "not found";
  const gcc = sh(RV_CC, ["--version"]).split("\n")[0] || "not found";
  const hostGcc = sh(HOST_CC, ["--version"]).split("\n")[0] || "not found";
  return [
    `- CPU: ${model}, ${cpus().length} cores (${process.arch})`,
    `- Kernel: ${sh("uname", ["-sr"]) || "unknown"}`,
    `- Node: ${process.version}`,
    `- qemu: ${qemu}`,
    `- Compilers: ${gcc}; ${hostGcc}; flags ${CFLAGS.join(" ")} (riscv64 -static)`,
  ];
}

function sectionHeading(): string {
  const day = new Date().toISOString().slice(0, 10);
  const rev = sh("git", ["-C", ROOT, "rev-parse", "--short", "HEAD"]) || "unknown";
  const dirty = sh("git", ["-C", ROOT, "status", "--porcelain", "--untracked-files=no"]) !== "";
  return `## ${day} — commit ${rev}${dirty ? " (uncommitted changes)" : ""}`;
}

const RESULTS_HEADER = `# Benchmark results

Written by \`npm run bench\` (bench/run.ts). One section per day and commit: a
re-run on the same day and commit replaces its section, older sections stay.
Times are the best of N runs, as process wall time and as CPU time (user+sys,
steadier when the machine is shared); ratios compare Aramid, qemu-riscv64
(qemu-user) and the same C program compiled natively for the host.
`;

function writeResults(body: string): void {
  const heading = sectionHeading();
  const stamp = `Run at ${new Date().toISOString().replace(/\.\d+Z$/, "Z")}.`;
  const section = [heading, "", stamp, "", ...machine(), "", body, ""].join("\n");
  let text = existsSync(RESULTS) ? readFileSync(RESULTS, "utf8") : RESULTS_HEADER;
  const parts = text.split(/^(?=## )/m);
  const head = parts[0];
  const sections = parts.slice(1).filter((s) => s.split("\n")[0] !== heading);
  sections.push(section + "\n");
  text = [head.endsWith("\n\n") ? head : head.trimEnd() + "\n\n", ...sections].join("");
  writeFileSync(RESULTS, text.trimEnd() + "\n");
  process.stderr.write(`bench: results written to ${relative(ROOT, RESULTS)} (${heading.slice(3)})\n`);
}

// ---------------------------------------------------------------------------
// Main

function parseArgs(argv: string[]): Options {
  const o: Options = {
    runs: Number(process.env["BENCH_RUNS"] ?? 3),
    scale: 1,
    only: null,
    runners: [...ALL_RUNNERS],
    timeoutSec: 600,
    rebuild: false,
    write: true,
    list: false,
  };
  const num = (flag: string, v: string | undefined, min: number): number => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < min) throw new Error(`${flag} needs an integer ≥ ${min}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case "--runs": o.runs = num(a, argv[++i], 1); break;
      case "--scale": o.scale = num(a, argv[++i], 1); break;
      case "--timeout": o.timeoutSec = num(a, argv[++i], 1); break;
      case "--only": o.only = (argv[++i] ?? "").split(",").filter(Boolean); break;
      case "--runners": {
        const rs = (argv[++i] ?? "").split(",").filter(Boolean);
        for (const r of rs) if (!(ALL_RUNNERS as readonly string[]).includes(r)) throw new Error(`unknown runner ${r}`);
        o.runners = ALL_RUNNERS.filter((r) => rs.includes(r));
        break;
      }
      case "--rebuild": o.rebuild = true; break;
      case "--no-write": o.write = false; break;
      case "--list": o.list = true; break;
      default: throw new Error(`unknown option ${a} (see the comment at the top of bench/run.ts)`);
    }
  }
  if (!Number.isInteger(o.runs) || o.runs < 1) throw new Error("BENCH_RUNS must be a positive integer");
  return o;
}

function main(): number {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.list) {
    for (const b of BENCHMARKS) console.log(`${b.name.padEnd(12)} ${b.description}`);
    return 0;
  }
  const benches = opts.only ? BENCHMARKS.filter((b) => opts.only!.includes(b.name)) : BENCHMARKS;
  if (opts.only) for (const n of opts.only) if (!BENCHMARKS.some((b) => b.name === n)) throw new Error(`unknown benchmark ${n}`);
  buildPrograms(benches, opts);
  const all = benches.map((b) => runBenchmark(b, opts));
  const body = report(all, opts);
  console.log(`\nAramid benchmarks (${new Date().toISOString()})\n`);
  console.log(machine().join("\n"));
  console.log("");
  console.log(body);
  if (opts.write) writeResults(body);
  let bad = false;
  for (const br of all) {
    for (const res of br.results.values()) {
      if (res.status === "mismatch") bad = true;
      if (res.status === "error" && res.runner !== "aramid") bad = true;
    }
  }
  return bad ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (e) {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
