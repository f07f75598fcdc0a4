// The fixed layout of Aramid's WebAssembly.Memory, shared by the wasm CPU
// (AssemblyScript, src/cpu/as/) and the TypeScript kernel. Plain integer
// literals only, so that both compilers accept this file unchanged.
//
//   0x0000_0000  AssemblyScript static data (memoryBase = AS_DATA_BASE)
//   0x0010_0000  hart state blocks, HART_SIZE bytes each (DESIGN.md §3)
//   0x0020_0000  software TLBs (banks), TLB_BYTES each: up to 0x00a0_0000
//   0x0100_0000  guest physical RAM: 4 KiB frames, frame n at FRAMES_BASE + n*4096
//
// Guest RAM (`--mem`) starts at FRAMES_BASE; MemTotal is its size alone.

export const PAGE_SIZE = 4096;
export const PAGE_SHIFT = 12;

export const AS_DATA_BASE = 0x1000;
export const MAX_HARTS = 16;

export const HART_BASE = 0x100000;
export const HART_SIZE = 0x1000;

// Offsets inside one hart block.
export const HART_X = 0x000; // x0..x31, 8 bytes each (x0 reads as 0)
export const HART_F = 0x100; // f0..f31, 8 bytes each (singles NaN-boxed)
export const HART_PC = 0x200; // u64
export const HART_FCSR = 0x208; // u32: fflags in bits 4:0, frm in bits 7:5
export const HART_RES_ADDR = 0x210; // u64: LR reservation address
export const HART_RES_VALID = 0x218; // u32: 1 while a reservation is held
export const HART_INSTRET = 0x220; // u64: instructions retired, ever
export const HART_EXIT_CAUSE = 0x228; // u32: why run() returned (EXIT_*)
export const HART_EXIT_TVAL = 0x230; // u64: faulting address or instruction bits
// u32: the TLB run() uses (a byte address inside the TLB area); 0 means the
// hart's own, TLB_BASE + hart * TLB_BYTES. The kernel points it at the bank
// of the address space being run, so switching processes keeps translations.
export const HART_TLB_BASE = 0x238;
// Bytes of a hart block that make up the architectural state a context
// switch saves and restores (x, f, pc, fcsr, reservation).
export const HART_CONTEXT_BYTES = 0x220;

// Software TLB: direct-mapped on the virtual page number, one per hart.
// Entry i covers pages with ((vaddr >> 12) & (TLB_ENTRIES - 1)) == i.
// A tag is the page-aligned guest virtual address, or TLB_INVALID_TAG.
// host address of a guest byte = low 32 bits of (vaddr + addend).
export const TLB_BASE = 0x200000;
export const TLB_ENTRIES = 8192;
export const TLB_ENTRY_SIZE = 32;
// Each TLB is a data table (read and write tags, addend) followed by an
// instruction table at TLB_ITLB_OFFSET (exec tag, addend) of the same shape:
// split like hardware I/D TLBs, so a code page and a data page that share an
// index never evict each other (a store would otherwise refetch forever).
export const TLB_ITLB_OFFSET = 0x40000; // TLB_ENTRIES * TLB_ENTRY_SIZE
export const TLB_BYTES = 0x80000; // both tables
export const TLB_READ_TAG = 0; // i64: page allowed for loads
export const TLB_WRITE_TAG = 8; // i64: page allowed for stores (and AMOs)
export const TLB_EXEC_TAG = 16; // i64: page allowed for instruction fetch
export const TLB_ADDEND = 24; // i64: host address minus guest address
export const TLB_INVALID_TAG = -1; // all ones: never a page-aligned address

export const FRAMES_BASE = 0x1000000;

// Why run() returned. On every fault exit pc is the faulting instruction and
// nothing of it has been committed, so the kernel can resolve and re-run.
export const EXIT_BUDGET = 0; // instruction budget used up
export const EXIT_ECALL = 1; // pc = the ecall
export const EXIT_EBREAK = 2; // pc = the ebreak (c.ebreak too)
export const EXIT_ILLEGAL = 3; // tval = instruction bits (16 or 32)
export const EXIT_FETCH_FAULT = 4; // tval = address; TLB miss or no exec right
export const EXIT_LOAD_FAULT = 5; // tval = address; TLB miss or no read right
export const EXIT_STORE_FAULT = 6; // tval = address; TLB miss or no write right (AMO, SC too)
export const EXIT_MISALIGNED = 7; // tval = address; misaligned LR/SC/AMO
