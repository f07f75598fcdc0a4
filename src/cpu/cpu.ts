// The TypeScript face of the wasm CPU (src/cpu/as/): instantiates the
// interpreter over the kernel's WebAssembly.Memory and gives cheap access to
// each hart's architectural state, which lives in that memory (layout.ts).

import {
  HART_BASE,
  HART_SIZE,
  HART_X,
  HART_F,
  HART_PC,
  HART_FCSR,
  HART_INSTRET,
  HART_EXIT_TVAL,
  MAX_HARTS,
} from "./layout.js";

const FCSR_BITS = 0xff;

interface CpuExports {
  run(hart: number, budget: number): number;
}

function isCpuExports(e: WebAssembly.Exports): e is WebAssembly.Exports & CpuExports {
  return typeof e["run"] === "function";
}

export class Cpu {
  private i64: BigInt64Array;
  private u32: Uint32Array;
  private buffer: ArrayBufferLike;

  private constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly exports: CpuExports,
  ) {
    this.buffer = memory.buffer;
    this.i64 = new BigInt64Array(this.buffer);
    this.u32 = new Uint32Array(this.buffer);
  }

  static create(memory: WebAssembly.Memory, module: WebAssembly.Module, readTime: () => bigint): Cpu {
    const instance = new WebAssembly.Instance(module, {
      env: {
        memory,
        readTime,
        abort: (_msg: number, _file: number, line: number, col: number): never => {
          throw new Error(`cpu.wasm abort at ${line}:${col}`);
        },
      },
    });
    if (!isCpuExports(instance.exports)) throw new Error("cpu.wasm does not export run()");
    return new Cpu(memory, instance.exports);
  }

  /** Runs `hart` for at most `budget` instructions; returns an EXIT_* cause. */
  run(hart: number, budget: number): number {
    this.base(hart); // a bad hart number would run on another hart's state
    return this.exports.run(hart, budget);
  }

  /** x[i] as a signed 64-bit value (BigInt.asUintN(64, …) for addresses). */
  getX(hart: number, i: number): bigint {
    return i === 0 ? 0n : this.views().i64[this.slot(hart, HART_X) + i];
  }

  /** Sets x[i] to v modulo 2^64 (signed or unsigned input); x0 ignores it. */
  setX(hart: number, i: number, v: bigint): void {
    if (i !== 0) this.views().i64[this.slot(hart, HART_X) + i] = BigInt.asIntN(64, v);
  }

  /** Raw register bits; a single is NaN-boxed in the upper 32 bits. */
  getF(hart: number, i: number): bigint {
    return BigInt.asUintN(64, this.views().i64[this.slot(hart, HART_F) + i]);
  }

  setF(hart: number, i: number, v: bigint): void {
    this.views().i64[this.slot(hart, HART_F) + i] = BigInt.asIntN(64, v);
  }

  getPc(hart: number): bigint {
    return BigInt.asUintN(64, this.views().i64[this.slot(hart, HART_PC)]);
  }

  setPc(hart: number, pc: bigint): void {
    this.views().i64[this.slot(hart, HART_PC)] = BigInt.asIntN(64, pc);
  }

  getFcsr(hart: number): number {
    return this.views().u32[(this.base(hart) + HART_FCSR) >>> 2] & FCSR_BITS;
  }

  setFcsr(hart: number, v: number): void {
    this.views().u32[(this.base(hart) + HART_FCSR) >>> 2] = v & FCSR_BITS;
  }

  instret(hart: number): bigint {
    return BigInt.asUintN(64, this.views().i64[this.slot(hart, HART_INSTRET)]);
  }

  /** The faulting address or instruction bits of the last exit. */
  exitTval(hart: number): bigint {
    return BigInt.asUintN(64, this.views().i64[this.slot(hart, HART_EXIT_TVAL)]);
  }

  private base(hart: number): number {
    if (!(hart >= 0 && hart < MAX_HARTS)) throw new RangeError(`bad hart ${hart}`);
    return HART_BASE + hart * HART_SIZE;
  }

  // Index in the i64 view of the 8-byte field at `offset` in the hart block.
  private slot(hart: number, offset: number): number {
    return (this.base(hart) + offset) >>> 3;
  }

  // The kernel sizes the memory once, but a grow would detach our views.
  // A detached buffer has length 0: checking that is a field load, where
  // memory.buffer is a call into the engine.
  private views(): this {
    if (this.buffer.byteLength === 0) {
      this.buffer = this.memory.buffer;
      this.i64 = new BigInt64Array(this.buffer);
      this.u32 = new Uint32Array(this.buffer);
    }
    return this;
  }
}
