// The kernel: guest RAM, the CPU, the task table and the run loop
// (DESIGN.md §2). One host thread runs every guest thread; a syscall is a
// plain function call from the run loop; a blocked task sleeps on wait
// queues while others run; when nothing is runnable the kernel awaits host
// events, and it returns to the host event loop between slices.
import { Cpu } from "../cpu/cpu.js";
import {
  EXIT_BUDGET, EXIT_EBREAK, EXIT_ECALL, EXIT_FETCH_FAULT, EXIT_ILLEGAL, EXIT_LOAD_FAULT,
  EXIT_MISALIGNED, EXIT_STORE_FAULT, FRAMES_BASE, HART_BASE, HART_CONTEXT_BYTES, HART_PC,
  HART_RES_VALID, HART_SIZE, HART_X, PAGE_SIZE,
} from "../cpu/layout.js";
import { Dentry } from "../fs/dentry.js";
import { FdTable } from "../fs/fd-table.js";
import { HostDirFs } from "../fs/hostdir/host-dir-fs.js";
import { O_RDONLY, O_WRONLY } from "../fs/open-file.js";
import { walk } from "../fs/path-walk.js";
import { HostConsole, HostInputFile, HostOutputFile } from "../fs/stdio-file.js";
import { exec } from "../loader/exec.js";
import { FrameAllocator } from "../mm/frames.js";
import { Tlb } from "../mm/tlb.js";
import { Clock } from "./clock.js";
import { rootCredentials } from "./credentials.js";
import { ENOSYS, ESRCH } from "./errno.js";
import type { Host } from "./host.js";
import { defaultRlimits, RLIMIT_NOFILE, RLIMIT_STACK, rlimitNumber } from "./rlimits.js";
import { defaultActions, SIG_DFL, SIG_IGN } from "./signal-action.js";
import { defaultAction } from "./signal-default.js";
import { SIGBUS, SIGILL, SIGKILL, SIGTRAP } from "./signal-numbers.js";
import { syscallTable } from "./syscalls/table.js";
import type { SyscallResult } from "./syscalls/syscall.js";
import { Task } from "./task.js";
import { formatTrace } from "./trace.js";
import { Blocked } from "./wait.js";

export interface KernelOptions {
  /** Guest RAM in bytes (MemTotal); a multiple of 64 KiB. */
  memBytes: number;
  /** Host directory served as the guest's root filesystem. */
  rootfs: string;
}

/** Instructions per call into the CPU: short enough to notice the end of a slice promptly. */
const CPU_BUDGET = 200_000;
/** A slice is one timer tick at HZ = 100. */
const SLICE_NS = 10_000_000;
/** Hand control back to the host event loop at least this often. */
const HOST_YIELD_NS = 10_000_000;
const WASM_PAGE = 65536;
/** Linux's default pid_max on 64-bit machines with many CPUs; also the thread limit here. */
export const PID_MAX = 4194304;
const THREADS_MAX = 126976;

export class Kernel {
  readonly memory: WebAssembly.Memory;
  readonly frames: FrameAllocator;
  readonly cpu: Cpu;
  readonly tlb: Tlb;
  readonly clock: Clock;
  readonly console: HostConsole;
  readonly rootDentry: Dentry;
  /** Syscalls the guest asked for that Aramid does not implement, with counts. */
  readonly unknownSyscalls = new Map<number, number>();

  private readonly tasks = new Map<number, Task>();
  private readonly runQueue: Task[] = [];
  /** The task whose context is loaded on hart 0. */
  private onHart: Task | null = null;
  private lastPid = 0;
  private initTask: Task | null = null;
  private finished: ((status: number) => void) | null = null;
  private wakeIdle: (() => void) | null = null;
  private readonly regs: Int32Array;
  private readonly args = new Float64Array(6);

