// si_code values for memory faults (include/uapi/asm-generic/siginfo.h).
// They live here, not in kernel/signal-numbers.ts, because only faults use them.

export const SEGV_MAPERR = 1; // no mapping at the address
export const SEGV_ACCERR = 2; // mapping exists, access not allowed
export const BUS_ADRERR = 2; // file mapping page beyond end of file
