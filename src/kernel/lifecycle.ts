// How tasks begin and end (kernel/fork.c, kernel/exit.c): clone with its
// sharing flags, thread and process exit, reparenting of orphans, zombies
// and reaping. Accounting moves into counters as things happen: an exiting
// thread's times fold into its process, a reaped child's into its parent.
import { HART_X } from "../cpu/layout.js";
import { EAGAIN, EINVAL, EPERM } from "./errno.js";
import type { Kernel } from "./kernel.js";
import { exitRobustList, futexWake } from "./futex.js";
import { SA_NOCLDWAIT, SIG_DFL, SIG_IGN } from "./signal-action.js";
import { SIGCHLD } from "./signal-numbers.js";
import { CLD_DUMPED, CLD_EXITED, CLD_KILLED, type SigInfo } from "./siginfo.js";
import { sendSignal } from "./signals.js";
import { disarmAll } from "./timers.js";
import { SignalHandlers, Task } from "./task.js";
import { inheritTaskAttrs } from "./task-attrs.js";
import { ThreadGroup } from "./thread-group.js";
import { ttyProcessExited } from "../tty/tty.js";
import { Blocked, WaitQueue } from "./wait.js";

export const CSIGNAL = 0xff;
export const CLONE_VM = 0x100;
export const CLONE_FS = 0x200;
export const CLONE_FILES = 0x400;
export const CLONE_SIGHAND = 0x800;
export const CLONE_PIDFD = 0x1000;
export const CLONE_PTRACE = 0x2000;
export const CLONE_VFORK = 0x4000;
export const CLONE_PARENT = 0x8000;
export const CLONE_THREAD = 0x10000;
export const CLONE_NEWNS = 0x20000;
export const CLONE_SYSVSEM = 0x40000;
export const CLONE_SETTLS = 0x80000;
export const CLONE_PARENT_SETTID = 0x100000;
export const CLONE_CHILD_CLEARTID = 0x200000;
export const CLONE_DETACHED = 0x400000;
export const CLONE_UNTRACED = 0x800000;
export const CLONE_CHILD_SETTID = 0x1000000;
export const CLONE_NEWCGROUP = 0x2000000;
export const CLONE_NEWUTS = 0x4000000;
export const CLONE_NEWIPC = 0x8000000;
export const CLONE_NEWUSER = 0x10000000;
export const CLONE_NEWPID = 0x20000000;
export const CLONE_NEWNET = 0x40000000;
export const CLONE_IO = 0x80000000;
/** clone3 only (bits above 32). */
export const CLONE_CLEAR_SIGHAND = 2 ** 32;
export const CLONE_INTO_CGROUP = 2 ** 33;
const CLONE_NEWTIME = 0x80;

const NAMESPACE_FLAGS = CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID |
  CLONE_NEWNET | CLONE_NEWTIME;

export interface CloneRequest {
  /** CLONE_* flags (up to 64 bits for clone3, so kept as a number). */
  flags: number;
  exitSignal: number;
  /** The child's sp, or 0 to keep the parent's. */
  stack: number;
  parentTid: number;
  childTid: number;
  tls: number;
}

/** Bit test for single-bit flags, including the clone3 bits above 32. */
function has(flags: number, bit: number): boolean {
  return Math.floor(flags / bit) % 2 === 1;
}

function low(flags: number): number {
  return (flags % 2 ** 32) >>> 0;
}

/** The checks copy_process makes before creating anything. */
function checkFlags(k: Kernel, parent: Task, req: CloneRequest): number {
  const f = low(req.flags);
  if ((f & NAMESPACE_FLAGS) !== 0) {
    // New namespaces are not supported: refuse as Linux refuses an unprivileged caller.
    if ((f & (CLONE_NEWNS | CLONE_NEWUSER)) !== 0 && (f & CLONE_FS) !== 0) return -EINVAL;
    return -EPERM;
  }
  if ((f & CLONE_THREAD) !== 0 && (f & CLONE_SIGHAND) === 0) return -EINVAL;
  if ((f & CLONE_SIGHAND) !== 0 && (f & CLONE_VM) === 0) return -EINVAL;
  if ((f & CLONE_PARENT) !== 0 && parent.group === k.init) return -EINVAL;
  if (has(req.flags, CLONE_CLEAR_SIGHAND) && (f & CLONE_SIGHAND) !== 0) return -EINVAL;
  if ((f & CLONE_PIDFD) !== 0 || has(req.flags, CLONE_INTO_CGROUP)) return -EINVAL; // pidfds and cgroups: not yet
  if (req.exitSignal < 0 || req.exitSignal > 64) return -EINVAL;
  return 0;
}

/** The per-user task limit (RLIMIT_NPROC), which root is exempt from, as in Linux. */
function overNproc(k: Kernel, parent: Task): boolean {
  if (parent.creds.uid === 0) return false;
  const limit = parent.rlimits[6].cur;
  let n = 0n;
  for (const t of k.liveTasks()) if (t.creds.uid === parent.creds.uid) n++;
  return n >= limit;
}

