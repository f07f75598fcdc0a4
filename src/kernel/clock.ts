// The kernel's clocks. CLOCK_MONOTONIC and CLOCK_BOOTTIME count from boot (as
// on a freshly booted Linux machine); CLOCK_REALTIME is the host's wall clock
// sampled at boot plus monotonic time since, so it never disagrees with the
// monotonic clock about how much time has passed.
import type { Host } from "./host.js";

export const NSEC_PER_SEC = 1_000_000_000;

export interface TimeSpec {
  sec: number;
  nsec: number;
}

export class Clock {
  private readonly bootMs: number;
  private readonly bootEpochSec: number;
  private readonly bootEpochNsec: number;

  constructor(private readonly host: Host) {
    this.bootMs = host.nowMs();
    const epoch = host.epochMs();
    this.bootEpochSec = Math.floor(epoch / 1000);
    this.bootEpochNsec = Math.round((epoch - this.bootEpochSec * 1000) * 1e6);
  }

  /** Nanoseconds since boot; a double is exact to the nanosecond for 104 days. */
  monotonicNs(): number {
    return Math.round((this.host.nowMs() - this.bootMs) * 1e6);
  }

  monotonic(): TimeSpec {
    return splitNs(this.monotonicNs());
  }

  realtime(): TimeSpec {
    const ns = this.monotonicNs() + this.bootEpochNsec;
    const extra = Math.floor(ns / NSEC_PER_SEC);
    return { sec: this.bootEpochSec + extra, nsec: ns - extra * NSEC_PER_SEC };
  }

  /** The boot time as seconds since the epoch (/proc/stat btime). */
  get bootEpochSeconds(): number {
    return this.bootEpochSec;
  }
}

export function splitNs(ns: number): TimeSpec {
  const sec = Math.floor(ns / NSEC_PER_SEC);
  return { sec, nsec: ns - sec * NSEC_PER_SEC };
}
