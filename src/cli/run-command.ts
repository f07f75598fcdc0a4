// `aramid run`: boot the kernel on a root filesystem and run one program.
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { statSync } from "node:fs";
import { Kernel } from "../kernel/kernel.js";
import { errnoName } from "../kernel/trace.js";
import { createNodeHost } from "../host/node-host.js";
import { ENOENT, ENOEXEC, EACCES } from "../kernel/errno.js";
import { parseSize } from "./size.js";
import type { BindSpec } from "../fs/boot-mounts.js";

export const RUN_USAGE = `usage: aramid run [--rootfs DIR] [--bind HOST:GUEST[:ro]]... [--mem SIZE] [--env K=V]... [--init PATH] [--no-aslr] [--trace] [--stats] -- PROGRAM [ARGS...]`;

const DEFAULT_MEM = 1024 * 1024 * 1024;
const DEFAULT_ENV = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root"];

export interface RunOptions {
  rootfs: string;
  mem: number;
  env: string[];
  trace: boolean;
  stats: boolean;
  /** An init from the image to run as pid 1 instead of the built-in one. */
  init: string | null;
  /** --bind HOST:GUEST[:ro] mounts, host paths made absolute. */
  binds?: BindSpec[];
  /** --no-aslr: boot with kernel.randomize_va_space = 0 (deterministic addresses). */
  noAslr?: boolean;
  program: string;
  args: string[];
}

export function parseRunArgs(argv: string[]): RunOptions | string {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        rootfs: { type: "string" },
        bind: { type: "string", multiple: true },
        mem: { type: "string" },
        env: { type: "string", multiple: true },
        trace: { type: "boolean" },
        stats: { type: "boolean" },
        init: { type: "string" },
        "no-aslr": { type: "boolean" },
      },
    });
  } catch (e) {
    return (e as Error).message;
  }
  const v = parsed.values;
  const binds: BindSpec[] = [];
  for (const b of v.bind ?? []) {
    const spec = parseBind(b);
    if (typeof spec === "string") return spec;
    binds.push(spec);
  }
  const mem = v.mem === undefined ? DEFAULT_MEM : parseSize(v.mem);
  if (typeof mem === "string") return mem;
  if (parsed.positionals.length === 0) return "no PROGRAM given";
  for (const e of v.env ?? []) if (!e.includes("=")) return `--env ${e}: expected K=V`;
  return {
    rootfs: v.rootfs ?? "",
    mem,
    env: v.env ?? [],
    trace: v.trace ?? false,
    stats: v.stats ?? false,
    init: v.init ?? null,
    binds,
    noAslr: v["no-aslr"] ?? false,
    program: parsed.positionals[0],
    args: parsed.positionals.slice(1),
  };
}

/** HOST:GUEST[:ro] — GUEST must be absolute; HOST must be an existing directory. */
function parseBind(arg: string): BindSpec | string {
  const parts = arg.split(":");
  const readOnly = parts.length === 3 && parts[2] === "ro";
  if (parts.length < 2 || parts.length > 3 || (parts.length === 3 && !readOnly)) return `--bind ${arg}: expected HOST:GUEST[:ro]`;
  const [host, guest] = parts;
  if (!guest.startsWith("/")) return `--bind ${arg}: GUEST must be an absolute path`;
  try {
    if (!statSync(host).isDirectory()) return `--bind ${arg}: ${host} is not a directory`;
  } catch {
    return `--bind ${arg}: ${host} does not exist`;
  }
  return { host: resolve(host), guest, readOnly };
}

/** Merges --env over the defaults (a later K replaces an earlier one). */
function environment(extra: string[]): string[] {
  const m = new Map<string, string>();
  for (const e of [...DEFAULT_ENV, ...extra]) m.set(e.slice(0, e.indexOf("=")), e);
  return [...m.values()];
}

const MESSAGES = new Map<number, string>([
  [ENOENT, "No such file or directory"],
  [ENOEXEC, "Exec format error"],
  [EACCES, "Permission denied"],
]);

/** Runs the program; resolves with the exit status a shell would report. */
export async function runProgram(o: RunOptions): Promise<number> {
  const rootfs = resolve(o.rootfs);
  try {
    if (!statSync(rootfs).isDirectory()) throw new Error("not a directory");
  } catch {
    process.stderr.write(`aramid: --rootfs ${o.rootfs}: not a directory\n`);
    return 2;
  }
  const host = createNodeHost(o.trace ? (line) => process.stderr.write(line + "\n") : null);
  const kernel = new Kernel(host, {
    memBytes: o.mem, rootfs, builtinInit: o.init === null, binds: o.binds, randomizeVaSpace: o.noAslr === true ? 0 : undefined,
  });
  const started = performance.now();
  // With --init, pid 1 is that program, given PROGRAM and its arguments (as tini takes them).
  const argv = o.init === null ? [o.program, ...o.args] : [o.init, o.program, ...o.args];
  const task = kernel.spawn(o.init ?? o.program, argv, environment(o.env));
  if (typeof task === "number") {
    const msg = MESSAGES.get(-task) ?? errnoName(-task);
    process.stderr.write(`aramid: ${o.init ?? o.program}: ${msg}\n`);
    return -task === ENOENT ? 127 : 126;
  }
  const status = await kernel.run();
  if (o.stats) {
    const wall = performance.now() - started;
    process.stderr.write(
      `aramid-stats: instret=${kernel.cpu.instret(0)} wall_ms=${wall.toFixed(1)} ` +
        `utime_ms=${(task.utimeNs / 1e6).toFixed(1)} stime_ms=${(task.stimeNs / 1e6).toFixed(1)}\n`,
    );
  }
  for (const [nr, count] of kernel.unknownSyscalls) {
    if (o.trace) process.stderr.write(`aramid: unimplemented syscall ${nr} called ${count} times (ENOSYS)\n`);
  }
  return statusToExitCode(status);
}

/** A wait status as a shell reports it: the exit code, or 128 + the signal. */
export function statusToExitCode(status: number): number {
  const sig = status & 0x7f;
  return sig !== 0 ? 128 + sig : (status >> 8) & 0xff;
}
