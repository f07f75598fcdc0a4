// Output comparison for the differential suites: reports the first line
// where two outputs differ (with a little context) instead of dumping
// hundreds of kilobytes into an assertion message.
import type { RunResult } from "./run.js";

/** The first differing line of two texts, or null when they are identical. */
export function firstDifference(expected: string, actual: string, context = 3): string | null {
  if (expected === actual) return null;
  const e = expected.split("\n");
  const a = actual.split("\n");
  let i = 0;
  while (i < e.length && i < a.length && e[i] === a[i]) i++;
  const from = Math.max(0, i - context);
  const shown = e.slice(from, i).map((l) => `    ${l}`);
  return [
    `outputs differ at line ${i + 1} (expected ${e.length} lines, got ${a.length})`,
    ...shown,
    `  - ${e[i] ?? "<end of output>"}`,
    `  + ${a[i] ?? "<end of output>"}`,
  ].join("\n");
}

/** Differences in stdout and exit status between an oracle run and Aramid. */
export function diffRuns(oracleName: string, oracle: RunResult, aramid: RunResult): string | null {
  const problems: string[] = [];
  if (aramid.timedOut) problems.push("aramid timed out");
  if (oracle.status !== aramid.status) {
    problems.push(`exit status: ${oracleName} ${oracle.status}, aramid ${aramid.status}`);
  }
  const d = firstDifference(oracle.stdout, aramid.stdout);
  if (d !== null) problems.push(`stdout: ${d}`);
  if (problems.length === 0) return null;
  const err = aramid.stderr.length > 1500 ? `…${aramid.stderr.slice(-1500)}` : aramid.stderr;
  return `${problems.join("\n")}\n--- aramid stderr ---\n${err}`;
}