  constructor(
    readonly host: Host,
    opts: KernelOptions,
  ) {
    const pages = Math.ceil((FRAMES_BASE + opts.memBytes) / WASM_PAGE);
    this.memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    this.frames = new FrameAllocator(this.memory, Math.floor(opts.memBytes / PAGE_SIZE));
    this.clock = new Clock(host);
    // The time CSR counts a 10 MHz timebase, as on qemu's virt machine.
    this.cpu = Cpu.create(this.memory, host.cpuModule, () => BigInt(Math.floor(this.clock.monotonicNs() / 100)));
    this.tlb = new Tlb(this.memory, 0);
    this.regs = new Int32Array(this.memory.buffer, HART_BASE, HART_SIZE / 4);
    this.console = new HostConsole(host.streams);
    const rootFs = new HostDirFs(host.fs, opts.rootfs);
    this.rootDentry = new Dentry("/", null, rootFs.root);
  }

  /** Creates the first process running `filename` with stdio on the host's streams. */
  spawn(filename: string, argv: string[], envp: string[]): Task | number {
    const enc = new TextEncoder();
    const fs = { root: this.rootDentry, cwd: this.rootDentry, umask: 0o022 };
    const file = walk(fs, this.rootDentry, filename, { followFinal: true });
    if (typeof file === "number") return file;
    const rlimits = defaultRlimits(THREADS_MAX);
    const image = exec({
      file, filename, argv: argv.map((s) => enc.encode(s)), envp: envp.map((s) => enc.encode(s)),
      creds: { uid: 0, euid: 0, gid: 0, egid: 0 }, frames: this.frames,
      lookup: (p) => walk(fs, this.rootDentry, p, { followFinal: true }),
      random: (b) => this.host.randomBytes(b), stackLimit: rlimitNumber(rlimits[RLIMIT_STACK].cur),
    });
    if (typeof image === "number") return image;
    const pid = this.allocPid();
    const files = new FdTable();
    const nofile = rlimitNumber(rlimits[RLIMIT_NOFILE].cur);
    files.install(new HostInputFile(this.console, 0, O_RDONLY, 1), false, nofile);
    files.install(new HostOutputFile(this.console, 1, O_WRONLY, 2), false, nofile);
    files.install(new HostOutputFile(this.console, 2, O_WRONLY, 3), false, nofile);
    const t = new Task(pid, pid, null, image.mm, files, fs, rootCredentials(), rlimits, defaultActions(),
      image.exe, this.clock.monotonicNs());
    t.argv = image.argv;
    t.envp = envp.map((s) => enc.encode(s));
    t.comm = commOf(image.exe.name);
    this.setInitialRegisters(t, image.pc, image.sp);
    this.tasks.set(pid, t);
    this.initTask ??= t;
    this.runQueue.push(t);
    return t;
  }

  /** Runs until the first process exits; resolves with its wait status. */
  run(): Promise<number> {
    return new Promise<number>((resolve) => {
      this.finished = resolve;
      void this.loop();
    });
  }

  task(tid: number): Task | undefined {
    return this.tasks.get(tid);
  }

  /** Every live task, for kill(-1) and, later, /proc. */
  liveTasks(): Task[] {
    return [...this.tasks.values()].filter((t) => t.state !== "Z");
  }

  /** Tasks (threads) that exist, zombies included (sysinfo procs). */
  taskCount(): number {
    return this.tasks.size;
  }

  /** CPU time of t's whole thread group in ns. */
  groupCpuNs(t: Task): number {
    let ns = 0;
    for (const m of this.tasks.values()) if (m.tgid === t.tgid) ns += m.utimeNs + m.stimeNs;
    return ns;
  }

  private allocPid(): number {
    for (let i = 0; i < PID_MAX; i++) {
      this.lastPid = this.lastPid + 1 >= PID_MAX ? 1 : this.lastPid + 1;
      if (!this.tasks.has(this.lastPid)) return this.lastPid;
    }
    return -ESRCH;
  }

  private async loop(): Promise<void> {
    let lastYield = this.clock.monotonicNs();
    while (this.finished) {
      const t = this.runQueue.shift();
      if (!t) {
        await new Promise<void>((r) => (this.wakeIdle = r));
        this.wakeIdle = null;
        lastYield = this.clock.monotonicNs();
        continue;
      }
      this.runSlice(t);
      if (this.clock.monotonicNs() - lastYield >= HOST_YIELD_NS) {
        await this.host.yieldToHost();
        lastYield = this.clock.monotonicNs();
      }
    }
  }

