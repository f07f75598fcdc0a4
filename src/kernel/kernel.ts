// The kernel: guest RAM, the CPU, the task table and the run loop
// (DESIGN.md §2). One host thread runs every guest thread; a syscall is a
// plain function call from the run loop; a blocked task sleeps on wait
// queues while others run; when nothing is runnable the kernel awaits host
// events, and it returns to the host event loop between slices.
import { Cpu } from "../cpu/cpu.js";
import {
  EXIT_BUDGET, EXIT_EBREAK, EXIT_ECALL, EXIT_FETCH_FAULT, EXIT_ILLEGAL, EXIT_LOAD_FAULT,
  EXIT_MISALIGNED, EXIT_STORE_FAULT, FRAMES_BASE, HART_BASE, HART_CONTEXT_BYTES, HART_PC,
  HART_RES_VALID, HART_SIZE, HART_TLB_BASE, HART_X, MAX_HARTS, PAGE_SIZE, TLB_BASE, TLB_BYTES,
} from "../cpu/layout.js";
import { Dentry } from "../fs/dentry.js";
import { FdTable } from "../fs/fd-table.js";
import { bootVfs, type BindSpec } from "../fs/boot-mounts.js";
import { registerMemDevices } from "../fs/devices/mem-devices.js";
import { setFsClock } from "../fs/fs-clock.js";
import type { MountTable } from "../fs/mount.js";
import { walk } from "../fs/path-walk.js";
import { HostConsole } from "../fs/stdio-file.js";
import { registerTtyDevices } from "../tty/devices.js";
import { exec, type ImageLayout } from "../loader/exec.js";
import { aslrMode, RANDOMIZE_VA_SPACE_DEFAULT } from "../loader/aslr.js";
import { AddressSpace } from "../mm/address-space.js";
import { FrameAllocator } from "../mm/frames.js";
import { Tlb } from "../mm/tlb.js";
import { Clock, TICK_NS } from "./clock.js";
import { registerProcfs } from "../proc/procfs.js";
import { registerSysfs } from "../sysfs/sysfs.js";
import { registerCgroupFs } from "../cgroup/cgroupfs.js";
import { CgroupTree } from "../cgroup/cgroup-tree.js";
import { CpuAccounting } from "./cpu-accounting.js";
import { LoadAverage } from "./loadavg.js";
import { rootCredentials } from "./credentials.js";
import { EAGAIN, ENOSYS } from "./errno.js";
import type { Host } from "./host.js";
import { FutexTable } from "./futex.js";
import { exitGroup, reap } from "./lifecycle.js";
import { RefCounts } from "./refcount.js";
import { defaultRlimits, RLIMIT_NOFILE, RLIMIT_STACK, rlimitNumber } from "./rlimits.js";
import { defaultActions } from "./signal-action.js";
import { SIGBUS, SIGILL, SIGKILL, SIGTRAP } from "./signal-numbers.js";
import { BUS_ADRALN, ILL_ILLOPC, SI_KERNEL, TRAP_BRKPT, type SigInfo } from "./siginfo.js";
import { deliverSignals, forceSignal, hasDeliverableSignal, isRestartCode, sendSignal, signalsPending, type Interrupted } from "./signals.js";
import { KEEP_REGISTERS } from "./syscalls/syscall.js";
import { VDSO_RT_SIGRETURN_OFFSET } from "./vdso/vdso-image.js";
import { syscallTable } from "./syscalls/table.js";
import { checkCpuTimers } from "./timers.js";
import { NICE_0_WEIGHT, taskWeight } from "./sched-weights.js";
import type { SyscallResult } from "./syscalls/syscall.js";
import { SignalHandlers, Task, type FsContext } from "./task.js";
import { ThreadGroup } from "./thread-group.js";
import { formatTrace } from "./trace.js";
import { Blocked } from "./wait.js";

/** One of the TLBs hart 0 can use, and the address space it holds translations for. */
interface TlbBank {
  tlb: Tlb;
  owner: AddressSpace | null;
  /** Last use, for least-recently-used replacement. */
  used: number;
}

