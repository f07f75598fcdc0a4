// Micro benchmark of the interpreter: `node dist/tests/cpu/bench.js`.
// Prints millions of guest instructions per second for a few loop shapes.
// Not a test: timings never go in assertions.
import { Machine, DATA } from "./machine.js";

const ITERATIONS = 20_000_000;
const BUDGET = 10_000_000;
const EXIT_BUDGET = 0;

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

// V8 first runs wasm in its baseline compiler and switches a function to
// the optimizing one only at a later call, so warm up with short slices.
function warmUp(): void {
  const m = new Machine();
  m.load(LOOPS["load/add/store (rvc)"]);
  m.map(DATA, "rw");
  for (let i = 0; i < 200; i++) m.run(20_000);
}

warmUp();
for (const [name, src] of Object.entries(LOOPS)) {
  const m = new Machine();
  m.load(src);
  m.map(DATA, "rw");
  const start = process.cpuUsage();
  let before = m.cpu.instret(0);
  while (m.run(BUDGET) === EXIT_BUDGET) { /* keep going, like the kernel's slices */ }
  const used = process.cpuUsage(start);
  const ms = (used.user + used.system) / 1000;
  const n = Number(m.cpu.instret(0) - before);
  console.log(`${name.padEnd(24)} ${(n / ms / 1000).toFixed(0).padStart(5)} MIPS  (${n} insns, ${ms.toFixed(0)} ms CPU)`);
}
