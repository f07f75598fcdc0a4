// Auxiliary vector keys and the values Aramid advertises (RISCV-ABI.md §5.1).
export const AT_NULL = 0;
export const AT_PHDR = 3;
export const AT_PHENT = 4;
export const AT_PHNUM = 5;
export const AT_PAGESZ = 6;
export const AT_BASE = 7;
export const AT_FLAGS = 8;
export const AT_ENTRY = 9;
export const AT_UID = 11;
export const AT_EUID = 12;
export const AT_GID = 13;
export const AT_EGID = 14;
export const AT_HWCAP = 16;
export const AT_CLKTCK = 17;
export const AT_SECURE = 23;
export const AT_RANDOM = 25;
export const AT_EXECFN = 31;
export const AT_SYSINFO_EHDR = 33;
export const AT_L1I_CACHESIZE = 40;
export const AT_L1I_CACHEGEOMETRY = 41;
export const AT_L1D_CACHESIZE = 42;
export const AT_L1D_CACHEGEOMETRY = 43;
export const AT_L2_CACHESIZE = 44;
export const AT_L2_CACHEGEOMETRY = 45;
export const AT_L3_CACHESIZE = 46;
export const AT_L3_CACHEGEOMETRY = 47;
export const AT_MINSIGSTKSZ = 51;

/** Exactly the implemented single-letter extensions: I M A F D C. */
export const HWCAP_RV64GC =
  (1 << ("i".charCodeAt(0) - 97)) |
  (1 << ("m".charCodeAt(0) - 97)) |
  (1 << ("a".charCodeAt(0) - 97)) |
  (1 << ("f".charCodeAt(0) - 97)) |
  (1 << ("d".charCodeAt(0) - 97)) |
  (1 << ("c".charCodeAt(0) - 97));

/** signal_minsigstksz without the V extension (RISCV-ABI.md §3.2.2). */
export const MINSIGSTKSZ = 1088;
export const USER_HZ = 100;
