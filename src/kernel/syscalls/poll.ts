// ppoll and pselect6 (fs/select.c): wait until one of several descriptors
// is ready, a signal arrives, or the timeout passes, optionally with a
// temporary signal mask (restored on return, or by sigreturn when a
// handler interrupts the wait).
import type { OpenFile } from "../../fs/open-file.js";
import { POLLERR, POLLHUP, POLLIN, POLLNVAL, POLLOUT, POLLPRI, POLLRDNORM, POLLWRNORM } from "../../fs/poll-events.js";
import { NSEC_PER_SEC } from "../clock.js";
import { EBADF, EFAULT, EINVAL } from "../errno.js";
import type { Kernel } from "../kernel.js";
import { RLIMIT_NOFILE, rlimitNumber } from "../rlimits.js";
import { UNBLOCKABLE } from "../signals.js";
import type { Task } from "../task.js";
import { Blocked, RESTART_NOHAND, type WaitQueue } from "../wait.js";
import * as SYS from "./numbers.js";
import { int32, unsigned, type SyscallDef, type SyscallResult } from "./syscall.js";

const SIGSET_SIZE = 8;
/** What poll reports even when not asked for. */
const ALWAYS = POLLERR | POLLHUP | POLLNVAL;

interface PollCall {
  deadlineNs: number | null;
  /** The mask to put back when the call returns without a handler running. */
  restoreMask: bigint | null;
}

function readTimeout(k: Kernel, t: Task, addr: number): number | null | -1 {
  if (addr === 0) return null;
  const raw = t.mm.read(addr, 16);
  if (typeof raw === "number") return -EFAULT;
  const v = new DataView(raw.buffer, raw.byteOffset, 16);
  const sec = Number(v.getBigInt64(0, true));
  const nsec = Number(v.getBigInt64(8, true));
  if (sec < 0 || nsec < 0 || nsec >= NSEC_PER_SEC) return -EINVAL;
  return k.clock.monotonicNs() + sec * NSEC_PER_SEC + nsec;
}

/** The first attempt: timeout and temporary mask; later attempts reuse them. */
function begin(k: Kernel, t: Task, timeoutAddr: number, maskAddr: number, maskSize: number): PollCall | number {
  if (t.syscallState) return t.syscallState as PollCall;
  const deadlineNs = readTimeout(k, t, timeoutAddr);
  if (deadlineNs !== null && deadlineNs < 0) return deadlineNs;
  let restoreMask: bigint | null = null;
  if (maskAddr !== 0) {
    if (maskSize !== SIGSET_SIZE) return -EINVAL;
    const m = t.mm.readU64(maskAddr);
    if (typeof m === "number") return -EFAULT;
    restoreMask = t.sigMask;
    t.savedSigMask = t.sigMask;
    t.sigMask = m & ~UNBLOCKABLE;
  }
  const call = { deadlineNs, restoreMask };
  t.syscallState = call;
  return call;
}

/** The call returns: the temporary mask goes (unless a handler's sigreturn will restore it). */
function finish(t: Task, call: PollCall, result: number): number {
  if (call.restoreMask !== null) {
    t.sigMask = call.restoreMask;
    t.savedSigMask = null;
  }
  return result;
}

function sleep(call: PollCall, queues: WaitQueue[]): Blocked {
  return new Blocked(queues, call.deadlineNs).withRestart(RESTART_NOHAND);
}

function expired(k: Kernel, call: PollCall): boolean {
  return call.deadlineNs !== null && k.clock.monotonicNs() >= call.deadlineNs;
}

function ppoll(k: Kernel, t: Task, fdsAddr: number, nfds: number, tmo: number, mask: number, size: number): SyscallResult {
  if (nfds > rlimitNumber(t.rlimits[RLIMIT_NOFILE].cur)) return -EINVAL;
  const call = begin(k, t, tmo, mask, size);
  if (typeof call === "number") return call;
  const raw = nfds === 0 ? new Uint8Array(0) : t.mm.read(fdsAddr, nfds * 8);
  if (typeof raw === "number") return finish(t, call, -EFAULT);
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const queues: WaitQueue[] = [];
  let ready = 0;
  for (let i = 0; i < nfds; i++) {
    const fd = v.getInt32(i * 8, true);
    const events = v.getInt16(i * 8 + 4, true) & 0xffff;
    let revents = 0;
    if (fd >= 0) {
      const f = t.files.get(fd);
      if (!f) revents = POLLNVAL;
      else {
        const st = f.poll();
        revents = st.events & (events | ALWAYS);
        queues.push(...st.queues);
      }
    }
    v.setInt16(i * 8 + 6, revents, true);
    if (revents !== 0) ready++;
  }
  if (ready === 0 && !expired(k, call)) return sleep(call, queues);
  if (nfds > 0 && t.mm.write(fdsAddr, raw) < 0) return finish(t, call, -EFAULT);
  return finish(t, call, ready);
}

