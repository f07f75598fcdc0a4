// Address-space layout randomisation as Linux does it for riscv64 (mm/util.c
// arch_mmap_rnd, randomize_stack_top, arch_randomize_brk, randomize_page;
// arch/riscv/kernel/process.c arch_align_stack; fs/binfmt_elf.c). exec
// decides once whether the new image is randomised (PF_RANDOMIZE): when
// kernel.randomize_va_space is non-zero and the personality lacks
// ADDR_NO_RANDOMIZE. Then the mmap base, the stack top, the sub-page start
// of the initial stack and a PIE's load address move; with
// randomize_va_space >= 2 the program break moves too.

const PAGE = 4096;

/** personality(2) flag: lay the next exec's address space out without randomisation. */
export const ADDR_NO_RANDOMIZE = 0x0040000;
/** The task flag shown in /proc/PID/stat field 9 when the address space was randomised. */
export const PF_RANDOMIZE = 0x00400000;
/** CONFIG_ARCH_MMAP_RND_BITS of Debian's riscv64 kernels (the 64-bit minimum, 18): up to 1 GiB. */
export const MMAP_RND_BITS = 18;
/** arch/riscv/include/asm/elf.h STACK_RND_MASK for 4 KiB pages: the stack top moves by up to 1 GiB. */
export const STACK_RND_MASK = 0x3ffff;
/** arch_randomize_brk for a 64-bit task: the break starts up to 1 GiB above where it would be. */
export const BRK_RND_RANGE = 1024 * 1024 * 1024;
/** The default of kernel.randomize_va_space (full randomisation, brk included). */
export const RANDOMIZE_VA_SPACE_DEFAULT = 2;

/** What an exec randomises, decided before the image is built. */
export interface AslrMode {
  /** PF_RANDOMIZE: mmap base, stack, PIE base, vDSO (through the mmap base). */
  layout: boolean;
  /** randomize_va_space > 1 as well: the program break. */
  brk: boolean;
}

/** load_elf_binary: PF_RANDOMIZE unless ADDR_NO_RANDOMIZE or randomize_va_space = 0. */
export function aslrMode(randomizeVaSpace: number, personality: number): AslrMode {
  const layout = (personality & ADDR_NO_RANDOMIZE) === 0 && randomizeVaSpace !== 0;
  return { layout, brk: layout && randomizeVaSpace > 1 };
}

/** A source of random numbers over the kernel's entropy (the same one /dev/urandom reads). */
export class LayoutRandom {
  private readonly buf = new Uint8Array(4);
  private readonly view = new DataView(this.buf.buffer);

  constructor(
    readonly mode: AslrMode,
    private readonly fill: (dest: Uint8Array) => void,
  ) {}

  /** A uniformly random 32-bit unsigned integer. */
  private u32(): number {
    this.fill(this.buf);
    return this.view.getUint32(0, true);
  }

  /** arch_mmap_rnd: a page-aligned offset below 2^(MMAP_RND_BITS + 12), or 0 without PF_RANDOMIZE. */
  mmapRnd(): number {
    if (!this.mode.layout) return 0;
    return (this.u32() & ((1 << MMAP_RND_BITS) - 1)) * PAGE;
  }

  /** randomize_stack_top: up to STACK_RND_MASK pages below the page-aligned top. */
  stackTop(top: number): number {
    const aligned = Math.ceil(top / PAGE) * PAGE;
    if (!this.mode.layout) return aligned;
    return aligned - (this.u32() & STACK_RND_MASK) * PAGE;
  }

  /** arch_align_stack: a random drop below one page, then 16-byte alignment. */
  alignStack(sp: number): number {
    const p = this.mode.layout ? sp - (this.u32() % PAGE) : sp;
    return p - (p % 16); // no bitwise ops: addresses exceed 32 bits
  }

  /** arch_randomize_brk (randomize_page): a page in [start, start + BRK_RND_RANGE), start page-aligned up. */
  randomizeBrk(start: number): number {
    const aligned = Math.ceil(start / PAGE) * PAGE;
    const pages = (BRK_RND_RANGE - (aligned - start)) / PAGE;
    const whole = Math.floor(pages);
    return whole <= 0 ? aligned : aligned + (this.u32() % whole) * PAGE;
  }
}
