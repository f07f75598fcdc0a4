// getsockopt/setsockopt at SOL_SOCKET for AF_UNIX sockets (net/core/sock.c
// sk_getsockopt / sk_setsockopt). Flag options that change nothing here are
// remembered so that they read back as set.
import { EFAULT, EINVAL, ENOPROTOOPT } from "../kernel/errno.js";
import type { Task } from "../kernel/task.js";
import { AF_UNIX } from "./unix-address.js";
import { DEFAULT_BUF, type UnixSocket } from "./unix-socket.js";

export const SOL_SOCKET = 1;
const SO_REUSEADDR = 2;
const SO_TYPE = 3;
const SO_ERROR = 4;
const SO_DONTROUTE = 5;
const SO_BROADCAST = 6;
const SO_SNDBUF = 7;
const SO_RCVBUF = 8;
const SO_KEEPALIVE = 9;
const SO_OOBINLINE = 10;
const SO_PASSCRED = 16;
const SO_PEERCRED = 17;
const SO_ACCEPTCONN = 30;
const SO_PROTOCOL = 38;
const SO_DOMAIN = 39;
/** SOCK_MIN_SNDBUF / SOCK_MIN_RCVBUF as on 64-bit Linux. */
const MIN_SNDBUF = 4608;
const MIN_RCVBUF = 2304;
/** overflowuid/overflowgid: what SO_PEERCRED reports without a peer. */
const OVERFLOW_ID = 65534;

const REMEMBERED = new Set([SO_REUSEADDR, SO_DONTROUTE, SO_BROADCAST, SO_KEEPALIVE, SO_OOBINLINE]);
const flagOptions = new WeakMap<UnixSocket, Map<number, number>>();

function intValue(s: UnixSocket, name: number): number | null {
  switch (name) {
    case SO_TYPE:
      return s.type;
    case SO_ERROR: {
      const e = s.err;
      s.err = 0;
      return e;
    }
    case SO_SNDBUF:
      return s.sndbuf;
    case SO_RCVBUF:
      return s.rcvbuf;
    case SO_PASSCRED:
      return s.passcred ? 1 : 0;
    case SO_ACCEPTCONN:
      return s.state === "listening" ? 1 : 0;
    case SO_DOMAIN:
      return AF_UNIX;
    case SO_PROTOCOL:
      return 0;
    default:
      return REMEMBERED.has(name) ? (flagOptions.get(s)?.get(name) ?? 0) : null;
  }
}

/** The option's bytes: an int, or struct ucred for SO_PEERCRED. */
function optionBytes(s: UnixSocket, name: number): Uint8Array | null {
  if (name === SO_PEERCRED) {
    const c = s.peerCred;
    const b = new Uint8Array(12);
    const v = new DataView(b.buffer);
    v.setInt32(0, c ? c.pid : 0, true);
    v.setUint32(4, c ? c.uid : OVERFLOW_ID, true);
    v.setUint32(8, c ? c.gid : OVERFLOW_ID, true);
    return b;
  }
  const x = intValue(s, name);
  if (x === null) return null;
  const b = new Uint8Array(4);
  new DataView(b.buffer).setInt32(0, x, true);
  return b;
}

export function getSocketOption(t: Task, s: UnixSocket, name: number, valAddr: number, lenAddr: number): number {
  const len = t.mm.readU32(lenAddr);
  if (len < 0) return -EFAULT;
  if ((len | 0) < 0) return -EINVAL;
  const bytes = optionBytes(s, name);
  if (bytes === null) return -ENOPROTOOPT;
  // Linux copies at most what the caller has room for and reports that length.
  const n = Math.min(len, bytes.length);
  if (n > 0 && t.mm.write(valAddr, bytes.subarray(0, n)) < 0) return -EFAULT;
  return t.mm.writeU32(lenAddr, n) < 0 ? -EFAULT : 0;
}

/** The doubled, clamped size SO_SNDBUF/SO_RCVBUF store (sk_setsockopt). */
function bufSize(val: number, min: number): number {
  const v = Math.min(val >>> 0 > 0x7fffffff ? 0x7fffffff : val, DEFAULT_BUF);
  return Math.max(v * 2, min);
}

export function setSocketOption(t: Task, s: UnixSocket, name: number, valAddr: number, len: number): number {
  if (len < 4) return name === SO_PEERCRED ? -ENOPROTOOPT : -EINVAL;
  const raw = t.mm.readU32(valAddr);
  if (raw < 0) return -EFAULT;
  const val = raw | 0;
  switch (name) {
    case SO_SNDBUF:
      s.sndbuf = bufSize(Math.max(val, 0), MIN_SNDBUF);
      s.wq.notifyAll();
      return 0;
    case SO_RCVBUF:
      s.rcvbuf = bufSize(Math.max(val, 0), MIN_RCVBUF);
      return 0;
    case SO_PASSCRED:
      s.passcred = val !== 0;
      return 0;
    default:
      if (!REMEMBERED.has(name)) return -ENOPROTOOPT;
      if (!flagOptions.has(s)) flagOptions.set(s, new Map());
      flagOptions.get(s)?.set(name, val !== 0 ? 1 : 0);
      return 0;
  }
}
