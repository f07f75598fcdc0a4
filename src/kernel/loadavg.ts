// Load averages as Linux computes them (kernel/sched/loadavg.c): every
// LOAD_FREQ (5 s + 1 tick) each average decays toward the number of
// runnable plus uninterruptible tasks, in 11-bit fixed point. Missed
// samples (an idle kernel sleeps instead of ticking) are applied on the
// next look with the count of that moment, as NO_HZ's catch-up does.
const FSHIFT = 11;
const FIXED_1 = 1 << FSHIFT;
const EXP = [1884, 2014, 2037]; // 1/exp(5s/1min), 5min, 15min in fixed point
const LOAD_FREQ_NS = 5_010_000_000;

export class LoadAverage {
  /** The three averages in fixed point. */
  readonly avenrun = [0, 0, 0];
  private nextSampleNs: number;

  constructor(bootNs: number) {
    this.nextSampleNs = bootNs + LOAD_FREQ_NS;
  }

  /** Applies every sample due by `now`, with the count of active tasks (R + D), asked only when due. */
  update(now: number, activeTasks: () => number): void {
    if (now < this.nextSampleNs) return;
    const active = activeTasks();
    const n = 1 + Math.floor((now - this.nextSampleNs) / LOAD_FREQ_NS);
    this.nextSampleNs += n * LOAD_FREQ_NS;
    const a = active * FIXED_1;
    for (let i = 0; i < 3; i++) {
      for (let s = 0; s < Math.min(n, 4096); s++) this.avenrun[i] = calcLoad(this.avenrun[i], EXP[i], a);
    }
  }

  /** "0.30" style text of average i (LOAD_INT / LOAD_FRAC). */
  format(i: number): string {
    const v = this.avenrun[i] + FIXED_1 / 200;
    const int = Math.floor(v / FIXED_1);
    const frac = Math.floor(((v % FIXED_1) * 100) / FIXED_1);
    return `${int}.${String(frac).padStart(2, "0")}`;
  }

  /** sysinfo's loads[]: the averages scaled to 1 << SI_LOAD_SHIFT (16). */
  sysinfoLoads(): number[] {
    return this.avenrun.map((v) => v * (1 << (16 - FSHIFT)));
  }
}

function calcLoad(load: number, exp: number, active: number): number {
  let next = load * exp + active * (FIXED_1 - exp);
  if (active >= load) next += FIXED_1 - 1;
  return Math.floor(next / FIXED_1);
}
