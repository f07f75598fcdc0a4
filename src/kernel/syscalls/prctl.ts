// prctl (kernel/sys.c SYSCALL_DEFINE5(prctl), and security/commoncap.c
// cap_task_prctl for the capability options). Options Aramid has no
// machinery for return EINVAL, which is what Linux answers for an option it
// was built without.
import {
  CAP_SETPCAP, CAP_SYS_RESOURCE, SECURE_ALL_BITS, SECURE_ALL_LOCKS, SECURE_KEEP_CAPS, SECURE_KEEP_CAPS_LOCKED,
  SECURE_NO_CAP_AMBIENT_RAISE, capBit, capValid, capable, capsOf, commitCreds, prepareCreds, setCaps, type CapSets,
} from "../capabilities.js";
import { EFAULT, EINVAL, EPERM } from "../errno.js";
import type { Kernel } from "../kernel.js";
import { attrsOf, groupAttrsOf, isRealtimePolicy } from "../task-attrs.js";
import type { Task } from "../task.js";
import * as SYS from "./numbers.js";
import { int32, unsigned, type SyscallDef } from "./syscall.js";

const PR_SET_PDEATHSIG = 1;
const PR_GET_PDEATHSIG = 2;
const PR_GET_DUMPABLE = 3;
const PR_SET_DUMPABLE = 4;
const PR_GET_KEEPCAPS = 7;
const PR_SET_KEEPCAPS = 8;
const PR_GET_TIMING = 13;
const PR_SET_TIMING = 14;
const PR_SET_NAME = 15;
const PR_GET_NAME = 16;
const PR_GET_SECCOMP = 21;
const PR_CAPBSET_READ = 23;
const PR_CAPBSET_DROP = 24;
const PR_GET_SECUREBITS = 27;
const PR_SET_SECUREBITS = 28;
const PR_SET_TIMERSLACK = 29;
const PR_GET_TIMERSLACK = 30;
const PR_TASK_PERF_EVENTS_DISABLE = 31;
const PR_TASK_PERF_EVENTS_ENABLE = 32;
const PR_SET_CHILD_SUBREAPER = 36;
const PR_GET_CHILD_SUBREAPER = 37;
const PR_SET_NO_NEW_PRIVS = 38;
const PR_GET_NO_NEW_PRIVS = 39;
const PR_GET_TID_ADDRESS = 40;
const PR_SET_THP_DISABLE = 41;
const PR_GET_THP_DISABLE = 42;
const PR_CAP_AMBIENT = 47;
const PR_SET_IO_FLUSHER = 57;
const PR_GET_IO_FLUSHER = 58;
const PR_GET_MDWE = 66;

const PR_THP_DISABLE_EXCEPT_ADVISED = 2;
const PR_CAP_AMBIENT_IS_SET = 1;
const PR_CAP_AMBIENT_RAISE = 2;
const PR_CAP_AMBIENT_LOWER = 3;
const PR_CAP_AMBIENT_CLEAR_ALL = 4;

/** _NSIG: the highest signal number. */
const NSIG = 64;
/** TASK_COMM_LEN, NUL included. */
const TASK_COMM_LEN = 16;

/** The four unsigned long arguments after the option. */
type Args = [number, number, number, number];

type Option = (k: Kernel, t: Task, a: Args) => number;

function putInt(t: Task, addr: number, v: number): number {
  return t.mm.writeU32(addr, v >>> 0) < 0 ? -EFAULT : 0;
}

/** strncpy_from_user of at most 15 bytes: stops at the NUL, faults only on bytes it needs. */
function setName(t: Task, addr: number): number {
  const bytes: number[] = [];
  for (let i = 0; i < TASK_COMM_LEN - 1; i++) {
    const b = t.mm.read(addr + i, 1);
    if (typeof b === "number") return -EFAULT;
    if (b[0] === 0) break;
    bytes.push(b[0]);
  }
  t.comm = new TextDecoder().decode(Uint8Array.from(bytes));
  return 0;
}

function getName(t: Task, addr: number): number {
  const out = new Uint8Array(TASK_COMM_LEN);
  out.set(new TextEncoder().encode(t.comm).subarray(0, TASK_COMM_LEN - 1));
  return t.mm.write(addr, out) < 0 ? -EFAULT : 0;
}

