// Contract tests (DESIGN.md §7, oracle 1: host Linux). Every program in
// tests/contract/ runs natively (the reference) and in Aramid; see
// tests/harness/contract.ts for how. A program that fails natively is
// BROKEN, one whose Aramid verdict or stdout differs is DIVERGE; both fail
// the test (unless listed, with its reason, in tests/contract/KNOWN-DIVERGENCES,
// which reports it as TODO). Without a startable Aramid the native half still runs (so
// broken tests are caught) and the Aramid half is skipped.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { type ContractResult, contractNames, runContract, summaryTable } from "./harness/contract.js";
import { skipWithoutAramid } from "./harness/run.js";

const results: ContractResult[] = [];
const names = contractNames();

/** tests/contract/KNOWN-DIVERGENCES: programs that still differ from Linux, with the reason. */
function knownDivergences(): Map<string, string> {
  const file = join(process.cwd(), "tests", "contract", "KNOWN-DIVERGENCES");
  const known = new Map<string, string>();
  if (!existsSync(file)) return known;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const m = /^([\w-]+)\s+(.+)$/.exec(line.trim());
    if (m && !line.startsWith("#")) known.set(m[1], m[2]);
  }
  return known;
}
const known = knownDivergences();

describe("contract", { concurrency: 4 }, () => {
  test("contract programs are built", () => {
    assert.ok(names.length > 0, "no programs in build/contract/host: run make -C tests");
  });
  for (const name of names) {
    test(`contract ${name}`, async (t) => {
      const r = await runContract(name);
      results.push(r);
      assert.notEqual(r.verdict, "BROKEN", `${name} is BROKEN: ${r.detail}`);
      const reason = known.get(name);
      if (reason !== undefined && r.verdict === "DIVERGE") {
        t.todo(`known divergence: ${reason}`);
        return;
      }
      if (reason !== undefined) t.diagnostic(`listed in KNOWN-DIVERGENCES but ${r.verdict}`);
      assert.notEqual(r.verdict, "DIVERGE", `${name} DIVERGES from Linux: ${r.detail}`);
      if (r.verdict === "SKIPPED") t.skip(skipWithoutAramid() || r.detail);
    });
  }
  after(() => {
    results.sort((a, b) => a.name.localeCompare(b.name));
    console.log(`\n${summaryTable(results)}`);
  });
});
