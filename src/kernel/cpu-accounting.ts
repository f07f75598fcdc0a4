// Where the CPU's time went, for /proc/stat and /proc/uptime. Every
// nanosecond since boot is charged to exactly one place: a task's user or
// system time (and the cpu's user, nice or system column with it), idle
// (nothing runnable), or steal (guest work was runnable but the host event
// loop had the thread, as a hypervisor's other guests would). So the sum of
// all tasks' times plus idle plus steal is the elapsed time.
//
// Time is measured by the wall clock at each user/kernel boundary, which
// cannot tell when the host did not run the kernel at all (the Node process
// descheduled on a loaded machine). Where the host can say how much CPU time
// it gave the process, every accounting period of a few milliseconds compares
// that with the wall time that passed: the shortfall was stolen, and the task
// that ran in the period owes it back. Its next charges go to steal until the
// debt is paid, so its times stop growing for a while but never go backwards
// (Linux likewise takes steal out of the time it is about to charge).
import type { Task } from "./task.js";

/** How often (wall ns, at slice ends) the host's CPU time is sampled: getrusage is a syscall. */
const PERIOD_NS = 4_000_000;

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
  /** Start of the current accounting period: wall ns and the host's CPU ns then. */
  private periodWall: number;
  private periodCpu = 0;
  /**
   * Wall time of the period already charged to idle or steal (waits in the
   * host event loop): not expected to be CPU time, so no sample is needed
   * around each wait. What the event loop did meanwhile counts as CPU given,
   * so steal is, if anything, underestimated.
   */
  private periodOffCpu = 0;
  /** Stolen time each task still has to give back from its next charges. */
  private readonly debts = new Map<Task, number>();

  constructor(
    nowNs: number,
    /** CPU time the host has given this process, in ns; undefined where the host cannot tell (a browser). */
    private readonly hostCpuNs: (() => number) | undefined = undefined,
  ) {
    this.chargedUntil = nowNs;
    this.periodWall = nowNs;
    if (hostCpuNs) this.periodCpu = hostCpuNs();
  }

  /**
   * After a slice of t ended: when the period is over, the wall time the host
   * did not give the process in it becomes t's debt (the task that ran; a
   * period that held several short slices is rare and blames the last).
   */
  sliceEnded(t: Task, now: number): void {
    if (!this.hostCpuNs || now - this.periodWall < PERIOD_NS) return;
    const cpu = this.hostCpuNs();
    // Other host threads (GC helpers) also count in the process's CPU time: never a negative steal.
    const stolen = now - this.periodWall - this.periodOffCpu - (cpu - this.periodCpu);
    this.periodWall = now;
    this.periodCpu = cpu;
    this.periodOffCpu = 0;
    for (const owner of this.debts.keys()) if (!owner.alive) this.debts.delete(owner);
    if (stolen > 0 && t.alive) this.debts.set(t, (this.debts.get(t) ?? 0) + stolen);
  }

  /** Takes what t owes out of a charge of d ns, into steal; returns the rest. */
  private repay(t: Task, d: number): number {
    const owed = this.debts.get(t);
    if (owed === undefined) return d;
    const paid = Math.min(owed, d);
    this.cpus[0].steal += paid;
    if (paid === owed || !t.alive) this.debts.delete(t);
    else this.debts.set(t, owed - paid);
    return d - paid;
  }

  /** Charges [chargedUntil, now) to t's user time. */
  user(t: Task, now: number): void {
    const d = this.charge(t, now);
    t.utimeNs += d;
    // Linux counts user time of positively-niced tasks in the nice column.
    if (t.nice > 0) this.cpus[0].nice += d;
    else this.cpus[0].user += d;
  }

  /** Charges [chargedUntil, now) to t's system time. */
  system(t: Task, now: number): void {
    const d = this.charge(t, now);
    t.stimeNs += d;
    this.cpus[0].system += d;
  }

  /** Kernel work on no task's behalf (booting, loading the first program): the system column only. */
  kernel(now: number): void {
    this.cpus[0].system += this.take(now);
  }

  idle(now: number): void {
    const d = this.take(now);
    this.cpus[0].idle += d;
    this.periodOffCpu += d;
  }

  steal(now: number): void {
    const d = this.take(now);
    this.cpus[0].steal += d;
    this.periodOffCpu += d;
  }

  /** Idle time including the stretch not yet charged (for /proc/uptime and /proc/stat read while idle). */
  idleNs(now: number, idleNow: boolean): number {
    return this.cpus[0].idle + (idleNow ? Math.max(0, now - this.chargedUntil) : 0);
  }

  /** The stretch up to now for t, less any stolen time it owes. */
  private charge(t: Task, now: number): number {
    const d = this.take(now);
    return this.debts.size === 0 ? d : this.repay(t, d);
  }

  private take(now: number): number {
    const d = Math.max(0, now - this.chargedUntil);
    this.chargedUntil = Math.max(this.chargedUntil, now);
    return d;
  }
}