export interface KernelOptions {
  /** Guest RAM in bytes (MemTotal); a multiple of 64 KiB. */
  memBytes: number;
  /** Host directory served as the guest's root filesystem. */
  rootfs: string;
  /**
   * false: the first spawned program is pid 1 itself (`aramid run --init
   * PATH`); true (default): a built-in init is pid 1 and the program its child.
   */
  builtinInit?: boolean;
  /** Host directories mounted into the guest (--bind HOST:GUEST[:ro]). */
  binds?: BindSpec[];
  /** kernel.randomize_va_space at boot: 0 none, 1 all but the break, 2 (default) everything. */
  randomizeVaSpace?: number;
}

/** Instructions per call into the CPU: short enough to notice the end of a slice promptly. */
const CPU_BUDGET = 200_000;
/** A slice is one timer tick at HZ = 100. */
const SLICE_NS = TICK_NS;
/** Hand control back to the host event loop at least this often. */
const HOST_YIELD_NS = 10_000_000;
const WASM_PAGE = 65536;
/** Linux's default pid_max on 64-bit machines with many CPUs. */
export const PID_MAX = 4194304;
/** kernel/fork.c set_max_threads: RAM / (8 × THREAD_SIZE), THREAD_SIZE = 16 KiB on riscv64. */
const THREAD_SIZE = 16384;

export class Kernel {
  readonly memory: WebAssembly.Memory;
  readonly frames: FrameAllocator;
  readonly cpu: Cpu;
  /** The TLB bank of the address space on hart 0 (see switchTo). */
  tlb: Tlb;
  private readonly tlbBanks: TlbBank[];
  private bankClock = 0;
  readonly clock: Clock;
  readonly console: HostConsole;
  readonly rootDentry: Dentry;
  /** The mount table (one mount namespace). */
  readonly mounts: MountTable;
  /** threads-max: the most tasks that may exist at once. */
  readonly maxThreads: number;
  /** Syscalls the guest asked for that Aramid does not implement, with counts. */
  readonly unknownSyscalls = new Map<number, number>();
  /** Users of each shared object (CLONE_VM, CLONE_FILES, CLONE_FS). */
  readonly mmUsers = new RefCounts<AddressSpace>();
  readonly fileTableUsers = new RefCounts<FdTable>();
  readonly fsUsers = new RefCounts<FsContext>();
  readonly futexes = new FutexTable();
  /** What exec laid out in each address space (the vDSO, code/data/stack bounds for /proc). */
  readonly images = new WeakMap<AddressSpace, ImageLayout>();
  /** The cgroup v2 hierarchy (/sys/fs/cgroup, /proc/PID/cgroup). */
  readonly cgroups = new CgroupTree();
  /** Processes created since boot (/proc/stat processes). */
  forks = 0;
  /** Where CPU time went (/proc/stat, /proc/uptime). */
  readonly accounting: CpuAccounting;
  readonly loadAverage: LoadAverage;
  /** The loop is waiting with nothing runnable. */
  idleNow = false;
  /** Page faults since boot, all and major (/proc/vmstat pgfault, pgmajfault). */
  pageFaults = 0;
  majorFaults = 0;
  /** Context switches since boot (/proc/stat ctxt). */
  contextSwitches = 0;
  /** The smallest virtual runtime the scheduler has seen: where newcomers start. */
  private minVruntime = 0;
  /** sched_yield asked to end the current slice. */
  yieldRequested = false;
  /** The process whose exit ends the run (PROGRAM, or a user-supplied init), and pid 1. */
  program: ThreadGroup | null = null;
  init: ThreadGroup | null = null;
  /** pid 1 is Aramid's own minimal init, which reaps every child it gets. */
  readonly builtinInit: boolean;
  /** kernel.randomize_va_space (/proc/sys/kernel/randomize_va_space), read by every exec. */
  randomizeVaSpace: number;

  private readonly tasks = new Map<number, Task>();
  private readonly runQueue: Task[] = [];
  /** The task whose context is loaded on hart 0. */
  private onHart: Task | null = null;
  private lastPid = 0;
  private finished: ((status: number) => void) | null = null;
  private wakeIdle: (() => void) | null = null;
  private readonly regs: Int32Array;
  /** Hart 0's saved-context bytes (x, f, pc, fcsr, reservation), copied at every switch. */
  private readonly hartContext: Uint8Array;
  private readonly args = new Float64Array(6);

