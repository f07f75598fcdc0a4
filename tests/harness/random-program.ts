// Generator of random riscv64 test programs for the randomized differential
// test (tests/random-insn.test.ts). From a seed it writes an assembly file
// that seeds every usable x and f register and fcsr, runs a few hundred
// random instructions from a set that cannot trap (no branches leaving the
// block, memory accesses only into a private buffer through a fixed base
// register), then writes a dump of the registers, fcsr and the buffer to
// stdout and calls exit_group(0). Built with -nostdlib -static -no-pie, so
// every address the program can observe (auipc, the buffer) is the same
// under qemu-riscv64 and Aramid.

/** Registers never written: zero, sp/gp/tp (whose values differ between
 * runners and are never read either) and the buffer base. */
const BASE = 9; // s1: in the x8..x15 range, so compressed loads can use it
const UNREADABLE = new Set([2, 3, 4]);
const INT_DEST = range(1, 32).filter((r) => !UNREADABLE.has(r) && r !== BASE);
const INT_SRC = range(0, 32).filter((r) => !UNREADABLE.has(r));
const C_DEST = [8, 10, 11, 12, 13, 14, 15]; // x8..x15 without the base
const C_SRC = [8, 9, 10, 11, 12, 13, 14, 15];
const BUF_BYTES = 4096;
const STATIC_RM = ["rne", "rtz", "rdn", "rup", "rmm", "dyn"];

/** Dump layout: x1, x5..x31, f0..f31, fcsr, then the data buffer. */
export const DUMPED_X = range(1, 32).filter((r) => !UNREADABLE.has(r));
export const DUMP_BYTES = (DUMPED_X.length + 32 + 1) * 8 + BUF_BYTES;

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

/** mulberry32: small, fast and good enough to pick instructions. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  u32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  int(n: number): number {
    return this.u32() % n;
  }
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  u64(): bigint {
    return (BigInt(this.u32()) << 32n) | BigInt(this.u32());
  }
}

const INTERESTING_X: readonly bigint[] = [
  0n, 1n, 2n, 0xffffffffffffffffn, 0x8000000000000000n, 0x7fffffffffffffffn,
  0x80000000n, 0x7fffffffn, 0xffffffffn, 0xffffffff80000000n, 31n, 32n, 63n, 64n,
  0xfffffffffffff800n, 0x7ffn,
];
const INTERESTING_F: readonly bigint[] = [
  0xffffffff00000000n, 0xffffffff80000000n, 0xffffffff3f800000n, 0xffffffffbf800000n,
  0xffffffff7f800000n, 0xffffffffff800000n, 0xffffffff7fc00000n, 0xffffffff7f800001n,
  0xffffffff00000001n, 0xffffffff7f7fffffn, 0xffffffff4f000000n, 0xffffffff5f000000n,
  0x0000000000000000n, 0x8000000000000000n, 0x3ff0000000000000n, 0xbff8000000000000n,
  0x7ff0000000000000n, 0xfff0000000000000n, 0x7ff8000000000000n, 0x7ff0000000000001n,
  0x0000000000000001n, 0x7fefffffffffffffn, 0x41e0000000000000n, 0x43e0000000000000n,
  0x000000003f800000n, 0x3fd5555555555555n,
];

function randomX(rng: Rng): bigint {
  const k = rng.int(4);
  if (k === 0) return rng.pick(INTERESTING_X);
  if (k === 1) return BigInt(rng.between(-2048, 2047)) & 0xffffffffffffffffn;
  return rng.u64();
}

/** f register seeds: boxed singles, doubles, unboxed junk, random bits. */
function randomF(rng: Rng): bigint {
  const k = rng.int(5);
  if (k <= 1) return rng.pick(INTERESTING_F);
  if (k === 2) return 0xffffffff00000000n | BigInt(rng.u32());
  if (k === 3) return randomDouble(rng);
  return rng.u64();
}

function randomDouble(rng: Rng): bigint {
  // Exponents near 1.0 so that arithmetic mostly stays in range and rounds.
  const exp = BigInt(rng.between(0x3c0, 0x440));
  const mant = rng.u64() & 0xfffffffffffffn;
  const sign = BigInt(rng.int(2)) << 63n;
  return sign | (exp << 52n) | mant;
}

const hex = (v: bigint): string => `0x${v.toString(16)}`;

/** A destination for a full-size instruction: now and then x0, whose
 * writes must be discarded. */