  /** Runs `t` until its slice ends, it blocks or it exits. */
  private runSlice(t: Task): void {
    try {
      this.runSliceUnguarded(t);
    } catch (e) {
      this.oops(t, e);
    }
  }

  /**
   * An exception escaped the kernel while serving `t`: a kernel bug. Report
   * it with its stack and kill the process that hit it; the kernel goes on.
   */
  private oops(t: Task, e: unknown): void {
    const what = e instanceof Error ? (e.stack ?? e.message) : String(e);
    this.host.streams.write(2, new TextEncoder().encode(`aramid: oops while running pid ${t.tgid} (${t.comm}): ${what}\n`));
    if (t.state !== "Z") this.exitGroup(t, SIGKILL);
  }

  private runSliceUnguarded(t: Task): void {
    this.switchTo(t);
    let t0 = this.clock.monotonicNs();
    const end = t0 + SLICE_NS;
    if (t.pending && !this.resumeSyscall(t)) {
      t.stimeNs += this.clock.monotonicNs() - t0;
      return;
    }
    for (;;) {
      const cause = this.cpu.run(0, CPU_BUDGET);
      const t1 = this.clock.monotonicNs();
      t.utimeNs += t1 - t0;
      const running = cause === EXIT_BUDGET || this.handleExit(t, cause);
      const t2 = this.clock.monotonicNs();
      t.stimeNs += t2 - t1;
      t0 = t2;
      if (!running) return;
      if (t2 >= end) break;
    }
    if (t.state === "R") this.runQueue.push(t);
  }

  private switchTo(t: Task): void {
    if (this.onHart === t) return;
    const hart = new Uint8Array(this.memory.buffer, HART_BASE, HART_CONTEXT_BYTES);
    const prev = this.onHart;
    if (prev && prev.state !== "Z") prev.context.set(hart);
    hart.set(t.context);
    // A context switch breaks any LR reservation, as a trap does on real hardware.
    this.regs[HART_RES_VALID / 4] = 0;
    if (!prev || prev.mm !== t.mm) this.tlb.flushAll();
    this.onHart = t;
  }

  /** Handles a CPU exit other than the budget; returns whether the task keeps running. */
  private handleExit(t: Task, cause: number): boolean {
    switch (cause) {
      case EXIT_ECALL:
        return this.syscall(t);
      case EXIT_LOAD_FAULT:
      case EXIT_STORE_FAULT:
      case EXIT_FETCH_FAULT:
        return this.pageFault(t, cause);
      case EXIT_ILLEGAL:
        return this.fatalSignal(t, SIGILL);
      case EXIT_EBREAK:
        return this.fatalSignal(t, SIGTRAP);
      case EXIT_MISALIGNED:
        return this.fatalSignal(t, SIGBUS);
      default:
        return this.fatalSignal(t, SIGKILL);
    }
  }

  private pageFault(t: Task, cause: number): boolean {
    const addr = Number(this.cpu.exitTval(0));
    const access = cause === EXIT_LOAD_FAULT ? "read" : cause === EXIT_STORE_FAULT ? "write" : "exec";
    const r = t.mm.handleFault(addr, access, this.tlb);
    if (r.ok) {
      if (r.major) t.majFaults++;
      else t.minFaults++;
      return true;
    }
    return this.fatalSignal(t, r.signal);
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
    // A new process starts with every register zero except pc and sp (and a0 = 0).
    t.context.fill(0);
    const v = new DataView(t.context.buffer);
    v.setBigUint64(HART_PC, BigInt(pc), true);
    v.setBigUint64(HART_X + 8 * 2, BigInt(sp), true);
  }

