// What a process has asked to happen on each signal (struct k_sigaction).
// Delivery to handlers comes with the signal frame (issue: processes and
// signals); until then the actions are recorded and reported back.
export const SIG_DFL = 0n;
export const SIG_IGN = 1n;

// sa_flags bits (asm-generic/signal-defs.h).
export const SA_NOCLDSTOP = 0x1n;
export const SA_NOCLDWAIT = 0x2n;
export const SA_SIGINFO = 0x4n;
export const SA_ONSTACK = 0x08000000n;
export const SA_RESTART = 0x10000000n;
export const SA_NODEFER = 0x40000000n;
export const SA_RESETHAND = 0x80000000n;

export interface SigAction {
  handler: bigint;
  flags: bigint;
  restorer: bigint;
  mask: bigint;
}

export function defaultActions(): SigAction[] {
  return Array.from({ length: 65 }, () => ({ handler: SIG_DFL, flags: 0n, restorer: 0n, mask: 0n }));
}