export function clone(k: Kernel, parent: Task, req: CloneRequest): number {
  const err = checkFlags(k, parent, req);
  if (err < 0) return err;
  if (overNproc(k, parent)) return -EAGAIN;
  const tid = k.allocPid();
  if (tid < 0) return tid;
  const f = low(req.flags);
  k.saveContext(parent);
  const mm = (f & CLONE_VM) !== 0 ? parent.mm : parent.mm.fork();
  const layout = k.images.get(parent.mm);
  if (layout) k.images.set(mm, layout);
  const files = (f & CLONE_FILES) !== 0 ? parent.files : parent.files.clone();
  const fs = (f & CLONE_FS) !== 0 ? parent.fs : { ...parent.fs };
  const sighand = (f & CLONE_SIGHAND) !== 0 ? parent.sighand : copyHandlers(parent, has(req.flags, CLONE_CLEAR_SIGHAND));
  const group = (f & CLONE_THREAD) !== 0 ? parent.group : newProcess(parent, tid, (f & CLONE_PARENT) !== 0);
  const child = new Task(tid, group, mm, files, fs, { ...parent.creds, groups: [...parent.creds.groups] }, sighand,
    parent.exe, k.clock.monotonicNs());
  child.context.set(parent.context);
  setContextReg(child, 10, 0);
  if (req.stack !== 0) setContextReg(child, 2, req.stack);
  if ((f & CLONE_SETTLS) !== 0) setContextReg(child, 4, req.tls);
  child.sigMask = parent.sigMask;
  child.vruntime = parent.vruntime;
  child.forkNoExec = true;
  child.comm = parent.comm;
  inheritTaskAttrs(parent, child);
  child.argv = parent.argv;
  child.envp = parent.envp;
  child.exitSignal = (f & CLONE_THREAD) !== 0 ? 0 : req.exitSignal;
  if ((f & CLONE_CHILD_CLEARTID) !== 0) child.clearChildTid = req.childTid;
  k.registerTask(child);
  k.forks++;
  if ((f & CLONE_PARENT_SETTID) !== 0) parent.mm.writeU32(req.parentTid, tid);
  if ((f & CLONE_CHILD_SETTID) !== 0) mm.writeU32(req.childTid, tid);
  k.enqueue(child);
  return tid;
}

function copyHandlers(parent: Task, clear: boolean): SignalHandlers {
  return new SignalHandlers(parent.sigActions.map((a) => {
    // CLONE_CLEAR_SIGHAND resets caught signals to default; ignored ones stay ignored.
    const handler = clear && a.handler !== SIG_IGN ? SIG_DFL : a.handler;
    return { ...a, handler };
  }));
}

function newProcess(parent: Task, pid: number, siblingOfParent: boolean): ThreadGroup {
  const p = siblingOfParent && parent.group.parent ? parent.group.parent : parent.group;
  const g = new ThreadGroup(pid, p, parent.group.pgid, parent.group.sid, parent.rlimits.map((r) => ({ ...r })));
  g.ctty = parent.group.ctty;
  g.oomScoreAdj = parent.group.oomScoreAdj;
  g.cgroup = parent.group.cgroup;
  p.children.add(g);
  return g;
}

function setContextReg(t: Task, reg: number, v: number): void {
  new DataView(t.context.buffer).setBigInt64(HART_X + 8 * reg, BigInt(v), true);
}

/**
 * vfork: the parent sleeps until the child execs or exits. The clone result
 * is kept in syscallState so that the re-run after wake-up returns it.
 */
export function vforkWait(t: Task, child: Task | undefined, tid: number): number | Blocked {
  if (!child || !child.alive || child.vforkParent !== t) return tid;
  return new Blocked([vforkQueue(child)], null, false);
}

const vforkQueues = new WeakMap<Task, WaitQueue>();
export function vforkQueue(child: Task): WaitQueue {
  let q = vforkQueues.get(child);
  if (!q) {
    q = new WaitQueue();
    vforkQueues.set(child, q);
  }
  return q;
}

/** The child of a vfork has let go of the parent's memory (exec or exit). */
export function vforkRelease(t: Task): void {
  if (!t.vforkParent) return;
  t.vforkParent = null;
  vforkQueue(t).notifyAll();
}

/** Gives t a private copy of a file table it shares through CLONE_FILES (exec, close_range, unshare). */
export function unshareFiles(k: Kernel, t: Task): void {
  if (k.fileTableUsers.users(t.files) <= 1) return;
  const copy = t.files.clone();
  k.fileTableUsers.release(t.files);
  k.fileTableUsers.hold(copy);
  t.files = copy;
}

// ---- exit ----

