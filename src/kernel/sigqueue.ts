// Pending signals of a thread or of a whole process: a bit per signal plus
// the queued siginfo. Standard signals (1–31) are not queued twice; real-time
// signals (32–64) queue every instance, delivered in order.
import type { SigInfo } from "./siginfo.js";

export function sigBit(sig: number): bigint {
  return 1n << BigInt(sig - 1);
}

export const SIGRTMIN = 32;

export class SigQueue {
  mask = 0n;
  private infos = new Map<number, SigInfo[]>();

  /** Signals queued (each real-time instance counts), as SigQ reports. */
  get count(): number {
    let n = 0;
    for (const list of this.infos.values()) n += list.length;
    return n;
  }

  has(sig: number): boolean {
    return (this.mask & sigBit(sig)) !== 0n;
  }

  /** Queues info; a standard signal already pending is not queued again. */
  add(info: SigInfo): void {
    const sig = info.signo;
    const list = this.infos.get(sig);
    if (list && sig < SIGRTMIN) return;
    if (list) list.push(info);
    else this.infos.set(sig, [info]);
    this.mask |= sigBit(sig);
  }

  take(sig: number): SigInfo | undefined {
    const list = this.infos.get(sig);
    if (!list) return undefined;
    const info = list.shift();
    info?.onDequeue?.(info);
    if (list.length === 0) {
      this.infos.delete(sig);
      this.mask &= ~sigBit(sig);
    }
    return info;
  }

  discard(sig: number): void {
    this.infos.delete(sig);
    this.mask &= ~sigBit(sig);
  }
}
