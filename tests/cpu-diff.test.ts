// Differential CPU suite: every program in tests/guest/ (built into
// build/guest/rv64/ by tests/Makefile) runs under qemu-riscv64, the oracle
// for instruction semantics, and in Aramid with build/guest/rv64 as the
// root filesystem; stdout and the exit status must match exactly.
// Programs whose output depends on the loader or the environment (auxv,
// addresses) carry the marker NOT-DIFFERENTIAL and are tested by
// loader-syscalls.test.ts instead.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { diffRuns } from "./harness/compare.js";
import { BUILD, ROOT, describe, haveTool, runAramid, runQemu, skipWithoutAramid } from "./harness/run.js";

const SRC = join(ROOT, "tests", "guest");
const BIN = join(BUILD, "guest", "rv64");
// Generous: a hang guard for a slow interpreter, not a speed requirement.
const TIMEOUT_MS = 600_000;

function differentialPrograms(): string[] {
  return readdirSync(SRC)
    .filter((f) => f.endsWith(".c"))
    .filter((f) => !readFileSync(join(SRC, f), "utf8").includes("NOT-DIFFERENTIAL"))
    .map((f) => f.slice(0, -2))
    .sort();
}

const skip = skipWithoutAramid() || (haveTool("qemu-riscv64") ? false : "qemu-riscv64 is not installed");

for (const name of differentialPrograms()) {
  test(`cpu-diff ${name}`, { skip, timeout: TIMEOUT_MS * 2 }, async () => {
    const bin = join(BIN, name);
    assert.ok(existsSync(bin), `${bin} is missing: run make -C tests`);
    const [oracle, aramid] = await Promise.all([
      runQemu(bin, [], { timeoutMs: TIMEOUT_MS }),
      runAramid(`/${name}`, [], { rootfs: BIN, timeoutMs: TIMEOUT_MS }),
    ]);
    assert.ok(!oracle.timedOut, `qemu-riscv64 timed out:\n${describe(oracle)}`);
    assert.ok(oracle.stdout.length > 0, `qemu produced no output:\n${describe(oracle)}`);
    const diff = diffRuns("qemu", oracle, aramid);
    assert.equal(diff, null, `${name}: aramid differs from qemu-riscv64\n${diff ?? ""}`);
  });
}