const SELECT_IN = POLLRDNORM | POLLIN | POLLHUP | POLLERR;
const SELECT_OUT = POLLWRNORM | POLLOUT | POLLERR;
const SELECT_EX = POLLPRI;

function readSet(t: Task, addr: number, bytes: number): Uint8Array | null | number {
  if (addr === 0) return null;
  const r = t.mm.read(addr, bytes);
  return typeof r === "number" ? -EFAULT : r.slice();
}

function pselect6(k: Kernel, t: Task, a: Float64Array): SyscallResult {
  const n = int32(a[0]);
  if (n < 0) return -EINVAL;
  const nfds = Math.min(n, rlimitNumber(t.rlimits[RLIMIT_NOFILE].cur));
  const bytes = Math.ceil(nfds / 64) * 8;
  // The sixth argument points to { const sigset_t *ss; size_t ss_len; }.
  let maskAddr = 0;
  let maskSize = SIGSET_SIZE;
  if (a[5] !== 0 && !t.syscallState) {
    const pair = t.mm.read(a[5], 16);
    if (typeof pair === "number") return -EFAULT;
    const pv = new DataView(pair.buffer, pair.byteOffset, 16);
    maskAddr = Number(pv.getBigUint64(0, true));
    maskSize = Number(pv.getBigUint64(8, true));
  }
  const call = begin(k, t, a[4], maskAddr, maskSize);
  if (typeof call === "number") return call;
  const sets = [a[1], a[2], a[3]].map((addr) => readSet(t, addr, bytes));
  if (sets.some((s) => typeof s === "number")) return finish(t, call, -EFAULT);
  const [inS, outS, exS] = sets as (Uint8Array | null)[];
  const outSets = [inS, outS, exS].map((s) => (s ? new Uint8Array(s.length) : null));
  const queues: WaitQueue[] = [];
  let ready = 0;
  for (let fd = 0; fd < nfds; fd++) {
    const bit = (s: Uint8Array | null): boolean => s !== null && (s[fd >> 3] & (1 << (fd & 7))) !== 0;
    if (!bit(inS) && !bit(outS) && !bit(exS)) continue;
    const f: OpenFile | null = t.files.get(fd);
    if (!f) return finish(t, call, -EBADF);
    const st = f.poll();
    queues.push(...st.queues);
    const hits = [bit(inS) && (st.events & SELECT_IN) !== 0, bit(outS) && (st.events & SELECT_OUT) !== 0,
      bit(exS) && (st.events & SELECT_EX) !== 0];
    hits.forEach((hit, i) => {
      const o = outSets[i];
      if (hit && o) {
        o[fd >> 3] |= 1 << (fd & 7);
        ready++;
      }
    });
  }
  if (ready === 0 && !expired(k, call)) return sleep(call, queues);
  for (let i = 0; i < 3; i++) {
    const o = outSets[i];
    if (o && t.mm.write(a[1 + i], o) < 0) return finish(t, call, -EFAULT);
  }
  writeRemaining(k, t, a[4], call);
  return finish(t, call, ready);
}

/** pselect6 reports the time left in its timeout argument, as Linux does. */
function writeRemaining(k: Kernel, t: Task, addr: number, call: PollCall): void {
  if (addr === 0 || call.deadlineNs === null) return;
  const left = Math.max(0, call.deadlineNs - k.clock.monotonicNs());
  const b = new Uint8Array(16);
  const v = new DataView(b.buffer);
  v.setBigInt64(0, BigInt(Math.floor(left / NSEC_PER_SEC)), true);
  v.setBigInt64(8, BigInt(left % NSEC_PER_SEC), true);
  t.mm.write(addr, b);
}

export const pollSyscalls: SyscallDef[] = [
  {
    nr: SYS.SYS_ppoll, args: "xuxxu",
    fn: (k, t, a) => ppoll(k, t, a[0], unsigned(a[1]), a[2], a[3], unsigned(a[4])),
  },
  { nr: SYS.SYS_pselect6, args: "dxxxxx", fn: pselect6 },
];