  constructor(
    readonly host: Host,
    opts: KernelOptions,
  ) {
    const pages = Math.ceil((FRAMES_BASE + opts.memBytes) / WASM_PAGE);
    this.memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    this.frames = new FrameAllocator(this.memory, Math.floor(opts.memBytes / PAGE_SIZE));
    this.maxThreads = Math.max(20, Math.floor(opts.memBytes / (8 * THREAD_SIZE)));
    this.clock = new Clock(host);
    this.accounting = new CpuAccounting(this.clock.monotonicNs(), host.cpuTimeNs);
    this.loadAverage = new LoadAverage(this.clock.monotonicNs());
    // The time CSR counts a 10 MHz timebase, as on qemu's virt machine.
    this.cpu = Cpu.create(this.memory, host.cpuModule, () => BigInt(Math.floor(this.clock.monotonicNs() / 100)));
    this.tlbBanks = Array.from({ length: MAX_HARTS }, (_, i) => ({ tlb: new Tlb(this.memory, i), owner: null, used: 0 }));
    this.tlb = this.tlbBanks[0].tlb;
    this.regs = new Int32Array(this.memory.buffer, HART_BASE, HART_SIZE / 4);
    this.hartContext = new Uint8Array(this.memory.buffer, HART_BASE, HART_CONTEXT_BYTES);
    this.console = new HostConsole(host.streams);
    // The VFS: mounts, the root overlay, device drivers, inode timestamps from the guest's clock.
    setFsClock(() => this.clock.realtime());
    registerMemDevices((b) => host.randomBytes(b));
    registerTtyDevices(this);
    registerProcfs(this);
    registerSysfs(this);
    registerCgroupFs(this);
    const vfs = bootVfs(host.fs, opts.rootfs, opts.binds ?? []);
    this.mounts = vfs.mounts;
    this.rootDentry = vfs.root;
    this.builtinInit = opts.builtinInit ?? true;
    this.randomizeVaSpace = opts.randomizeVaSpace ?? RANDOMIZE_VA_SPACE_DEFAULT;
    if (this.builtinInit) this.init = this.createInit();
  }

  /**
   * pid 1: a built-in minimal init (like `docker run --init`). It runs no
   * guest code; it adopts orphans and reaps every child that dies, and the
   * kernel ends when PROGRAM, its first child, exits.
   */
  private createInit(): ThreadGroup {
    const pid = this.allocPid() as number;
    const group = new ThreadGroup(pid, null, pid, pid, defaultRlimits(this.maxThreads));
    const fs: FsContext = { root: this.rootDentry, cwd: this.rootDentry, umask: 0o022 };
    const t = new Task(pid, group, new AddressSpace(this.frames), new FdTable(), fs, rootCredentials(),
      new SignalHandlers(defaultActions()), this.rootDentry, this.clock.monotonicNs());
    t.comm = "init";
    t.argv = [new TextEncoder().encode("aramid-init")];
    t.state = "S";
    this.registerTask(t);
    return group;
  }

  /** Creates PROGRAM as pid 1's child with stdio on the host's streams. */
  spawn(filename: string, argv: string[], envp: string[]): Task | number {
    const enc = new TextEncoder();
    const fs: FsContext = { root: this.rootDentry, cwd: this.rootDentry, umask: 0o022 };
    const file = walk(fs, this.rootDentry, filename, { followFinal: true });
    if (typeof file === "number") return file;
    const rlimits = defaultRlimits(this.maxThreads);
    const envBytes = envp.map((s) => enc.encode(s));
    const aslr = aslrMode(this.randomizeVaSpace, 0);
    const image = exec({
      file, filename, argv: argv.map((s) => enc.encode(s)), envp: envBytes,
      creds: { uid: 0, euid: 0, gid: 0, egid: 0 }, frames: this.frames,
      lookup: (p) => walk(fs, this.rootDentry, p, { followFinal: true }),
      random: (b) => this.host.randomBytes(b), stackLimit: rlimitNumber(rlimits[RLIMIT_STACK].cur), aslr,
    });
    if (typeof image === "number") return image;
    const pid = this.allocPid();
    if (pid < 0) return pid;
    const files = new FdTable();
    const nofile = rlimitNumber(rlimits[RLIMIT_NOFILE].cur);
    const group = new ThreadGroup(pid, this.init, pid, pid, rlimits);
    const consoleNode = walk(fs, this.rootDentry, "/dev/console", { followFinal: true });
    const stdio = this.console.openStdio(this, group, typeof consoleNode === "number" ? null : consoleNode);
    for (const f of stdio) files.install(f, false, nofile);
    this.init?.children.add(group);
    this.init ??= group;
    const t = new Task(pid, group, image.mm, files, fs, rootCredentials(), new SignalHandlers(defaultActions()),
      image.exe, this.clock.monotonicNs());
    t.argv = image.argv;
    t.envp = envBytes;
    t.randomized = aslr.layout;
    t.comm = commOf(filename.slice(filename.lastIndexOf("/") + 1));
    this.images.set(image.mm, image.layout);
    this.setInitialRegisters(t, image.pc, image.sp);
    this.registerTask(t);
    this.forks++;
    this.program ??= group;
    this.runQueue.push(t);
    return t;
  }