function rd(r: Rng): number {
  return r.int(32) === 0 ? 0 : r.pick(INT_DEST);
}
const x = (r: number): string => `x${r}`;
const f = (r: number): string => `f${r}`;

type Gen = (rng: Rng) => string;

const ALU_RR = [
  "add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and",
  "addw", "subw", "sllw", "srlw", "sraw", "mul", "mulh", "mulhsu", "mulhu",
  "div", "divu", "rem", "remu", "mulw", "divw", "divuw", "remw", "remuw",
];
const ALU_RI = ["addi", "slti", "sltiu", "xori", "ori", "andi", "addiw"];

const aluRR: Gen = (r) => `${r.pick(ALU_RR)} ${x(rd(r))}, ${x(r.pick(INT_SRC))}, ${x(r.pick(INT_SRC))}`;
const aluRI: Gen = (r) => `${r.pick(ALU_RI)} ${x(rd(r))}, ${x(r.pick(INT_SRC))}, ${r.between(-2048, 2047)}`;
const shiftImm: Gen = (r) => {
  const w = r.int(2) === 0;
  const op = r.pick(["slli", "srli", "srai"]) + (w ? "w" : "");
  const sh = r.pick(w ? [0, 1, 31, r.int(32)] : [0, 1, 31, 32, 63, r.int(64)]);
  return `${op} ${x(rd(r))}, ${x(r.pick(INT_SRC))}, ${sh}`;
};
const upper: Gen = (r) => `${r.pick(["lui", "auipc"])} ${x(rd(r))}, ${hex(BigInt(r.u32() >>> 12))}`;

const LOADS: ReadonlyArray<[string, number]> = [
  ["lb", 1], ["lh", 2], ["lw", 4], ["ld", 8], ["lbu", 1], ["lhu", 2], ["lwu", 4],
];
const STORES: ReadonlyArray<[string, number]> = [["sb", 1], ["sh", 2], ["sw", 4], ["sd", 8]];

/** A naturally aligned offset from the base, which points mid-buffer. */
function offset(r: Rng, size: number): number {
  return Math.floor(r.between(-2048, 2047 - size) / size) * size;
}
const load: Gen = (r) => {
  const [op, size] = r.pick(LOADS);
  return `${op} ${x(rd(r))}, ${offset(r, size)}(${x(BASE)})`;
};
const store: Gen = (r) => {
  const [op, size] = r.pick(STORES);
  return `${op} ${x(r.pick(INT_SRC))}, ${offset(r, size)}(${x(BASE)})`;
};
const fload: Gen = (r) => {
  const d = r.int(2) === 0;
  return `${d ? "fld" : "flw"} ${f(r.int(32))}, ${offset(r, d ? 8 : 4)}(${x(BASE)})`;
};
const fstore: Gen = (r) => {
  const d = r.int(2) === 0;
  return `${d ? "fsd" : "fsw"} ${f(r.int(32))}, ${offset(r, d ? 8 : 4)}(${x(BASE)})`;
};
const AMOS = ["amoswap", "amoadd", "amoxor", "amoand", "amoor", "amomin", "amomax", "amominu", "amomaxu"];
// AMOs take no offset, so they all hit the (aligned) word at the base.
const amo: Gen = (r) => `${r.pick(AMOS)}.${r.pick(["w", "d"])} ${x(rd(r))}, ${x(r.pick(INT_SRC))}, (${x(BASE)})`;

/** Compressed forms with their operand constraints (rd != 0, imm != 0 …). */
const compressed: Gen = (r) => {
  const rd = r.pick(INT_DEST);
  const cd = r.pick(C_DEST);
  const nz6 = (): number => r.pick([-32, -1, 1, 31, r.between(1, 31)]);
  const forms: Array<() => string> = [
    () => `c.addi ${x(rd)}, ${nz6()}`,
    () => `c.addiw ${x(rd)}, ${r.between(-32, 31)}`,
    () => `c.li ${x(rd)}, ${r.between(-32, 31)}`,
    () => `c.lui ${x(rd)}, ${hex(BigInt(r.pick([1, 31, 0xfffe0, 0xfffff, r.between(1, 31)])))}`,
    () => `c.slli ${x(rd)}, ${r.between(1, 63)}`,
    () => `c.${r.pick(["srli", "srai"])} ${x(cd)}, ${r.between(1, 63)}`,
    () => `c.andi ${x(cd)}, ${r.between(-32, 31)}`,
    () => `c.mv ${x(rd)}, ${x(r.pick(INT_DEST))}`,
    () => `c.add ${x(rd)}, ${x(r.pick(INT_DEST))}`,
    () => `c.${r.pick(["and", "or", "xor", "sub", "addw", "subw"])} ${x(cd)}, ${x(r.pick(C_SRC))}`,
    () => `c.lw ${x(cd)}, ${4 * r.int(32)}(${x(BASE)})`,
    () => `c.ld ${x(cd)}, ${8 * r.int(32)}(${x(BASE)})`,
    () => `c.sw ${x(r.pick(C_SRC))}, ${4 * r.int(32)}(${x(BASE)})`,
    () => `c.sd ${x(r.pick(C_SRC))}, ${8 * r.int(32)}(${x(BASE)})`,
    () => `c.fld ${f(r.between(8, 15))}, ${8 * r.int(32)}(${x(BASE)})`,
    () => `c.fsd ${f(r.between(8, 15))}, ${8 * r.int(32)}(${x(BASE)})`,
  ];
  return r.pick(forms)();
};

