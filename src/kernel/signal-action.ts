// What a process has asked to happen on each signal (struct k_sigaction).
// Delivery to handlers comes with the signal frame (issue: processes and
// signals); until then the actions are recorded and reported back.
export const SIG_DFL = 0n;
export const SIG_IGN = 1n;

export interface SigAction {
  handler: bigint;
  flags: bigint;
  restorer: bigint;
  mask: bigint;
}

export function defaultActions(): SigAction[] {
  return Array.from({ length: 65 }, () => ({ handler: SIG_DFL, flags: 0n, restorer: 0n, mask: 0n }));
}
