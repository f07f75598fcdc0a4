// Spawning helpers shared by the test suites: run a program natively, under
// qemu-riscv64 or inside Aramid, with a timeout, capturing stdout/stderr and
// the exit status the way a shell reports it (128+N when killed by signal N).
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { constants } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file runs from dist/tests/harness/). */
export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
export const BUILD = join(ROOT, "build");
export const ARAMID_BIN = join(ROOT, "bin", "aramid.js");

// Walk up to the directory holding package.json, wherever the compiled
// file ends up under dist/.
function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) return resolve(start, "..", "..", "..");
    dir = up;
  }
  return dir;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  /** Exit status as a shell would report it: 128+N when killed by signal N. */
  status: number;
  timedOut: boolean;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  stdin?: string;
  /** Decode output as latin1 (lossless for binary data) instead of UTF-8. */
  binary?: boolean;
  /**
   * Give the program a real pipe as stdout. Node's own stdio "pipes" are
   * socketpairs, which are readable and answer some calls differently, so
   * tests that reason about "stdout is a pipe" ask for this.
   */
  realPipe?: boolean;
}

export const DEFAULT_TIMEOUT_MS = 120_000;

/** Runs a command to completion; never rejects (spawn errors become status 127). */
export function runCommand(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  if (opts.realPipe === true) {
    // pipefail makes the status the program's own (128+N for signal N).
    return runCommand("bash", ["-c", 'set -o pipefail; "$@" | cat', "bash", cmd, ...args], { ...opts, realPipe: false });
  }
  return new Promise((done) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd ?? ROOT,
      env: opts.env ?? process.env,
      stdio: ["pipe", "pipe", "pipe"],
      // Its own process group, so a timeout kills wrapper and program alike.
      detached: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.stdin.on("error", () => undefined); // the child may exit before reading
    child.stdin.end(opts.stdin ?? "");
    child.on("error", (e) => err.push(Buffer.from(String(e))));
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      done({
        stdout: Buffer.concat(out).toString(opts.binary === true ? "latin1" : "utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        status: exitStatus(code, signal),
        timedOut,
      });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

function exitStatus(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code < 0 ? 127 : code; // negative: spawn itself failed
  if (signal !== null) return 128 + (constants.signals[signal] ?? 0);
  return 127;
}

/** Runs a riscv64 program under qemu-riscv64 (the CPU-semantics oracle). */
export function runQemu(program: string, args: string[] = [], opts: RunOptions = {}): Promise<RunResult> {
  return runCommand("qemu-riscv64", [program, ...args], opts);
}

/** Runs a host program natively (the kernel-behaviour oracle). */
export function runNative(program: string, args: string[] = [], opts: RunOptions = {}): Promise<RunResult> {
  return runCommand(program, args, opts);
}

export interface AramidOptions extends RunOptions {
  rootfs?: string;
  guestEnv?: string[];
  trace?: boolean;
  /** `--no-aslr`: deterministic addresses. */
  noAslr?: boolean;
}

/** The argv for `aramid run`, so tests can show exactly what was run. */
export function aramidArgs(program: string, args: string[], opts: AramidOptions): string[] {
  const a = [ARAMID_BIN, "run"];
  if (opts.rootfs !== undefined) a.push("--rootfs", opts.rootfs);
  for (const kv of opts.guestEnv ?? []) a.push("--env", kv);
  if (opts.trace === true) a.push("--trace");
  if (opts.noAslr === true) a.push("--no-aslr");
  return [...a, "--", program, ...args];
}

/** Runs a guest program in Aramid; `program` is a path inside the rootfs. */
export function runAramid(program: string, args: string[] = [], opts: AramidOptions = {}): Promise<RunResult> {
  return runCommand(process.execPath, aramidArgs(program, args, opts), opts);
}

let aramidProbe: string | null | undefined;

/**
 * Why Aramid cannot be started at all, or null when it can. Only this makes a
 * suite skip: a program that starts but misbehaves must fail its test. The
 * probe loads the CLI module with an unknown command; a missing dist/ module
 * or a crash on import is "cannot be started", any orderly exit is fine.
 */
export function aramidUnavailable(): string | null {
  if (aramidProbe !== undefined) return aramidProbe;
  aramidProbe = probeAramid();
  return aramidProbe;
}

function probeAramid(): string | null {
  if (!existsSync(ARAMID_BIN)) return `${ARAMID_BIN} does not exist`;
  const r = spawnSync(process.execPath, [ARAMID_BIN, "--help"], { encoding: "utf8", timeout: 30_000 });
  const text = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  if (r.error !== undefined) return `cannot spawn node: ${r.error.message}`;
  if (/ERR_MODULE_NOT_FOUND|Cannot find module|SyntaxError/.test(text)) {
    return `bin/aramid.js cannot be loaded: ${firstLine(text)}`;
  }
  return null;
}

// The line naming the error (Node prints the failing source line first).
function firstLine(s: string): string {
  const lines = s.split("\n").map((l) => l.trim()).filter((l) => l !== "");
  return lines.find((l) => /Error/.test(l)) ?? lines[0] ?? "";
}

/** The skip option for node:test: a message when Aramid cannot run at all. */
export function skipWithoutAramid(): string | false {
  const why = aramidUnavailable();
  return why === null ? false : `aramid cannot be started (${why})`;
}

/** Whether a host tool is on PATH (qemu-riscv64, riscv64-linux-gnu-gcc). */
export function haveTool(name: string): boolean {
  const r = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
  return r.status === 0;
}

/** A compact description of a result for assertion messages. */
export function describe(r: RunResult): string {
  const tail = (s: string): string => (s.length > 2000 ? `…${s.slice(-2000)}` : s);
  return `status=${r.status}${r.timedOut ? " (timed out)" : ""}\n--- stdout ---\n${tail(r.stdout)}\n--- stderr ---\n${tail(r.stderr)}`;
}
