// Timers that send signals: the three interval timers of setitimer
// (ITIMER_REAL on the monotonic clock, ITIMER_VIRTUAL on the process's user
// time, ITIMER_PROF on its user + system time) and POSIX timers
// (timer_create). Wall-clock timers ride on host timers; CPU-time timers are
// checked where CPU time is accounted, after each stretch of guest code.
import type { Kernel } from "./kernel.js";
import { SI_KERNEL, SI_TIMER, type SigInfo } from "./siginfo.js";
import { sendSignal } from "./signals.js";
import type { Task } from "./task.js";
import type { ThreadGroup } from "./thread-group.js";

export type TimerClock = "real" | "process-cpu" | "process-user" | "thread-cpu";

export class SignalTimer {
  /** Expiry on the timer's clock, in ns; null when disarmed. */
  expiresNs: number | null = null;
  intervalNs = 0;
  /** Expiries not delivered because the previous signal was still queued. */
  overrun = 0;
  /** The overrun count reported with the last delivered signal (timer_getoverrun). */
  lastOverrun = 0;
  private cancelHost: (() => void) | null = null;
  private queued = false;

  constructor(
    readonly clock: TimerClock,
    readonly group: ThreadGroup,
    /** The thread to signal (SIGEV_THREAD_ID), or null for the process. */
    readonly thread: Task | null,
    readonly signo: number,
    /** null: SIGEV_NONE, nothing is sent. */
    readonly makeInfo: ((overrun: number) => SigInfo) | null,
    /** Created on CLOCK_REALTIME (or TAI): absolute expiries are wall-clock times. */
    readonly wallClock = false,
  ) {}

  /** The current value of the timer's clock. */
  now(k: Kernel): number {
    switch (this.clock) {
      case "real":
        return k.clock.monotonicNs();
      case "process-user":
        return this.group.utimeNs();
      case "process-cpu":
        return this.group.utimeNs() + this.group.stimeNs();
      case "thread-cpu":
        return this.thread ? this.thread.utimeNs + this.thread.stimeNs : 0;
    }
  }

  /** Time left until expiry (0 when disarmed). */
  remainingNs(k: Kernel): number {
    return this.expiresNs === null ? 0 : Math.max(1, this.expiresNs - this.now(k));
  }

  set(k: Kernel, expiresNs: number | null, intervalNs: number): void {
    this.cancelHost?.();
    this.cancelHost = null;
    this.expiresNs = expiresNs;
    this.intervalNs = intervalNs;
    this.overrun = 0;
    if (expiresNs === null) return;
    if (this.clock === "real") this.armHost(k);
    else this.group.cpuTimers.add(this);
  }

  disarm(k: Kernel): void {
    this.set(k, null, 0);
    this.group.cpuTimers.delete(this);
  }

  private armHost(k: Kernel): void {
    const ms = Math.max(0, ((this.expiresNs as number) - k.clock.monotonicNs()) / 1e6);
    this.cancelHost = k.host.setTimer(ms, () => {
      this.cancelHost = null;
      this.check(k);
    });
  }

  /** Fires if the clock has reached the expiry; re-arms periodic timers. */
  check(k: Kernel): void {
    if (this.expiresNs === null) return;
    const now = this.now(k);
    if (now < this.expiresNs) {
      if (this.clock === "real") this.armHost(k);
      return;
    }
    let missed = 0;
    if (this.intervalNs > 0) {
      missed = Math.floor((now - this.expiresNs) / this.intervalNs);
      this.expiresNs += (missed + 1) * this.intervalNs;
    } else {
      this.expiresNs = null;
      this.group.cpuTimers.delete(this);
    }
    this.fire(k, missed);
    if (this.expiresNs !== null && this.clock === "real") this.armHost(k);
  }

  private fire(k: Kernel, missed: number): void {
    if (!this.makeInfo) return;
    if (this.queued) {
      this.overrun += 1 + missed;
      return;
    }
    this.overrun += missed;
    const target = this.thread && this.thread.alive ? this.thread : [...this.group.threads].find((t) => t.alive);
    if (!target) return;
    const info = this.makeInfo(this.overrun);
    info.onDequeue = (i) => {
      this.queued = false;
      i.overrun = this.overrun;
      this.lastOverrun = this.overrun;
      this.overrun = 0;
    };
    this.queued = true;
    sendSignal(k, target, info, this.thread === null);
  }
}

/** setitimer's three timers: index ITIMER_REAL 0, ITIMER_VIRTUAL 1, ITIMER_PROF 2. */
export function itimerFor(g: ThreadGroup, which: number): SignalTimer {
  let t = g.itimers[which];
  if (!t) {
    const clock: TimerClock = which === 0 ? "real" : which === 1 ? "process-user" : "process-cpu";
    const signo = which === 0 ? 14 : which === 1 ? 26 : 27; // SIGALRM, SIGVTALRM, SIGPROF
    t = new SignalTimer(clock, g, null, signo, () => ({ signo, code: SI_KERNEL }));
    g.itimers[which] = t;
  }
  return t;
}

export function posixTimerInfo(signo: number, id: number, value: bigint): (overrun: number) => SigInfo {
  return (overrun) => ({ signo, code: SI_TIMER, timerId: id, overrun, value });
}

/** Checks the CPU-time timers of the process whose thread just ran. */
export function checkCpuTimers(k: Kernel, g: ThreadGroup): void {
  for (const timer of [...g.cpuTimers]) timer.check(k);
}

/** A process that dies takes its timers with it. */
export function disarmAll(k: Kernel, g: ThreadGroup): void {
  for (const t of g.itimers) t?.disarm(k);
  for (const t of g.posixTimers.values()) t.disarm(k);
  g.posixTimers.clear();
}
