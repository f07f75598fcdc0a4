// The helper programs of the real-client tests (tests/clients/progs/): small
// static riscv64 programs compiled on demand, plus scripts copied next to
// them, in one directory that the test binds into the guest.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { ROOT, aramidUnavailable } from "../harness/run.js";

const PROGS_SRC = join(ROOT, "tests", "clients", "progs");

/** Why the helpers cannot be built and run (null when they can). */
export function progsUnavailable(): string | null {
  const a = aramidUnavailable();
  if (a !== null) return `aramid cannot be started: ${a}`;
  try {
    execFileSync("riscv64-linux-gnu-gcc", ["--version"], { stdio: "ignore" });
  } catch {
    return "riscv64-linux-gnu-gcc not installed";
  }
  return null;
}

/** Compiles progs/NAME.c into `out` (when the source is newer) and copies the scripts. */
export function buildProgs(out: string, programs: string[], scripts: string[]): void {
  mkdirSync(out, { recursive: true });
  for (const p of programs) {
    const src = join(PROGS_SRC, `${p}.c`);
    const bin = join(out, p);
    if (existsSync(bin) && statSync(bin).mtimeMs >= statSync(src).mtimeMs) continue;
    execFileSync("riscv64-linux-gnu-gcc", ["-static", "-O1", "-o", bin, src, "-lpthread"], { stdio: "inherit" });
  }
  for (const s of scripts) copyFileSync(join(PROGS_SRC, s), join(out, s));
}