function setTimerslack(t: Task, slack: number): number {
  const a = attrsOf(t);
  // Real-time tasks have no slack, and keep none.
  if (isRealtimePolicy(t.policy)) return 0;
  a.timerSlackNs = slack <= 0 ? a.defaultSlackNs : slack;
  return 0;
}

function setThpDisable(t: Task, [on, flags, a4, a5]: Args): number {
  if (a4 !== 0 || a5 !== 0) return -EINVAL;
  // Flags only qualify a disable.
  if ((on === 0 && flags !== 0) || (flags !== 0 && flags !== PR_THP_DISABLE_EXCEPT_ADVISED)) return -EINVAL;
  groupAttrsOf(t.group).thpDisable = on === 0 ? 0 : 1 | flags;
  return 0;
}

function setCapsOf(t: Task, change: Partial<CapSets>): number {
  const next = prepareCreds(t.creds);
  setCaps(next, { ...capsOf(t.creds), ...change });
  commitCreds(t, next);
  return 0;
}

/** PR_SET_SECUREBITS: needs CAP_SETPCAP, never touches a locked bit, never unlocks. */
function setSecurebits(t: Task, bits: number): number {
  const old = capsOf(t.creds).securebits;
  const lockedChange = ((old & SECURE_ALL_LOCKS) >>> 1) & (old ^ bits);
  const unlock = old & SECURE_ALL_LOCKS & ~bits;
  const unknown = bits > 0xffffffff || (bits & ~(SECURE_ALL_LOCKS | SECURE_ALL_BITS)) !== 0;
  if (lockedChange !== 0 || unlock !== 0 || unknown || !capable(t, CAP_SETPCAP)) return -EPERM;
  return setCapsOf(t, { securebits: bits });
}

function setKeepcaps(t: Task, on: number): number {
  if (on > 1) return -EINVAL;
  const bits = capsOf(t.creds).securebits;
  if (bits & SECURE_KEEP_CAPS_LOCKED) return -EPERM;
  return setCapsOf(t, { securebits: on ? bits | SECURE_KEEP_CAPS : bits & ~SECURE_KEEP_CAPS });
}

function capbsetDrop(t: Task, cap: number): number {
  if (!capable(t, CAP_SETPCAP)) return -EPERM;
  if (!capValid(cap)) return -EINVAL;
  return setCapsOf(t, { bounding: capsOf(t.creds).bounding & ~capBit(cap) });
}

function capAmbient(t: Task, [op, cap, a4, a5]: Args): number {
  const c = capsOf(t.creds);
  if (op === PR_CAP_AMBIENT_CLEAR_ALL) {
    return cap !== 0 || a4 !== 0 || a5 !== 0 ? -EINVAL : setCapsOf(t, { ambient: 0n });
  }
  if (!capValid(cap) || a4 !== 0 || a5 !== 0) return -EINVAL;
  const bit = capBit(cap);
  if (op === PR_CAP_AMBIENT_IS_SET) return (c.ambient & bit) !== 0n ? 1 : 0;
  if (op === PR_CAP_AMBIENT_LOWER) return setCapsOf(t, { ambient: c.ambient & ~bit });
  if (op !== PR_CAP_AMBIENT_RAISE) return -EINVAL;
  // An ambient capability must be both permitted and inheritable.
  if ((c.permitted & bit) === 0n || (c.inheritable & bit) === 0n || (c.securebits & SECURE_NO_CAP_AMBIENT_RAISE)) {
    return -EPERM;
  }
  return setCapsOf(t, { ambient: c.ambient | bit });
}

function setIoFlusher(t: Task, a: Args): number {
  if (!capable(t, CAP_SYS_RESOURCE)) return -EPERM;
  if (a[0] > 1 || !noArgs(a, 1)) return -EINVAL;
  attrsOf(t).ioFlusher = a[0] === 1;
  return 0;
}

function getIoFlusher(t: Task, a: Args): number {
  if (!capable(t, CAP_SYS_RESOURCE)) return -EPERM;
  return !noArgs(a, 0) ? -EINVAL : attrsOf(t).ioFlusher ? 1 : 0;
}

function noArgs(a: Args, from: number): boolean {
  return a.slice(from).every((x) => x === 0);
}