const F_BIN = ["fadd", "fsub", "fmul", "fdiv"];
const F_NORM = ["fmin", "fmax", "fsgnj", "fsgnjn", "fsgnjx"];
const F_FMA = ["fmadd", "fmsub", "fnmadd", "fnmsub"];
const prec = (r: Rng): string => r.pick(["s", "d"]);

const fArith: Gen = (r) => {
  const p = prec(r);
  const rm = r.pick(STATIC_RM);
  const k = r.int(4);
  if (k === 0) return `${r.pick(F_BIN)}.${p} ${f(r.int(32))}, ${f(r.int(32))}, ${f(r.int(32))}, ${rm}`;
  if (k === 1) return `fsqrt.${p} ${f(r.int(32))}, ${f(r.int(32))}, ${rm}`;
  if (k === 2) return `${r.pick(F_FMA)}.${p} ${f(r.int(32))}, ${f(r.int(32))}, ${f(r.int(32))}, ${f(r.int(32))}, ${rm}`;
  return `${r.pick(F_NORM)}.${p} ${f(r.int(32))}, ${f(r.int(32))}, ${f(r.int(32))}`;
};

const fCompare: Gen = (r) => {
  const p = prec(r);
  if (r.int(4) === 0) return `fclass.${p} ${x(rd(r))}, ${f(r.int(32))}`;
  return `${r.pick(["feq", "flt", "fle"])}.${p} ${x(rd(r))}, ${f(r.int(32))}, ${f(r.int(32))}`;
};

/** Conversions; the exact ones (fcvt.d.s, fcvt.d.w[u]) take no rm. */
const fConvert: Gen = (r) => {
  const rm = r.pick(STATIC_RM);
  const ints = ["w", "wu", "l", "lu"];
  const k = r.int(5);
  if (k === 0) return `fcvt.${r.pick(ints)}.${prec(r)} ${x(rd(r))}, ${f(r.int(32))}, ${rm}`;
  if (k === 1) {
    const i = r.pick(ints);
    const p = prec(r);
    const exact = p === "d" && (i === "w" || i === "wu");
    return `fcvt.${p}.${i} ${f(r.int(32))}, ${x(r.pick(INT_SRC))}${exact ? "" : `, ${rm}`}`;
  }
  if (k === 2) return `fcvt.s.d ${f(r.int(32))}, ${f(r.int(32))}, ${rm}`;
  if (k === 3) return `fcvt.d.s ${f(r.int(32))}, ${f(r.int(32))}`;
  return r.pick([
    `fmv.x.w ${x(rd(r))}, ${f(r.int(32))}`,
    `fmv.w.x ${f(r.int(32))}, ${x(r.pick(INT_SRC))}`,
    `fmv.x.d ${x(rd(r))}, ${f(r.int(32))}`,
    `fmv.d.x ${f(r.int(32))}, ${x(r.pick(INT_SRC))}`,
  ]);
};

/** fcsr accesses; frm only ever gets a valid mode so "dyn" cannot trap. */
const fCsr: Gen = (r) =>
  r.pick([
    `fsrmi ${x(rd(r))}, ${r.int(5)}`,
    `fsflagsi ${x(rd(r))}, ${r.int(32)}`,
    `fsflags ${x(rd(r))}, ${x(r.pick(INT_SRC))}`,
    `frflags ${x(rd(r))}`,
    `frrm ${x(rd(r))}`,
    `frcsr ${x(rd(r))}`,
    `csrrs ${x(rd(r))}, fflags, ${x(r.pick(INT_SRC))}`,
    `csrrc ${x(rd(r))}, fflags, ${x(r.pick(INT_SRC))}`,
  ]);

