// The "done when" checks of the process issue that are not contract-shaped
// (they cannot run natively): a fork bomb inside the guest is stopped with
// EAGAIN and the kernel still ends normally; a guest process spinning forever
// in user mode does not stop another guest process from finishing. The C
// sources are tests/kernel/c/limits_*.c, built with riscv64-linux-gnu-gcc
// -static into build/limits/ (also the guest's root).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ARAMID_BIN, BUILD, ROOT, describe as describeRun, haveTool, runCommand, skipWithoutAramid } from "../harness/run.js";

const SRC = join(ROOT, "tests", "kernel", "c");
const OUT = join(BUILD, "limits");
const TIMEOUT_MS = 180_000;

function cannotBuild(): string | false {
  return haveTool("riscv64-linux-gnu-gcc") ? false : "riscv64-linux-gnu-gcc is not installed";
}

function build(name: string): void {
  mkdirSync(OUT, { recursive: true });
  const src = join(SRC, `${name}.c`);
  const out = join(OUT, name);
  if (existsSync(out) && statSync(out).mtimeMs >= statSync(src).mtimeMs) return;
  const r = spawnSync("riscv64-linux-gnu-gcc", ["-static", "-O2", "-Wall", "-o", out, src], { encoding: "utf8" });
  assert.equal(r.status, 0, `building ${name} failed:\n${r.stderr}`);
}

function runGuest(name: string, mem: string) {
  const args = [ARAMID_BIN, "run", "--mem", mem, "--rootfs", OUT, "--", `/${name}`];
  return runCommand(process.execPath, args, { timeoutMs: TIMEOUT_MS });
}

const skip = cannotBuild() || skipWithoutAramid();

test("a fork bomb in a 256M guest gets EAGAIN and the kernel ends normally", { skip }, async () => {
  build("limits_forkbomb");
  const r = await runGuest("limits_forkbomb", "256M");
  const info = describeRun(r);
  assert.equal(r.timedOut, false, `fork bomb did not finish:\n${info}`);
  assert.match(r.stdout, /fork bomb stopped: fork failed with EAGAIN/, info);
  assert.match(r.stdout, /fork works again: yes/, info);
  assert.equal(r.status, 0, info);
});

test("a guest process spinning forever does not starve another", { skip }, async () => {
  build("limits_spinner");
  const r = await runGuest("limits_spinner", "256M");
  const info = describeRun(r);
  assert.equal(r.timedOut, false, `did not finish:\n${info}`);
  assert.match(r.stdout, /worker finished while another process spun: yes/, info);
  assert.match(r.stdout, /spinner killed: yes/, info);
  assert.equal(r.status, 0, info);
});