  /** Runs until PROGRAM exits; resolves with its wait status. */
  run(): Promise<number> {
    return new Promise<number>((resolve) => {
      this.finished = resolve;
      void this.loop();
    });
  }

  // ---- the task table ----

  task(tid: number): Task | undefined {
    return this.tasks.get(tid);
  }

  /** The process with this pid (its leader may have exited; the group lives on). */
  group(pid: number): ThreadGroup | undefined {
    const t = this.tasks.get(pid);
    return t && t.tgid === pid ? t.group : undefined;
  }

  liveTasks(): Task[] {
    return [...this.tasks.values()].filter((t) => t.alive);
  }

  taskCount(): number {
    return this.tasks.size;
  }

  /** CPU time of t's whole process in ns. */
  groupCpuNs(t: Task): number {
    return t.group.utimeNs() + t.group.stimeNs();
  }

  registerTask(t: Task): void {
    this.tasks.set(t.tid, t);
    t.group.threads.add(t);
    t.group.liveThreads++;
    this.mmUsers.hold(t.mm);
    this.fileTableUsers.hold(t.files);
    this.fsUsers.hold(t.fs);
  }

  /**
   * de_thread: a thread that execs becomes its process's leader, taking the
   * process id (and the old leader's start time and exit signal).
   */
  becomeLeader(t: Task): void {
    const g = t.group;
    if (t.tid === g.tgid) return;
    const old = this.tasks.get(g.tgid);
    if (old && old !== t) {
      t.startNs = old.startNs;
      t.exitSignal = old.exitSignal;
      this.releaseTask(old);
    }
    this.tasks.delete(t.tid);
    t.tid = g.tgid;
    this.tasks.set(t.tid, t);
  }

  /** Forgets a task for good (a reaped zombie, or an exited non-leader thread). */
  releaseTask(t: Task): void {
    t.state = "X";
    this.tasks.delete(t.tid);
    t.group.threads.delete(t);
  }

  /** A free pid: the lowest above the last one used, wrapping at pid_max (kernel/pid.c). */
  allocPid(): number {
    if (this.tasks.size >= this.maxThreads) return -EAGAIN;
    for (let i = 0; i < PID_MAX; i++) {
      this.lastPid = this.lastPid + 1 >= PID_MAX ? 2 : this.lastPid + 1;
      if (!this.tasks.has(this.lastPid)) return this.lastPid;
    }
    return -EAGAIN;
  }

  /**
   * Makes t runnable. A task waking from a sleep is placed no further back
   * than one slice behind the others, so sleeping never banks CPU time.
   */
  enqueue(t: Task): void {
    t.vruntime = Math.max(t.vruntime, this.minVruntime - SLICE_NS);
    this.runQueue.push(t);
    this.wakeIdle?.();
  }

  /** CFS's choice: the runnable task that has had the least weighted CPU time. */
  private pickNext(): Task | undefined {
    const q = this.runQueue;
    if (q.length === 0) return undefined;
    let best = 0;
    for (let i = 1; i < q.length; i++) if (q[i].vruntime < q[best].vruntime) best = i;
    const t = q[best];
    q[best] = q[q.length - 1];
    q.pop();
    this.minVruntime = Math.max(this.minVruntime, t.vruntime);
    return t;
  }

  /** Takes a task off the run queue (it exited or stopped). */
  dequeue(t: Task): void {
    const i = this.runQueue.indexOf(t);
    if (i >= 0) this.runQueue.splice(i, 1);
  }

  // ---- the run loop ----