  /** Replaces the running task's registers after execve. */
  startProgram(t: Task, pc: number, sp: number): void {
    this.setInitialRegisters(t, pc, sp);
    new Uint8Array(this.memory.buffer, HART_BASE, HART_CONTEXT_BYTES).set(t.context);
    this.tlb.flushAll();
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
      t.pending = { nr, args: t.pending?.args ?? Float64Array.from(args), blocked: r };
      this.sleep(t, r);
      return false;
    }
    t.pending = null;
    t.syscallState = null;
    if (this.host.trace) this.host.trace(formatTrace(this, t, nr, args, r));
    if (t.state === "Z" || this.onHart !== t) return false;
    this.setReg(10, r);
    return t.state === "R";
  }

  private resumeSyscall(t: Task): boolean {
    const p = t.pending as NonNullable<Task["pending"]>;
    return this.complete(t, p.nr, p.args, this.dispatch(t, p.nr, p.args));
  }

  private sleep(t: Task, b: Blocked): void {
    t.state = b.interruptible ? "S" : "D";
    let cancelTimer: (() => void) | null = null;
    const waker = (): void => {
      for (const q of b.queues) q.remove(waker);
      cancelTimer?.();
      this.wake(t);
    };
    for (const q of b.queues) q.add(waker);
    if (b.deadlineNs !== null) {
      const ms = Math.max(0, (b.deadlineNs - this.clock.monotonicNs()) / 1e6);
      cancelTimer = this.host.setTimer(ms, waker);
    }
  }

  wake(t: Task): void {
    if (t.state !== "S" && t.state !== "D") return;
    t.state = "R";
    this.runQueue.push(t);
    this.wakeIdle?.();
  }

  // ---- exit and signals ----

  /**
   * Sends `sig` to t's process. Ignored signals vanish; a default action that
   * terminates ends the process now. A blocked signal, or one with a handler,
   * stays pending: running handlers needs the signal frame (next issue).
   */
  sendSignal(t: Task, sig: number): void {
    if (sig === 0 || t.state === "Z") return;
    const act = t.sigActions[sig];
    const bit = 1n << BigInt(sig - 1);
    const action = defaultAction(sig);
    if (sig !== SIGKILL && act.handler === SIG_IGN) return;
    if (sig !== SIGKILL && act.handler === SIG_DFL && action === "ignore") return;
    if (sig !== SIGKILL && ((t.sigMask & bit) !== 0n || act.handler !== SIG_DFL || action === "stop")) {
      t.sigPending |= bit;
      return;
    }
    this.exitGroup(t, sig);
  }

  /** Acts on pending signals that are no longer blocked and whose default action ends the process. */
  deliverUnblocked(t: Task): void {
    const ready = t.sigPending & ~t.sigMask;
    if (ready === 0n) return;
    for (let sig = 1; sig <= 64; sig++) {
      const bit = 1n << BigInt(sig - 1);
      if ((ready & bit) === 0n || t.sigActions[sig].handler !== SIG_DFL) continue;
      const action = defaultAction(sig);
      if (action === "term" || action === "core") {
        t.sigPending &= ~bit;
        this.exitGroup(t, sig);
        return;
      }
    }
  }

  /** A signal whose action ends the process (the only delivery until handlers and frames exist). */
  fatalSignal(t: Task, sig: number): boolean {
    this.exitGroup(t, sig & 0x7f);
    return false;
  }

  /** Ends every thread of t's group with `status` (a wait status) and frees what they held. */
  exitGroup(t: Task, status: number): void {
    for (const member of [...this.tasks.values()]) {
      if (member.tgid === t.tgid && member.state !== "Z") this.exitTask(member, status);
    }
  }

  private exitTask(t: Task, status: number): void {
    t.state = "Z";
    t.exitStatus = status;
    t.pending = null;
    const i = this.runQueue.indexOf(t);
    if (i >= 0) this.runQueue.splice(i, 1);
    t.files.closeAll();
    if (this.onHart === t) this.onHart = null;
    t.mm.destroy();
    if (t === this.initTask && this.finished) {
      const done = this.finished;
      this.finished = null;
      this.wakeIdle?.();
      done(status);
    }
  }
}

/** A task's comm: the executable's name cut to TASK_COMM_LEN - 1 bytes. */
export function commOf(name: string): string {
  return new TextDecoder().decode(new TextEncoder().encode(name).subarray(0, 15));
}

