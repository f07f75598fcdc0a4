// Runs the kernel contract programs in tests/kernel/c/ (credentials,
// sessions, prctl, scheduling attributes): each is compiled natively with
// gcc (the reference, run as the same user as the tests — root in CI) and
// for riscv64 with riscv64-linux-gnu-gcc -static into build/kernel/, then
// run in Aramid with build/kernel/rootfs as the root. The two stdouts must
// be identical and end with "CONTRACT_PASS <name>".
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { firstDifference } from "../harness/compare.js";
import { BUILD, ROOT, describe as describeRun, haveTool, runAramid, runNative } from "../harness/run.js";

const SRC = join(ROOT, "tests", "kernel", "c");
const HOST_DIR = join(BUILD, "kernel", "host");
const ROOTFS = join(BUILD, "kernel", "rootfs");
const TIMEOUT_MS = 120_000;
const FLAGS = ["-O2", "-Wall", "-D_GNU_SOURCE", `-I${join(ROOT, "tests", "contract")}`, `-I${SRC}`];

/** Why the programs cannot be built here, or null. */
export function cannotBuild(): string | null {
  if (!haveTool("gcc")) return "gcc is not installed";
  if (!haveTool("riscv64-linux-gnu-gcc")) return "riscv64-linux-gnu-gcc is not installed";
  return null;
}

function stale(out: string, src: string): boolean {
  if (!existsSync(out)) return true;
  const t = statSync(out).mtimeMs;
  return t < statSync(src).mtimeMs || t < statSync(join(SRC, "kt.h")).mtimeMs;
}

function compile(cc: string, extra: string[], out: string, src: string): void {
  if (!stale(out, src)) return;
  const r = spawnSync(cc, [...FLAGS, ...extra, "-o", out, src], { encoding: "utf8" });
  assert.equal(r.status, 0, `${cc} ${src} failed:\n${r.stderr}`);
}

/** Builds tests/kernel/c/NAME.c both ways; returns the native binary's path. */
export function buildProgram(name: string): string {
  mkdirSync(HOST_DIR, { recursive: true });
  mkdirSync(join(ROOTFS, "tmp"), { recursive: true });
  const src = join(SRC, `${name}.c`);
  const host = join(HOST_DIR, name);
  compile("gcc", [], host, src);
  const rv = join(BUILD, "kernel", `${name}.rv64`);
  compile("riscv64-linux-gnu-gcc", ["-static"], rv, src);
  copyFileSync(rv, join(ROOTFS, name));
  return host;
}

/** Runs NAME natively and in Aramid and requires the same passing output. */
export async function runBoth(name: string): Promise<void> {
  const host = buildProgram(name);
  const env = { PATH: "/usr/bin:/bin", LANG: "C", LC_ALL: "C" };
  const [native, aramid] = await Promise.all([
    runNative(host, [], { env, cwd: ROOTFS, timeoutMs: TIMEOUT_MS }),
    runAramid(`/${name}`, [], { rootfs: ROOTFS, timeoutMs: TIMEOUT_MS, guestEnv: ["LANG=C", "LC_ALL=C"] }),
  ]);
  const verdict = `CONTRACT_PASS ${name}`;
  const nativeLast = native.stdout.trimEnd().split("\n").pop();
  assert.equal(nativeLast, verdict, `${name} fails natively (a broken test):\n${describeRun(native)}`);
  const diff = firstDifference(native.stdout, aramid.stdout);
  assert.equal(diff, null, `${name} diverges from Linux:\n${diff ?? ""}\n${describeRun(aramid)}`);
  assert.equal(aramid.status, 0, `${name} in aramid:\n${describeRun(aramid)}`);
}
