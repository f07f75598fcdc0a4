// Interpreter benchmark: `node dist/tests/cpu/bench.js`.
// 1. Micro loops: millions of guest instructions per second.
// 2. tests/cpu/bench/loop.c, a freestanding CPU-bound C program, run on the
//    bare CPU and under qemu-riscv64; prints both times and the ratio.
// Times are CPU time (user + system) of the process, which is steadier than
// wall time on a shared machine. Not a test: timings never go in assertions.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Machine, DATA, runElf } from "./machine.js";
import { EXIT_BUDGET } from "../../src/cpu/layout.js";

const ITERATIONS = 20_000_000;
const SLICE = 1_000_000;
const ELF_FRAMES = 1024;

const LOOPS: Record<string, string> = {
  "add/branch (32-bit)": `
    .option norvc
    li t0, ${ITERATIONS}
  1: addi t1, t1, 3
    xor t2, t2, t1
    addi t0, t0, -1
    bnez t0, 1b
    ebreak`,
  "load/add/store (rvc)": `
    li t0, ${ITERATIONS}
    li a0, ${DATA}
  1: ld t2, 0(a0)
    add t1, t1, t2
    sd t1, 8(a0)
    addi t0, t0, -1
    bnez t0, 1b
    ebreak`,
  "mul/shift/compare": `
    li t0, ${ITERATIONS}
    li t1, 7
  1: mul t2, t1, t0
    srli t3, t2, 3
    sltu t4, t3, t1
    add t1, t1, t4
    addi t0, t0, -1
    bnez t0, 1b
    ebreak`,
};

function cpuMs(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

// V8 first runs wasm in its baseline compiler and switches a function to
// the optimizing one only at a later call, so warm up with short slices.
function warmUp(): void {
  const m = new Machine();
  m.load(LOOPS["load/add/store (rvc)"]);
  m.map(DATA, "rw");
  for (let i = 0; i < 200; i++) m.run(20_000);
}

function microLoops(): void {
  for (const [name, src] of Object.entries(LOOPS)) {
    const m = new Machine();
    m.load(src);
    m.map(DATA, "rw");
    const start = process.cpuUsage();
    while (m.run(SLICE) === EXIT_BUDGET) { /* the kernel's slices */ }
    const ms = cpuMs(start);
    const n = Number(m.cpu.instret(0));
    console.log(`${name.padEnd(24)} ${(n / ms / 1000).toFixed(0).padStart(5)} MIPS  (${n} insns, ${ms.toFixed(0)} ms)`);
  }
}

function cProgram(): void {
  const src = join(dirname(fileURLToPath(import.meta.url)), "../../../tests/cpu/bench/loop.c");
  const exe = join(mkdtempSync(join(tmpdir(), "aramid-bench-")), "loop");
  execFileSync("riscv64-linux-gnu-gcc", [
    "-O2", "-static", "-nostdlib", "-ffreestanding", "-fno-tree-loop-distribute-patterns", "-o", exe, src,
  ]);
  const t0 = performance.now();
  const qemuOut = execFileSync("qemu-riscv64", [exe]).toString("hex");
  const qemuWall = performance.now() - t0;
  // A child's CPU time is not in process.cpuUsage(); read it from /proc.
  const qemuMs = childCpuMs() ?? qemuWall;

  const m = new Machine(ELF_FRAMES);
  const start = process.cpuUsage();
  const out = runElf(m, new Uint8Array(readFileSync(exe)), SLICE);
  const ms = cpuMs(start);
  const n = Number(m.cpu.instret(0));
  console.log(`loop.c: aramid ${ms.toFixed(0)} ms (${(n / ms / 1000).toFixed(0)} MIPS, ${n} insns), ` +
    `qemu ${qemuMs.toFixed(0)} ms → ${(ms / qemuMs).toFixed(1)}x`);
  if (out !== qemuOut) console.log(`OUTPUT DIFFERS: aramid ${JSON.stringify(out)} qemu ${JSON.stringify(qemuOut)}`);
}

// Reaped children's user + system time, from /proc/self/stat fields 16, 17
// (cutime, cstime, in clock ticks of 10 ms).
let lastChildTicks = 0;
function childCpuMs(): number | undefined {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    const ticks = Number(fields[13]) + Number(fields[14]);
    const ms = (ticks - lastChildTicks) * 10;
    lastChildTicks = ticks;
    return ms;
  } catch {
    return undefined;
  }
}

childCpuMs();
warmUp();
microLoops();
cProgram();