  private async loop(): Promise<void> {
    // `now` is carried from one slice's last clock reading to the next: the
    // host clock is read only at the boundaries accounting needs.
    let now = this.clock.monotonicNs();
    let lastYield = now;
    // The boot CPU leaves its idle task for the first one: Linux's first switch.
    this.contextSwitches++;
    while (this.finished) {
      this.loadAverage.update(now, this.countActive);
      const t = this.pickNext();
      if (!t) {
        this.accounting.idle(this.clock.monotonicNs());
        this.idleNow = true;
        // Guests that all wait on each other hang, as on Linux; the host process must not exit under them.
        const keepAlive = setInterval(() => {}, 1 << 30);
        await new Promise<void>((r) => (this.wakeIdle = r));
        clearInterval(keepAlive);
        this.wakeIdle = null;
        this.idleNow = false;
        now = lastYield = this.clock.monotonicNs();
        this.accounting.idle(lastYield);
        // Leaving the idle task for the woken one is a switch too (ctxt counts it).
        this.contextSwitches++;
        continue;
      }
      now = this.runSlice(t, now);
      this.accounting.sliceEnded(t, now);
      if (now - lastYield >= HOST_YIELD_NS) {
        await this.host.yieldToHost();
        now = lastYield = this.clock.monotonicNs();
        // The host event loop had the thread while guest work may have been waiting.
        if (this.runQueue.length > 0) this.accounting.steal(lastYield);
        else this.accounting.idle(lastYield);
      }
    }
  }

  /** The task whose syscall the kernel is serving (the reader of /proc/self), or null. */
  get current(): Task | null {
    return this.onHart;
  }

  /** Every task that exists (threads and zombies included), in no particular order. */
  allTasks(): IterableIterator<Task> {
    return this.tasks.values();
  }

  /** The pid most recently handed out (/proc/loadavg's last field). */
  get lastAllocatedPid(): number {
    return this.lastPid;
  }

  /** Tasks in state R: queued or on the CPU (/proc/stat procs_running). */
  runningTasks(): number {
    return this.runQueue.length + (this.onHart && this.onHart.state === "R" ? 1 : 0);
  }

  /** Tasks in uninterruptible sleep (/proc/stat procs_blocked). */
  blockedTasks(): number {
    let n = 0;
    for (const t of this.tasks.values()) if (t.state === "D") n++;
    return n;
  }

  /** Runnable plus uninterruptible tasks: what the load average counts. */
  activeTasks(): number {
    return this.runningTasks() + this.blockedTasks();
  }
  private readonly countActive = (): number => this.activeTasks();

  /** Charges the time since the last charge to the task on the hart (before it exits). */
  chargeCurrent(t: Task): void {
    if (this.onHart === t) this.accounting.system(t, this.clock.monotonicNs());
  }

  /** Runs a slice of t starting at monotonic time `start`; returns the time it ended. */
  private runSlice(t: Task, start: number): number {
    try {
      return this.runSliceUnguarded(t, start);
    } catch (e) {
      this.oops(t, e);
      return this.clock.monotonicNs();
    }
  }

  /**
   * An exception escaped the kernel while serving `t`: a kernel bug. Report
   * it with its stack and kill the process that hit it; the kernel goes on.
   */
  private oops(t: Task, e: unknown): void {
    const what = e instanceof Error ? (e.stack ?? e.message) : String(e);
    this.host.streams.write(2, new TextEncoder().encode(`aramid: oops while running pid ${t.tgid} (${t.comm}): ${what}\n`));
    if (t.alive) exitGroup(this, t, SIGKILL);
  }

  /** Runs `t` until its slice ends, it blocks or it exits; returns the time it left the CPU. */
  private runSliceUnguarded(t: Task, start: number): number {
    if (!t.alive) return start;
    this.yieldRequested = false;
    const end = this.runUntilPreempted(t, start);
    t.vruntime += ((end - start) * NICE_0_WEIGHT) / taskWeight(t.nice, t.policy);
    // sched_yield: the others runnable now go first.
    if (this.yieldRequested) for (const o of this.runQueue) t.vruntime = Math.max(t.vruntime, o.vruntime);
    // As __schedule counts them: a preempted task switches (involuntarily) only when another
    // task is waiting; alone it runs on. A task that blocks, stops or exits always gives up the CPU.
    if (t.state === "R") {
      if (this.runQueue.length > 0) {
        t.nivcsw++;
        this.contextSwitches++;
      }
      this.runQueue.push(t);
    } else {
      if (t.alive) t.nvcsw++;
      this.contextSwitches++;
    }
    return end;
  }

