// The kernel's clocks. CLOCK_MONOTONIC and CLOCK_BOOTTIME count from boot (as
// on a freshly booted Linux machine); CLOCK_REALTIME is the host's wall clock
// sampled at boot plus monotonic time since, so it never disagrees with the
// monotonic clock about how much time has passed.
import type { Host } from "./host.js";

export const NSEC_PER_SEC = 1_000_000_000;
/** One jiffy at HZ = 100: the timer tick, the granularity of the coarse clocks. */
export const TICK_NS = 10_000_000;

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

  /** The latest reading of monotonicNs: the kernel reads the clock at every user/kernel boundary. */
  private lastNs = 0;
  private coarseTick = -1;
  private coarse: Readonly<TimeSpec> = { sec: 0, nsec: 0 };

  /** Nanoseconds since boot; a double is exact to the nanosecond for 104 days. */
  monotonicNs(): number {
    const ns = Math.round((this.host.nowMs() - this.bootMs) * 1e6);
    this.lastNs = ns;
    return ns;
  }

  monotonic(): TimeSpec {
    return splitNs(this.monotonicNs());
  }

  realtime(): TimeSpec {
    const ns = this.monotonicNs() + this.bootEpochNsec;
    const extra = Math.floor(ns / NSEC_PER_SEC);
    return { sec: this.bootEpochSec + extra, nsec: ns - extra * NSEC_PER_SEC };
  }

  /**
   * Linux's current_time() for inode timestamps: the realtime of the last
   * tick (coarse clock, TICK_NS granularity), here of the kernel's last clock
   * reading, which is never older than the running slice. No clock read and,
   * within a tick, no allocation: callers share the object and must not change it.
   */
  coarseRealtime(): Readonly<TimeSpec> {
    const tick = Math.floor(this.lastNs / TICK_NS);
    if (tick !== this.coarseTick) {
      this.coarseTick = tick;
      const ns = tick * TICK_NS + this.bootEpochNsec;
      const extra = Math.floor(ns / NSEC_PER_SEC);
      this.coarse = Object.freeze({ sec: this.bootEpochSec + extra, nsec: ns - extra * NSEC_PER_SEC });
    }
    return this.coarse;
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