/** Ordering and no-op instructions (fence.i also flushes decoded code). */
const misc: Gen = (r) => r.pick(["nop", "c.nop", "fence", "fence rw, rw", "fence.i"]);

/** Weighted instruction mix. */
const MIX: ReadonlyArray<[number, Gen]> = [
  [14, aluRR], [8, aluRI], [5, shiftImm], [2, upper], [6, load], [5, store],
  [3, fload], [3, fstore], [2, amo], [12, compressed], [14, fArith],
  [5, fCompare], [10, fConvert], [3, fCsr], [1, misc],
];
const MIX_TOTAL = MIX.reduce((s, [w]) => s + w, 0);

function randomInstruction(r: Rng): string {
  let n = r.int(MIX_TOTAL);
  for (const [w, gen] of MIX) {
    if (n < w) return gen(r);
    n -= w;
  }
  return "nop";
}

/** A forward branch over one instruction, so control never leaves the block. */
function maybeBranch(r: Rng, label: number, body: string): string[] {
  const op = r.pick(["beq", "bne", "blt", "bge", "bltu", "bgeu"]);
  const cond = `${op} ${x(r.pick(INT_SRC))}, ${x(r.pick(INT_SRC))}, .Lskip${label}`;
  return [cond, body, `.Lskip${label}:`];
}

function prologue(r: Rng): string[] {
  const lines = [`lla ${x(BASE)}, fseed`];
  for (let i = 0; i < 32; i++) lines.push(`fld ${f(i)}, ${8 * i}(${x(BASE)})`);
  lines.push(`lla ${x(BASE)}, buf + ${BUF_BYTES / 2}`);
  for (const reg of INT_DEST) lines.push(`li ${x(reg)}, ${hex(randomX(r))}`);
  lines.push(`fscsr x0, ${x(5)}`); // x5 is random; only bits 7:0 are kept …
  lines.push(`fsrmi x0, ${r.int(5)}`); // … and frm is then made valid
  lines.push(`li ${x(5)}, ${hex(randomX(r))}`);
  return lines;
}

function epilogue(): string[] {
  const lines = ["lla sp, dump"];
  DUMPED_X.forEach((reg, i) => lines.push(`sd ${x(reg)}, ${8 * i}(sp)`));
  const fBase = DUMPED_X.length * 8;
  for (let i = 0; i < 32; i++) lines.push(`fsd ${f(i)}, ${fBase + 8 * i}(sp)`);
  lines.push("frcsr t0", `sd t0, ${fBase + 256}(sp)`);
  lines.push("li a0, 1", "lla a1, dump", `li a2, ${DUMP_BYTES}`, "li a7, 64", "ecall");
  lines.push("li a0, 0", "li a7, 94", "ecall");
  return lines;
}

function dataSection(r: Rng): string[] {
  const lines = [".data", ".balign 16", "fseed:"];
  for (let i = 0; i < 32; i++) lines.push(`.dword ${hex(randomF(r))}`);
  // The buffer directly follows the register dump so one write() covers both.
  lines.push(".balign 16", "dump:", `.zero ${DUMP_BYTES - BUF_BYTES}`, ".balign 16", "buf:");
  for (let i = 0; i < BUF_BYTES / 8; i++) lines.push(`.dword ${hex(randomX(r))}`);
  return lines;
}

/** The assembly source of the program for `seed`. */
export function generateProgram(seed: number, length = 300): string {
  const r = new Rng(seed);
  const body: string[] = [];
  for (let i = 0; i < length; i++) {
    const insn = randomInstruction(r);
    if (r.int(16) === 0) body.push(...maybeBranch(r, i, insn));
    else body.push(insn);
  }
  return [
    `# aramid random differential program, seed ${seed}`,
    ".option rvc",
    ".option norelax", // no gp-relative relaxation: gp is never set up
    ".text",
    ".globl _start",
    "_start:",
    ...prologue(r),
    ...body,
    ...epilogue(),
    ...dataSection(r),
    "",
  ].join("\n");
}

/** Human-readable names of the dumped 8-byte slots, for diff reports. */
export function dumpSlotName(index: number): string {
  if (index < DUMPED_X.length) return `x${DUMPED_X[index]}`;
  const fi = index - DUMPED_X.length;
  if (fi < 32) return `f${fi}`;
  if (fi === 32) return "fcsr";
  return `buf+${(fi - 33) * 8}`;
}