  /**
   * Runs guest code of t, charging time at every user/kernel boundary: the
   * CPU's run() is user time, everything else (scheduling it in, syscalls,
   * faults, signal delivery) is system time. Returns the last clock reading.
   */
  private runUntilPreempted(t: Task, start: number): number {
    const acct = this.accounting;
    // Time before the task existed is the kernel's, not the task's.
    acct.kernel(Math.min(start, t.startNs));
    this.switchTo(t);
    const end = start + SLICE_NS;
    const ok = this.returnToUser(t);
    let now = this.clock.monotonicNs();
    acct.system(t, now);
    if (!ok) return now;
    for (;;) {
      const cause = this.cpu.run(0, CPU_BUDGET);
      acct.user(t, this.clock.monotonicNs());
      let running = cause === EXIT_BUDGET || this.handleExit(t, cause);
      if (t.group.cpuTimers.size > 0) checkCpuTimers(this, t.group);
      if (running && signalsPending(t)) running = deliverSignals(this, t, null);
      now = this.clock.monotonicNs();
      if (t.alive) acct.system(t, now);
      if (!running || now >= end || this.yieldRequested) return now;
    }
  }

  /**
   * Before a task runs guest code again: finish a syscall it slept in (run
   * it again, or end it because a signal arrived) and deliver its signals.
   */
  private returnToUser(t: Task): boolean {
    const p = t.pending;
    if (p && t.interrupted && p.blocked.onSignal === "interrupt") {
      t.interrupted = false;
      p.blocked.onInterrupt?.();
      const r: Interrupted = { code: p.blocked.restart, origA0: this.argU64(0), sleeping: true };
      if (!deliverSignals(this, t, r)) return false;
      return t.pending === null || this.resumeSyscall(t);
    }
    t.interrupted = false;
    if (p && !this.resumeSyscall(t)) return false;
    return !signalsPending(t) || deliverSignals(this, t, null);
  }

  private switchTo(t: Task): void {
    if (this.onHart === t) return;
    const hart = this.hartContext;
    const prev = this.onHart;
    if (prev && prev.alive) prev.context.set(hart);
    hart.set(t.context);
    // A context switch breaks any LR reservation, as a trap does on real hardware.
    this.regs[HART_RES_VALID / 4] = 0;
    if (!prev || prev.mm !== t.mm) this.attachMm(prev ? prev.mm : null, t.mm);
    this.onHart = t;
  }

  /**
   * Points hart 0 at the TLB bank of `next`. Each address space keeps a bank
   * (like an ASID) while it is among the recently run, so switching between
   * processes does not throw their translations away; the least recently
   * used bank is flushed and handed over when a new one is needed.
   */
  private attachMm(_prev: AddressSpace | null, next: AddressSpace): void {
    let bank = this.tlbBanks.find((b) => b.owner === next);
    if (!bank) {
      bank = this.tlbBanks.reduce((a, b) => (b.used < a.used ? b : a));
      bank.owner?.detachTlb(bank.tlb);
      bank.tlb.flushAll();
      bank.owner = next;
      next.attachTlb(bank.tlb);
    }
    bank.used = ++this.bankClock;
    this.tlb = bank.tlb;
    this.regs[HART_TLB_BASE / 4] = TLB_BASE + this.tlbBanks.indexOf(bank) * TLB_BYTES;
  }

  /** Saves the on-hart task's registers (before copying them for a clone). */
  saveContext(t: Task): void {
    if (this.onHart === t) t.context.set(this.hartContext);
  }

  /** The task left the hart for good (it exited): nothing of it remains to save. */
  leaveHart(t: Task): void {
    if (this.onHart !== t) return;
    this.onHart = null;
  }

