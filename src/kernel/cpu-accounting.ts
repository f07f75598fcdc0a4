// Where the CPU's time went, for /proc/stat and /proc/uptime. Every
// nanosecond since boot is charged to exactly one place: a task's user or
// system time (and the cpu's user, nice or system column with it), idle
// (nothing runnable), or steal (guest work was runnable but the host event
// loop had the thread, as a hypervisor's other guests would). So the sum of
// all tasks' times plus idle plus steal is the elapsed time.
import type { Task } from "./task.js";

export class CpuTimes {
  user = 0;
  nice = 0;
  system = 0;
  idle = 0;
  iowait = 0;
  irq = 0;
  softirq = 0;
  steal = 0;
  guest = 0;
  guestNice = 0;
}

export class CpuAccounting {
  /** Per-CPU columns in ns; one CPU for now (DESIGN.md §2). */
  readonly cpus = [new CpuTimes()];
  /** Everything before this monotonic instant has been charged somewhere. */
  private chargedUntil: number;

  constructor(nowNs: number) {
    this.chargedUntil = nowNs;
  }

  /** Charges [chargedUntil, now) to t's user time. */
  user(t: Task, now: number): void {
    const d = this.take(now);
    t.utimeNs += d;
    // Linux counts user time of positively-niced tasks in the nice column.
    if (t.nice > 0) this.cpus[0].nice += d;
    else this.cpus[0].user += d;
  }

  /** Charges [chargedUntil, now) to t's system time. */
  system(t: Task, now: number): void {
    const d = this.take(now);
    t.stimeNs += d;
    this.cpus[0].system += d;
  }

  /** Kernel work on no task's behalf (booting, loading the first program): the system column only. */
  kernel(now: number): void {
    this.cpus[0].system += this.take(now);
  }

  idle(now: number): void {
    this.cpus[0].idle += this.take(now);
  }

  steal(now: number): void {
    this.cpus[0].steal += this.take(now);
  }

  /** Idle time including the stretch not yet charged (for /proc/uptime and /proc/stat read while idle). */
  idleNs(now: number, idleNow: boolean): number {
    return this.cpus[0].idle + (idleNow ? Math.max(0, now - this.chargedUntil) : 0);
  }

  private take(now: number): number {
    const d = Math.max(0, now - this.chargedUntil);
    this.chargedUntil = Math.max(this.chargedUntil, now);
    return d;
  }
}
