// What handleFault tells the kernel.

export type Access = "read" | "write" | "exec";

export type FaultResult =
  | {
      ok: true;
      /** The fault read file data (a "major" fault). */
      major: boolean;
      /** The page tables changed (a page fault Linux would count); false for a software-TLB refill. */
      changed: boolean;
    }
  | {
      ok: false;
      signal: number; // SIGSEGV, SIGBUS, or SIGKILL when out of memory
      code: number; // si_code: SEGV_MAPERR, SEGV_ACCERR, BUS_ADRERR, 0 for OOM
      addr: number; // si_addr: the faulting address
      /** Set when RAM ran out: the kernel's OOM policy should act. */
      oom?: true;
    };