  /** Handles a CPU exit other than the budget; returns whether the task keeps running. */
  private handleExit(t: Task, cause: number): boolean {
    // Every trap breaks an LR reservation, as Linux's exception return does.
    this.regs[HART_RES_VALID / 4] = 0;
    switch (cause) {
      case EXIT_ECALL:
        return this.syscall(t);
      case EXIT_LOAD_FAULT:
      case EXIT_STORE_FAULT:
      case EXIT_FETCH_FAULT:
        return this.pageFault(t, cause);
      case EXIT_ILLEGAL:
        return this.fault(t, { signo: SIGILL, code: ILL_ILLOPC, addr: this.pc });
      case EXIT_EBREAK:
        return this.fault(t, { signo: SIGTRAP, code: TRAP_BRKPT, addr: this.pc });
      case EXIT_MISALIGNED:
        return this.fault(t, { signo: SIGBUS, code: BUS_ADRALN, addr: Number(this.cpu.exitTval(0)) });
      default:
        exitGroup(this, t, SIGKILL);
        return false;
    }
  }

  private pageFault(t: Task, cause: number): boolean {
    const addr = Number(this.cpu.exitTval(0));
    const access = cause === EXIT_LOAD_FAULT ? "read" : cause === EXIT_STORE_FAULT ? "write" : "exec";
    const r = t.mm.handleFault(addr, access, this.tlb);
    if (r.ok) {
      // A refill of the software TLB for a page already mapped is no page fault in Linux's terms.
      if (!r.changed) return true;
      this.pageFaults++;
      if (r.major) {
        t.majFaults++;
        this.majorFaults++;
      } else {
        t.minFaults++;
      }
      return true;
    }
    if (r.oom || r.signal === SIGKILL) {
      exitGroup(this, t, SIGKILL);
      return false;
    }
    return this.fault(t, { signo: r.signal, code: r.code, addr: r.addr });
  }

  /** A synchronous fault: the signal is forced on the thread and delivered before it runs on. */
  private fault(t: Task, info: SigInfo): boolean {
    forceSignal(t, info);
    return true;
  }

  // ---- registers of the task on hart 0 ----

  /** Register x[i] of the task on the hart as a number (signed 64-bit value, exact below 2^53). */
  reg(i: number): number {
    const at = (HART_X >> 2) + 2 * i;
    return this.regs[at + 1] * 4294967296 + (this.regs[at] >>> 0);
  }

  setReg(i: number, v: number): void {
    const at = (HART_X >> 2) + 2 * i;
    const hi = Math.floor(v / 4294967296);
    this.regs[at] = v - hi * 4294967296;
    this.regs[at + 1] = hi;
  }

  /** A syscall argument with all 64 bits, for the few calls that need them. */
  argU64(i: number): bigint {
    return this.cpu.getX(0, 10 + i);
  }

  get pc(): number {
    return this.reg(HART_PC / 8);
  }
  set pc(v: number) {
    this.setReg(HART_PC / 8, v);
  }

  private setInitialRegisters(t: Task, pc: number, sp: number): void {
    // A new program starts with every register zero except pc and sp (and a0 = 0).
    t.context.fill(0);
    const v = new DataView(t.context.buffer);
    v.setBigUint64(HART_PC, BigInt(pc), true);
    v.setBigUint64(HART_X + 8 * 2, BigInt(sp), true);
  }

  /** Replaces the running task's image after execve: registers, and the TLB's address space. */
  startProgram(t: Task, oldMm: AddressSpace, pc: number, sp: number): void {
    this.setInitialRegisters(t, pc, sp);
    this.hartContext.set(t.context);
    this.attachMm(oldMm, t.mm);
  }

  // ---- syscalls ----

  private syscall(t: Task): boolean {
    const nr = this.reg(17);
    this.pc = this.pc + 4;
    for (let i = 0; i < 6; i++) this.args[i] = this.reg(10 + i);
    return this.complete(t, nr, this.args, this.dispatch(t, nr, this.args));
  }

  private dispatch(t: Task, nr: number, args: Float64Array): SyscallResult {
    const def = nr >= 0 && nr < syscallTable.length ? syscallTable[nr] : undefined;
    if (!def) {
      this.unknownSyscalls.set(nr, (this.unknownSyscalls.get(nr) ?? 0) + 1);
      return -ENOSYS;
    }
    return def.fn(this, t, args);
  }