const options = new Map<number, Option>([
  [PR_SET_PDEATHSIG, (_k, t, [sig]) => (sig > NSIG ? -EINVAL : ((t.pdeathSignal = sig), 0))],
  [PR_GET_PDEATHSIG, (_k, t, [addr]) => putInt(t, addr, t.pdeathSignal)],
  [PR_GET_DUMPABLE, (_k, t) => t.group.dumpable],
  [PR_SET_DUMPABLE, (_k, t, [v]) => (v !== 0 && v !== 1 ? -EINVAL : ((t.group.dumpable = v), 0))],
  [PR_GET_KEEPCAPS, (_k, t) => ((capsOf(t.creds).securebits & SECURE_KEEP_CAPS) !== 0 ? 1 : 0)],
  [PR_SET_KEEPCAPS, (_k, t, [v]) => setKeepcaps(t, v)],
  [PR_GET_TIMING, () => 0],
  [PR_SET_TIMING, (_k, _t, [v]) => (v !== 0 ? -EINVAL : 0)],
  [PR_SET_NAME, (_k, t, [addr]) => setName(t, addr)],
  [PR_GET_NAME, (_k, t, [addr]) => getName(t, addr)],
  // Seccomp is not implemented: every task is in mode 0 (SECCOMP_MODE_DISABLED).
  [PR_GET_SECCOMP, () => 0],
  [PR_CAPBSET_READ, (_k, t, [cap]) => (!capValid(cap) ? -EINVAL : Number((capsOf(t.creds).bounding >> BigInt(cap)) & 1n))],
  [PR_CAPBSET_DROP, (_k, t, [cap]) => capbsetDrop(t, cap)],
  [PR_GET_SECUREBITS, (_k, t) => capsOf(t.creds).securebits],
  [PR_SET_SECUREBITS, (_k, t, [bits]) => setSecurebits(t, bits)],
  [PR_SET_TIMERSLACK, (_k, t, [slack]) => setTimerslack(t, slack)],
  [PR_GET_TIMERSLACK, (_k, t) => attrsOf(t).timerSlackNs],
  [PR_TASK_PERF_EVENTS_DISABLE, () => 0],
  [PR_TASK_PERF_EVENTS_ENABLE, () => 0],
  [PR_SET_CHILD_SUBREAPER, (_k, t, [v]) => ((t.group.subreaper = v !== 0), 0)],
  [PR_GET_CHILD_SUBREAPER, (_k, t, [addr]) => putInt(t, addr, t.group.subreaper ? 1 : 0)],
  [PR_SET_NO_NEW_PRIVS, (_k, t, a) => (a[0] !== 1 || !noArgs(a, 1) ? -EINVAL : ((t.noNewPrivs = true), 0))],
  [PR_GET_NO_NEW_PRIVS, (_k, t, a) => (!noArgs(a, 0) ? -EINVAL : t.noNewPrivs ? 1 : 0)],
  [PR_GET_TID_ADDRESS, (_k, t, [addr]) => (t.mm.writeU64(addr, BigInt(t.clearChildTid)) < 0 ? -EFAULT : 0)],
  [PR_SET_THP_DISABLE, (_k, t, a) => setThpDisable(t, a)],
  [PR_GET_THP_DISABLE, (_k, t, a) => (!noArgs(a, 0) ? -EINVAL : groupAttrsOf(t.group).thpDisable)],
  [PR_CAP_AMBIENT, (_k, t, a) => capAmbient(t, a)],
  [PR_SET_IO_FLUSHER, (_k, t, a) => setIoFlusher(t, a)],
  [PR_GET_IO_FLUSHER, (_k, t, a) => getIoFlusher(t, a)],
  // Memory-deny-write-execute cannot be enabled (PR_SET_MDWE is unknown), so it is always off.
  [PR_GET_MDWE, (_k, _t, a) => (!noArgs(a, 0) ? -EINVAL : 0)],
]);

function prctl(k: Kernel, t: Task, a: Float64Array): number {
  const option = options.get(int32(a[0]));
  if (!option) return -EINVAL;
  return option(k, t, [unsigned(a[1]), unsigned(a[2]), unsigned(a[3]), unsigned(a[4])]);
}

export const prctlSyscalls: SyscallDef[] = [
  { nr: SYS.SYS_prctl, args: "dxxxx", fn: prctl },
];
