// Contract-test runner: each program in tests/contract/ is built for the
// host (build/contract/host/NAME, the reference, run natively with the
// fixture directory as cwd) and for riscv64 (copied into the fixture
// directory, run in Aramid with that directory as the root and cwd "/"),
// so relative paths name the same files in both runs. The last stdout line
// is the program's own verdict: "CONTRACT_PASS <name>" or
// "CONTRACT_FAIL <name>: <why>". Both runs get a real pipe as stdout (not
// Node's socketpair), so "stdout is a pipe" means the same in both.
import { existsSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { firstDifference } from "./compare.js";
import { BUILD, ROOT, type RunResult, aramidUnavailable, runAramid, runNative } from "./run.js";

export const CONTRACT_HOST = join(BUILD, "contract", "host");
export const FIXTURE = join(BUILD, "contract", "fixture");
const TIMEOUT_MS = 120_000;

/** PASS: both pass with the same stdout. BROKEN: fails natively (the test
 * is wrong). DIVERGE: Aramid differs from Linux. SKIPPED: no Aramid. */
export type Verdict = "PASS" | "BROKEN" | "DIVERGE" | "SKIPPED";

export interface ContractResult {
  name: string;
  verdict: Verdict;
  detail: string;
}

/** Every contract program in the source tree (so a deleted test's stale
 * binary is never run), sorted by name. */
export function contractNames(): string[] {
  const src = join(ROOT, "tests", "contract");
  if (!existsSync(src)) return [];
  return readdirSync(src, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".c"))
    .map((f) => basename(f, ".c"))
    .sort();
}

/** The program's self-reported verdict line, or a description of its absence. */
export function selfVerdict(name: string, r: RunResult): { pass: boolean; why: string } {
  const lines = r.stdout.trimEnd().split("\n");
  const last = lines[lines.length - 1] ?? "";
  if (r.timedOut) return { pass: false, why: "timed out" };
  if (last === `CONTRACT_PASS ${name}`) {
    return r.status === 0 ? { pass: true, why: "" } : { pass: false, why: `passed but exited ${r.status}` };
  }
  if (last.startsWith(`CONTRACT_FAIL ${name}`)) return { pass: false, why: last };
  return { pass: false, why: `no verdict line (exit status ${r.status}); last line: ${JSON.stringify(last)}` };
}

function nativeEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", LANG: "C", LC_ALL: "C" };
}

/** Runs one contract program natively and (when possible) in Aramid. */
export async function runContract(name: string): Promise<ContractResult> {
  if (!existsSync(join(CONTRACT_HOST, name)) || !existsSync(join(FIXTURE, name))) {
    return { name, verdict: "BROKEN", detail: `not built: run make -C tests` };
  }
  const nativeRun = runNative(join(CONTRACT_HOST, name), [], { cwd: FIXTURE, env: nativeEnv(), timeoutMs: TIMEOUT_MS, realPipe: true });
  const aramidRun =
    aramidUnavailable() === null
      ? runAramid(`/${name}`, [], { rootfs: FIXTURE, timeoutMs: TIMEOUT_MS, guestEnv: ["LANG=C", "LC_ALL=C"], realPipe: true })
      : null;
  const native = await nativeRun;
  const nv = selfVerdict(name, native);
  if (!nv.pass) {
    await aramidRun;
    return { name, verdict: "BROKEN", detail: `fails natively: ${nv.why}\n${native.stdout}${native.stderr}` };
  }
  if (aramidRun === null) return { name, verdict: "SKIPPED", detail: `aramid cannot be started: ${aramidUnavailable() ?? ""}` };
  return judgeAramid(name, native, await aramidRun);
}

function judgeAramid(name: string, native: RunResult, aramid: RunResult): ContractResult {
  const av = selfVerdict(name, aramid);
  const diff = firstDifference(native.stdout, aramid.stdout);
  if (av.pass && diff === null) return { name, verdict: "PASS", detail: "" };
  const stderr = aramid.stderr.length > 1500 ? `…${aramid.stderr.slice(-1500)}` : aramid.stderr;
  const why = av.pass ? "same verdict, different output" : `in aramid: ${av.why}`;
  return { name, verdict: "DIVERGE", detail: `${why}\n${diff ?? ""}\n--- aramid stderr ---\n${stderr}` };
}

/** A fixed-width summary table of all results. */
export function summaryTable(results: ContractResult[]): string {
  const width = Math.max(8, ...results.map((r) => r.name.length));
  const rows = results.map((r) => {
    const first = r.detail.split("\n")[0] ?? "";
    return `${r.name.padEnd(width)}  ${r.verdict.padEnd(7)}  ${first.slice(0, 100)}`;
  });
  const counts = (["PASS", "DIVERGE", "BROKEN", "SKIPPED"] as const)
    .map((v) => `${v} ${results.filter((r) => r.verdict === v).length}`)
    .join(", ");
  return [`${"contract".padEnd(width)}  verdict  detail`, ...rows, counts].join("\n");
}