  /** Finishes a syscall attempt: writes a0, or puts the task to sleep. */
  private complete(t: Task, nr: number, args: Float64Array, r: SyscallResult): boolean {
    if (r instanceof Blocked) {
      if (!t.alive) return false;
      // One record per task, reused by every sleep (a re-run passes its own args back in).
      const p = t.pending ?? (t.pendingCall ??= { nr, args: new Float64Array(6), blocked: r });
      p.nr = nr;
      if (p.args !== args) p.args.set(args);
      p.blocked = r;
      t.pending = p;
      // A task with a deliverable signal does not go to sleep (Linux checks
      // signal_pending before scheduling): the call ends as if interrupted.
      if (r.onSignal === "interrupt" && hasDeliverableSignal(t)) {
        t.interrupted = true;
        return this.returnToUser(t);
      }
      this.sleep(t, r);
      return false;
    }
    t.pending = null;
    t.syscallState = null;
    if (this.host.trace) this.host.trace(formatTrace(t, nr, args, r));
    if (!t.alive || this.onHart !== t) return false;
    // a0 still holds the call's first argument (a call that slept never wrote it): restarting re-reads it.
    if (isRestartCode(r)) return deliverSignals(this, t, { code: -r, origA0: this.argU64(0), sleeping: false });
    if (r !== KEEP_REGISTERS) this.setReg(10, r);
    return t.state === "R";
  }

  private resumeSyscall(t: Task): boolean {
    const p = t.pending as NonNullable<Task["pending"]>;
    return this.complete(t, p.nr, p.args, this.dispatch(t, p.nr, p.args));
  }

  private sleep(t: Task, b: Blocked): void {
    t.state = b.interruptible ? "S" : "D";
    t.sleepingOn = b;
    const waker = (t.waker ??= (): void => {
      this.endSleep(t);
      this.wake(t);
    });
    for (const q of b.queues) q.add(waker);
    if (b.deadlineNs !== null) {
      const ms = Math.max(0, (b.deadlineNs - this.clock.monotonicNs()) / 1e6);
      t.sleepTimer = this.host.setTimer(ms, waker);
    }
    t.cancelSleep = t.sleepCanceller ??= (): void => this.endSleep(t);
  }

  /** Undoes the sleep's registrations: off its wait queues, its deadline timer cancelled. */
  private endSleep(t: Task): void {
    const b = t.sleepingOn;
    if (b !== null && t.waker !== null) for (const q of b.queues) q.remove(t.waker);
    t.sleepTimer?.();
    t.sleepTimer = null;
    t.sleepingOn = null;
    t.cancelSleep = null;
  }

  wake(t: Task, _bySignal = false): void {
    if (t.state !== "S" && t.state !== "D") return;
    t.state = "R";
    this.enqueue(t);
  }

  /** Sends `sig` to t's process from the kernel itself (SIGPIPE, …); info defaults to SI_KERNEL. */
  sendSignal(t: Task, sig: number, info?: SigInfo): void {
    sendSignal(this, t, info ?? { signo: sig, code: SI_KERNEL }, true);
  }

  /** Live processes in process group `pgid` (for kill(-pgid) and terminal signals). */
  processGroup(pgid: number): ThreadGroup[] {
    const out = new Set<ThreadGroup>();
    for (const t of this.tasks.values()) if (t.alive && t.group.pgid === pgid) out.add(t.group);
    return [...out];
  }

  /** Sends `sig` to every process of a process group, as the kernel does for ^C (SI_KERNEL). */
  signalProcessGroup(pgid: number, sig: number): number {
    const groups = this.processGroup(pgid);
    for (const g of groups) {
      const t = [...g.threads].find((x) => x.alive);
      if (t) sendSignal(this, t, { signo: sig, code: SI_KERNEL }, true);
    }
    return groups.length;
  }

  /** The return address of signal handlers in `mm`: the vDSO's __vdso_rt_sigreturn. */
  vdsoSigreturn(mm: AddressSpace): number {
    return (this.images.get(mm)?.vdso ?? 0) + VDSO_RT_SIGRETURN_OFFSET;
  }

  /** PROGRAM has died: report its status and end the run. */
  programExited(status: number): void {
    const done = this.finished;
    this.finished = null;
    this.wakeIdle?.();
    done?.(status);
  }

  /** The built-in pid 1 collects every child that dies (its whole job). */
  childDiedUnderInit(g: ThreadGroup): void {
    if (this.init) reap(this, this.init, g);
  }
}

/** A task's comm: the executable's name cut to TASK_COMM_LEN - 1 bytes. */
export function commOf(name: string): string {
  return new TextDecoder().decode(new TextEncoder().encode(name).subarray(0, 15));
}