/** exit(2) for one thread; the process dies with its last thread. */
export function exitThread(k: Kernel, t: Task, status: number): void {
  if (!t.alive) return;
  t.exitStatus = status;
  t.cancelSleep?.();
  t.pending = null;
  k.dequeue(t);
  exitRobustList(k, t);
  // CLONE_CHILD_CLEARTID: tell a joiner this thread is gone, if anyone shares the memory.
  if (t.clearChildTid !== 0 && k.mmUsers.users(t.mm) > 1) {
    t.mm.writeU32(t.clearChildTid, 0);
    futexWake(k, t.mm, t.clearChildTid, 1);
  }
  vforkRelease(t);
  k.chargeCurrent(t);
  const g = t.group;
  g.deadUtimeNs += t.utimeNs;
  g.deadStimeNs += t.stimeNs;
  g.deadMinFaults += t.minFaults;
  g.deadMajFaults += t.majFaults;
  k.leaveHart(t);
  if (k.mmUsers.release(t.mm)) t.mm.destroy();
  if (k.fileTableUsers.release(t.files)) t.files.closeAll();
  k.fsUsers.release(t.fs);
  t.state = "Z";
  g.liveThreads--;
  if (g.liveThreads === 0) processDied(k, g);
  else if (!t.isLeader) k.releaseTask(t);
}

/** exit_group(2), or a fatal signal: every thread of the process ends with `status`. */
export function exitGroup(k: Kernel, t: Task, status: number): void {
  const g = t.group;
  g.groupExitStatus ??= status;
  for (const other of [...g.threads]) if (other !== t) exitThread(k, other, g.groupExitStatus);
  exitThread(k, t, g.groupExitStatus);
}

function processDied(k: Kernel, g: ThreadGroup): void {
  const leader = g.leader;
  g.exitStatus = g.groupExitStatus ?? leader?.exitStatus ?? 0;
  g.zombie = true;
  disarmAll(k, g);
  ttyProcessExited(g);
  k.cgroups.chargeExited(g.cgroup, g.utimeNs(), g.stimeNs());
  // Non-leader threads are gone; only the leader stays, as the zombie.
  for (const t of [...g.threads]) if (!t.isLeader) k.releaseTask(t);
  reparentChildren(k, g);
  notifyParent(k, g, leader?.exitSignal ?? SIGCHLD);
  if (g === k.program) k.programExited(g.exitStatus);
}

/** Orphans go to the nearest subreaper ancestor, or to pid 1 (kernel/exit.c find_new_reaper). */
function reparentChildren(k: Kernel, g: ThreadGroup): void {
  if (g.children.size === 0) return;
  let reaper: ThreadGroup | null = k.init;
  for (let a = g.parent; a; a = a.parent) {
    if (a.subreaper && !a.zombie) {
      reaper = a;
      break;
    }
  }
  if (!reaper || reaper === g) return;
  for (const c of [...g.children]) {
    for (const t of c.threads) if (t.alive && t.pdeathSignal !== 0) sendSignal(k, t, { signo: t.pdeathSignal, code: 0 }, false);
    g.children.delete(c);
    c.parent = reaper;
    reaper.children.add(c);
    if (c.zombie) notifyParent(k, c, SIGCHLD);
  }
}

function notifyParent(k: Kernel, g: ThreadGroup, exitSignal: number): void {
  const parent = g.parent;
  if (!parent) return;
  if (parent === k.init && k.builtinInit) {
    k.childDiedUnderInit(g);
    return;
  }
  const pt = parentThread(parent);
  const act = pt?.sigActions[SIGCHLD];
  // SIGCHLD ignored: no signal and no zombie. SA_NOCLDWAIT: the signal, but no zombie (do_notify_parent).
  const ignored = exitSignal === SIGCHLD && act !== undefined && act.handler === SIG_IGN;
  const noZombie = ignored || (exitSignal === SIGCHLD && act !== undefined && (act.flags & SA_NOCLDWAIT) !== 0n);
  if (pt && exitSignal > 0 && !ignored) sendSignal(k, pt, childExitInfo(g, exitSignal), true);
  if (noZombie) reap(k, parent, g);
  parent.childEvents.notifyAll();
}

/** The siginfo of SIGCHLD for a child that died (CLD_EXITED, CLD_KILLED or CLD_DUMPED). */
function childExitInfo(g: ThreadGroup, signo: number): SigInfo {
  const st = g.exitStatus;
  const sig = st & 0x7f;
  const code = sig === 0 ? CLD_EXITED : (st & 0x80) !== 0 ? CLD_DUMPED : CLD_KILLED;
  const ticks = (ns: number): number => Math.floor(ns / 1e7);
  return {
    signo, code, pid: g.tgid, uid: g.leader?.creds.uid ?? 0, status: sig === 0 ? (st >> 8) & 0xff : sig,
    utime: ticks(g.utimeNs()), stime: ticks(g.stimeNs()),
  };
}

function parentThread(g: ThreadGroup): Task | undefined {
  for (const t of g.threads) if (t.alive) return t;
  return undefined;
}

/** Collects a zombie child: its totals move into the parent and its pid is freed. */
export function reap(k: Kernel, parent: ThreadGroup, child: ThreadGroup): void {
  parent.childUtimeNs += child.utimeNs() + child.childUtimeNs;
  parent.childStimeNs += child.stimeNs() + child.childStimeNs;
  parent.childMinFaults += child.deadMinFaults + child.childMinFaults;
  parent.childMajFaults += child.deadMajFaults + child.childMajFaults;
  parent.children.delete(child);
  for (const t of [...child.threads]) k.releaseTask(t);
}

