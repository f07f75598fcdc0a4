// Randomized differential CPU test: tests/harness/random-program.ts turns a
// seed into an assembly program of random non-trapping instructions ending
// in a dump of x/f registers, fcsr and its data buffer; the program is built
// with riscv64-linux-gnu-gcc -nostdlib -static -no-pie and run under
// qemu-riscv64 (the oracle) and in Aramid. The dumps must be identical.
// CI runs 20 fixed seeds; ARAMID_RANDOM_SEEDS=N runs N seeds starting at
// ARAMID_RANDOM_SEED_BASE (default 1) for long runs. A failing seed is
// reproduced with ARAMID_RANDOM_SEEDS=1 ARAMID_RANDOM_SEED_BASE=<seed>.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { DUMP_BYTES, dumpSlotName, generateProgram } from "./harness/random-program.js";
import { BUILD, describe, haveTool, runAramid, runQemu, skipWithoutAramid } from "./harness/run.js";

const DIR = join(BUILD, "random");
const TIMEOUT_MS = 120_000;

function seeds(): number[] {
  const n = Number(process.env.ARAMID_RANDOM_SEEDS ?? "20");
  const base = Number(process.env.ARAMID_RANDOM_SEED_BASE ?? "1");
  return Array.from({ length: n }, (_, i) => base + i);
}

/** Writes and assembles the program for a seed; returns its file name. */
function build(seed: number): string {
  mkdirSync(DIR, { recursive: true });
  const name = `seed-${seed}`;
  writeFileSync(join(DIR, `${name}.S`), generateProgram(seed));
  execFileSync("riscv64-linux-gnu-gcc", [
    "-nostdlib", "-static", "-no-pie", "-o", join(DIR, name), join(DIR, `${name}.S`),
  ], { stdio: ["ignore", "ignore", "pipe"] });
  return name;
}

/** Lists the dumped registers (and buffer words) whose values differ. */
function slotDifferences(expected: string, actual: string): string {
  const e = Buffer.from(expected, "latin1");
  const a = Buffer.from(actual, "latin1");
  const lines: string[] = [];
  if (a.length !== e.length) lines.push(`dump length: qemu ${e.length}, aramid ${a.length}`);
  for (let off = 0; off + 8 <= Math.min(e.length, a.length); off += 8) {
    const ev = e.readBigUInt64LE(off);
    const av = a.readBigUInt64LE(off);
    if (ev !== av) lines.push(`${dumpSlotName(off / 8)}: qemu ${ev.toString(16)}, aramid ${av.toString(16)}`);
  }
  return lines.slice(0, 40).join("\n");
}

const skip =
  skipWithoutAramid() ||
  (haveTool("qemu-riscv64") ? false : "qemu-riscv64 is not installed") ||
  (haveTool("riscv64-linux-gnu-gcc") ? false : "riscv64-linux-gnu-gcc is not installed");

for (const seed of seeds()) {
  test(`random-insn seed ${seed}`, { skip, timeout: TIMEOUT_MS * 3 }, async () => {
    const name = build(seed);
    const [oracle, aramid] = await Promise.all([
      runQemu(join(DIR, name), [], { timeoutMs: TIMEOUT_MS, binary: true }),
      runAramid(`/${name}`, [], { rootfs: DIR, timeoutMs: TIMEOUT_MS, binary: true }),
    ]);
    assert.equal(oracle.status, 0, `qemu failed on seed ${seed}:\n${describe(oracle)}`);
    assert.equal(oracle.stdout.length, DUMP_BYTES, "qemu dump has the wrong size");
    assert.equal(aramid.status, 0, `aramid failed on seed ${seed} (source ${join(DIR, name)}.S):\n${describe(aramid)}`);
    assert.ok(
      aramid.stdout === oracle.stdout,
      `seed ${seed}: register dumps differ (source ${join(DIR, name)}.S)\n${slotDifferences(oracle.stdout, aramid.stdout)}`,
    );
  });
}
