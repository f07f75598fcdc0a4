// The socket calls (net/socket.c) for the one family Aramid has: AF_UNIX
// (net/unix/af_unix.c). Other families answer EAFNOSUPPORT.
import { S_IFMT, S_IFSOCK } from "../../fs/types.js";
import { O_CLOEXEC, O_NONBLOCK, O_RDWR } from "../../fs/open-file.js";
import { MAY_WRITE, newOwner, permission } from "../../fs/permission.js";
import { buildControl, InFlight, MSG_CTRUNC, parseControl } from "../../net/control-messages.js";
import { getSocketOption, setSocketOption, SOL_SOCKET } from "../../net/socket-options.js";
import { AF_UNIX, AF_UNSPEC, encodeUnixAddress, parseUnixAddress, type UnixAddress } from "../../net/unix-address.js";
import {
  autobindName, bindAbstract, bindInode, findAbstract, findByInode,
} from "../../net/unix-registry.js";
import {
  credsOf, sendWithProgress, SOCK_DGRAM, SOCK_SEQPACKET, SOCK_STREAM, UnixSocket, type Received,
} from "../../net/unix-socket.js";
import {
  EADDRINUSE, EAFNOSUPPORT, EBADF, ECONNREFUSED, EEXIST, EFAULT, EINVAL, EMSGSIZE, ENOENT, ENOTCONN, ENOTSOCK,
  EISCONN, EOPNOTSUPP, EPROTONOSUPPORT, EPROTOTYPE, ESOCKTNOSUPPORT,
} from "../errno.js";
import type { Kernel } from "../kernel.js";
import { RLIMIT_NOFILE, rlimitNumber } from "../rlimits.js";
import type { Task } from "../task.js";
import { Blocked } from "../wait.js";
import { mayCreate, parentOfPath } from "./fs-common.js";
import * as SYS from "./numbers.js";
import { AT_FDCWD, lookupAt } from "./path-args.js";
import { pipeKernel } from "./pipe.js";
import { type IoVec, readIovecs as readIoVectors } from "./io.js";
import { int32, uint32, unsigned, type SyscallDef, type SyscallResult } from "./syscall.js";

const SOCK_RAW = 3;
const SOCK_MAX = 11;
const SOCK_TYPE_MASK = 0xf;
const SOCK_CLOEXEC = O_CLOEXEC;
const SOCK_NONBLOCK = O_NONBLOCK;
const NPROTO = 46;
const SOMAXCONN = 4096;
const SOCKADDR_STORAGE = 128;
const MSG_OOB = 1;
const MSG_PEEK = 2;
const MSG_TRUNC = 0x20;
const MSG_DONTWAIT = 0x40;
const MSG_NOSIGNAL = 0x4000;
const MSG_CMSG_CLOEXEC = 0x40000000;
const UIO_MAXIOV = 1024;
const MSGHDR_SIZE = 56;
/** The largest receive buffer made for one call (a stream read returns what is there). */
const RECV_CHUNK = 1 << 22;

function nofile(t: Task): number {
  return rlimitNumber(t.rlimits[RLIMIT_NOFILE].cur);
}

function sockOf(t: Task, fd: number): UnixSocket | number {
  const f = t.files.get(fd);
  if (!f) return -EBADF;
  return f instanceof UnixSocket ? f : -ENOTSOCK;
}

/** __sock_create and unix_create's checks, in their order; the type without flags. */
function checkCreate(domain: number, type: number, protocol: number): number {
  if ((type & ~(SOCK_TYPE_MASK | SOCK_CLOEXEC | SOCK_NONBLOCK)) !== 0) return -EINVAL;
  if (domain < 0 || domain >= NPROTO) return -EAFNOSUPPORT;
  const base = type & SOCK_TYPE_MASK;
  if (base >= SOCK_MAX) return -EINVAL;
  if (domain !== AF_UNIX) return -EAFNOSUPPORT;
  if (protocol !== 0 && protocol !== AF_UNIX) return -EPROTONOSUPPORT;
  if (base === SOCK_RAW) return SOCK_DGRAM; // unix_create treats SOCK_RAW as SOCK_DGRAM
  if (base !== SOCK_STREAM && base !== SOCK_DGRAM && base !== SOCK_SEQPACKET) return -ESOCKTNOSUPPORT;
  return base;
}

function newSocket(k: Kernel, t: Task, type: number, flags: number): UnixSocket {
  return new UnixSocket(type, flags & SOCK_NONBLOCK, credsOf(t), pipeKernel(k));
}

function socket(k: Kernel, t: Task, domain: number, type: number, protocol: number): number {
  const base = checkCreate(domain, type, protocol);
  if (base < 0) return base;
  return t.files.install(newSocket(k, t, base, type), (type & SOCK_CLOEXEC) !== 0, nofile(t));
}

function socketpair(k: Kernel, t: Task, domain: number, type: number, protocol: number, sv: number): number {
  const base = checkCreate(domain, type, protocol);
  if (base < 0) return base;
  const a = newSocket(k, t, base, type);
  const b = newSocket(k, t, base, type);
  UnixSocket.link(a, b);
  const cloexec = (type & SOCK_CLOEXEC) !== 0;
  const fa = t.files.install(a, cloexec, nofile(t));
  if (fa < 0) return fa;
  const fb = t.files.install(b, cloexec, nofile(t));
  if (fb < 0) {
    t.files.close(fa);
    return fb;
  }
  const out = new Uint8Array(8);
  const v = new DataView(out.buffer);
  v.setInt32(0, fa, true);
  v.setInt32(4, fb, true);
  if (t.mm.write(sv, out) < 0) {
    t.files.close(fa);
    t.files.close(fb);
    return -EFAULT;
  }
  return 0;
}

/** move_addr_to_kernel: the address bytes, or an errno. */
function readAddr(t: Task, addr: number, len: number): Uint8Array | number {
  if (len < 0 || len > SOCKADDR_STORAGE) return -EINVAL;
  if (len === 0) return new Uint8Array(0);
  const raw = t.mm.read(addr, len);
  return typeof raw === "number" ? -EFAULT : raw.slice();
}

/** move_addr_to_user: copies what fits and reports the full length. */
function writeAddr(t: Task, addr: number, lenAddr: number, bytes: Uint8Array): number {
  if (addr === 0 || lenAddr === 0) return 0;
  const len = t.mm.readU32(lenAddr);
  if (len < 0) return -EFAULT;
  if ((len | 0) < 0) return -EINVAL;
  const n = Math.min(len, bytes.length);
  if (n > 0 && t.mm.write(addr, bytes.subarray(0, n)) < 0) return -EFAULT;
  return t.mm.writeU32(lenAddr, bytes.length) < 0 ? -EFAULT : 0;
}

/** unix_find_other: the socket bound to a name. */
function findSocket(t: Task, a: UnixAddress, type: number): UnixSocket | number {
  if (a.kind === "autobind") return -EINVAL;
  if (a.kind === "abstract") return findAbstract(a.name, type) ?? -ECONNREFUSED;
  const d = lookupAt(t, AT_FDCWD, a.path, true);
  if (typeof d === "number") return d;
  const denied = permission(d.inode, MAY_WRITE, t.creds);
  if (denied < 0) return denied;
  if ((d.inode.mode & S_IFMT) !== S_IFSOCK) return -ECONNREFUSED;
  const s = findByInode(d.inode);
  if (!s) return -ECONNREFUSED;
  return s.type === type ? s : -EPROTOTYPE;
}

function bindPath(t: Task, s: UnixSocket, a: UnixAddress & { kind: "path" }): number {
  const p = parentOfPath(t, AT_FDCWD, a.path);
  if (typeof p === "number") return p;
  const existing = p.dir.inode.lookup(p.name);
  if (typeof existing !== "number") return -EADDRINUSE;
  if (existing !== -ENOENT) return existing;
  // unix_bind_bsd makes the node before it notices the socket is already bound.
  if (s.addr !== null) return -EINVAL;
  const ok = mayCreate(t, p.dir);
  if (ok < 0) return ok;
  const inode = p.dir.inode.create(p.name, S_IFSOCK | (0o777 & ~t.fs.umask), 0, newOwner(p.dir.inode, t.creds));
  if (typeof inode === "number") return inode === -EEXIST ? -EADDRINUSE : inode;
  bindInode(inode, s);
  s.inode_ = inode;
  s.addr = a;
  return 0;
}

function bindTo(t: Task, s: UnixSocket, a: UnixAddress): number {
  if (a.kind === "path") return bindPath(t, s, a);
  if (s.addr !== null) return -EINVAL;
  const name = a.kind === "abstract" ? a.name : autobindName(s.type);
  if (!bindAbstract(name, s)) return -EADDRINUSE;
  s.addr = { kind: "abstract", name };
  return 0;
}

/** unix_autobind for a sender or connector that wants credentials passed (SO_PASSCRED). */
function autobindIfNeeded(t: Task, s: UnixSocket): void {
  if (s.passcred && s.addr === null) bindTo(t, s, { kind: "autobind" });
}

function bind(t: Task, fd: number, addr: number, len: number): number {
  const s = sockOf(t, fd);
  if (typeof s === "number") return s;
  const raw = readAddr(t, addr, len);
  if (typeof raw === "number") return raw;
  const a = parseUnixAddress(raw);
  if (typeof a === "number") return a;
  return bindTo(t, s, a);
}

function listen(t: Task, fd: number, backlog: number): number {
  const s = sockOf(t, fd);
  if (typeof s === "number") return s;
  if (s.type === SOCK_DGRAM) return -EOPNOTSUPP;
  if (s.addr === null || s.state === "connected") return -EINVAL;
  s.maxBacklog = backlog >>> 0 > SOMAXCONN ? SOMAXCONN : backlog;
  // SO_PEERCRED of a listener, and of every client it accepts, is the listen()er's (init_peercred).
  s.peerCred = credsOf(t);
  s.state = "listening";
  s.wq.notifyAll();
  return 0;
}

function connect(t: Task, fd: number, addr: number, len: number): SyscallResult {
  const s = sockOf(t, fd);
  if (typeof s === "number") return s;
  const raw = readAddr(t, addr, len);
  if (typeof raw === "number") return raw;
  if (s.type === SOCK_DGRAM && raw.length >= 2 && (raw[0] | (raw[1] << 8)) === AF_UNSPEC) {
    s.peer = null; // dissolve the association
    return 0;
  }
  const a = parseUnixAddress(raw);
  if (typeof a === "number") return a;
  if (a.kind === "autobind") return -EINVAL;
  const target = findSocket(t, a, s.type);
  if (typeof target === "number") return target;
  autobindIfNeeded(t, s);
  if (s.type === SOCK_DGRAM) {
    if (target.type !== s.type) return -EPROTOTYPE;
    s.peer = target;
    return 0;
  }
  return s.connectTo(target, false, credsOf(t));
}

function accept4(t: Task, fd: number, addr: number, lenAddr: number, flags: number): SyscallResult {
  if ((flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK)) !== 0) return -EINVAL;
  const s = sockOf(t, fd);
  if (typeof s === "number") return s;
  if (s.type === SOCK_DGRAM) return -EOPNOTSUPP;
  const r = s.accept(false);
  if (typeof r === "number" || r instanceof Blocked) return r;
  r.flags = O_RDWR | (flags & SOCK_NONBLOCK);
  const nfd = t.files.install(r, (flags & SOCK_CLOEXEC) !== 0, nofile(t));
  if (nfd < 0) return nfd;
  const w = writeAddr(t, addr, lenAddr, encodeUnixAddress(r.peer?.addr ?? null));
  if (w < 0) {
    t.files.close(nfd);
    return w;
  }
  return nfd;
}

function sockName(t: Task, fd: number, addr: number, lenAddr: number, peer: boolean): number {
  const s = sockOf(t, fd);
  if (typeof s === "number") return s;
  if (peer && (s.peer === null || s.state === "listening")) return -ENOTCONN;
  return writeAddr(t, addr, lenAddr, encodeUnixAddress(peer ? (s.peer as UnixSocket).addr : s.addr));
}

function shutdown(t: Task, fd: number, how: number): number {
  const s = sockOf(t, fd);
  if (typeof s === "number") return s;
  if (how < 0 || how > 2) return -EINVAL;
  s.shutdown(how);
  return 0;
}

// ---- sending ----

interface Outgoing {
  data: Uint8Array;
  to: UnixSocket | null;
  files: InFlight | null;
  creds: { pid: number; uid: number; gid: number } | null;
}

/** The destination named by a send's address: ignored by seqpacket, refused by stream. */
function sendTarget(t: Task, s: UnixSocket, raw: Uint8Array): UnixSocket | null | number {
  if (raw.length === 0 || s.type === SOCK_SEQPACKET) return null;
  if (s.type === SOCK_STREAM) return s.state === "connected" ? -EISCONN : -EOPNOTSUPP;
  const a = parseUnixAddress(raw);
  if (typeof a === "number") return a;
  return findSocket(t, a, s.type);
}

function doSend(t: Task, s: UnixSocket, o: Outgoing, flags: number): SyscallResult {
  const early = (flags & MSG_OOB) !== 0 ? -EOPNOTSUPP : s.type === SOCK_SEQPACKET && s.state !== "connected" ? -ENOTCONN : 0;
  if (early < 0) {
    o.files?.drop();
    return early;
  }
  autobindIfNeeded(t, s);
  const r = sendWithProgress(t, s, o.data, {
    to: o.to, rights: o.files, creds: o.creds ?? credsOf(t), nonblock: (flags & MSG_DONTWAIT) !== 0,
  }, (flags & MSG_NOSIGNAL) === 0);
  return r;
}

function sendto(t: Task, fd: number, buf: number, len: number, flags: number, addr: number, alen: number): SyscallResult {
  const s = sockOf(t, fd);
  if (typeof s === "number") return s;
  const data = len === 0 ? new Uint8Array(0) : t.mm.read(buf, len);
  if (typeof data === "number") return -EFAULT;
  const raw = readAddr(t, addr, alen);
  if (typeof raw === "number") return raw;
  const to = sendTarget(t, s, raw);
  if (typeof to === "number") return to;
  return doSend(t, s, { data: data.slice(), to, files: null, creds: null }, flags);
}

interface MsgHdr {
  name: number;
  namelen: number;
  iov: number;
  iovlen: number;
  control: number;
  controllen: number;
}

function readMsgHdr(t: Task, addr: number): MsgHdr | number {
  const raw = t.mm.read(addr, MSGHDR_SIZE);
  if (typeof raw === "number") return -EFAULT;
  const v = new DataView(raw.buffer, raw.byteOffset, MSGHDR_SIZE);
  return {
    name: Number(v.getBigUint64(0, true)), namelen: v.getInt32(8, true), iov: Number(v.getBigUint64(16, true)),
    iovlen: Number(v.getBigUint64(24, true)), control: Number(v.getBigUint64(32, true)),
    controllen: Number(v.getBigUint64(40, true)),
  };
}

/** msg_iov: import_iovec as for readv/writev, but too many vectors is EMSGSIZE here. */
function readIovecs(t: Task, m: MsgHdr): IoVec[] | number {
  if (m.iovlen > UIO_MAXIOV) return -EMSGSIZE;
  return readIoVectors(t, m.iov, m.iovlen);
}

function gatherIovecs(t: Task, vecs: IoVec[]): Uint8Array | number {
  const total = vecs.reduce((n, x) => n + x.len, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const x of vecs) {
    if (x.len === 0) continue;
    const b = t.mm.read(x.base, x.len);
    if (typeof b === "number") return -EFAULT;
    out.set(b, at);
    at += x.len;
  }
  return out;
}

function sendmsg(t: Task, fd: number, msgAddr: number, flags: number): SyscallResult {
  const s = sockOf(t, fd);
  if (typeof s === "number") return s;
  const m = readMsgHdr(t, msgAddr);
  if (typeof m === "number") return m;
  const vecs = readIovecs(t, m);
  if (typeof vecs === "number") return vecs;
  const data = gatherIovecs(t, vecs);
  if (typeof data === "number") return data;
  const raw = m.name === 0 ? new Uint8Array(0) : readAddr(t, m.name, m.namelen);
  if (typeof raw === "number") return raw;
  let files: InFlight | null = null;
  let creds = null;
  // Parsed on every attempt: a send that waited gave up the descriptions it held.
  if (m.controllen > 0) {
    const cbuf = t.mm.read(m.control, m.controllen);
    if (typeof cbuf === "number") return -EFAULT;
    const c = parseControl(t, cbuf);
    if (typeof c === "number") return c;
    if (c.files.length > 0) files = new InFlight(c.files);
    creds = c.creds;
  }
  const to = sendTarget(t, s, raw);
  if (typeof to === "number") {
    files?.drop();
    return to;
  }
  return doSend(t, s, { data, to, files, creds }, flags);
}

// ---- receiving ----

function doRecv(s: UnixSocket, want: number, flags: number): { buf: Uint8Array; r: Received } | number | Blocked {
  if ((flags & MSG_OOB) !== 0) return -EINVAL;
  const buf = new Uint8Array(Math.min(want, RECV_CHUNK));
  const r = s.recv(buf, (flags & MSG_PEEK) !== 0, (flags & MSG_DONTWAIT) !== 0);
  if (typeof r === "number" || r instanceof Blocked) return r;
  return { buf, r };
}

/** The sender's name as recvfrom reports it: nothing (length 0) for an unnamed sender. */
function fromAddress(r: Received): Uint8Array {
  return r.from?.addr ? encodeUnixAddress(r.from.addr) : new Uint8Array(0);
}

function resultLength(s: UnixSocket, r: Received, flags: number): number {
  return s.type !== SOCK_STREAM && (flags & MSG_TRUNC) !== 0 ? r.full : r.n;
}

function recvfrom(t: Task, fd: number, buf: number, len: number, flags: number, addr: number, lenAddr: number): SyscallResult {
  const s = sockOf(t, fd);
  if (typeof s === "number") return s;
  const got = doRecv(s, len, flags);
  if (typeof got === "number" || got instanceof Blocked) return got;
  for (const f of got.r.rights) f.drop();
  if (got.r.n > 0 && t.mm.write(buf, got.buf.subarray(0, got.r.n)) < 0) return -EFAULT;
  const w = writeAddr(t, addr, lenAddr, fromAddress(got.r));
  return w < 0 ? w : resultLength(s, got.r, flags);
}

function scatter(t: Task, vecs: IoVec[], data: Uint8Array): number {
  let at = 0;
  for (const x of vecs) {
    if (at >= data.length) break;
    const n = Math.min(x.len, data.length - at);
    if (n > 0 && t.mm.write(x.base, data.subarray(at, at + n)) < 0) return -EFAULT;
    at += n;
  }
  return 0;
}

function recvmsg(t: Task, fd: number, msgAddr: number, flags: number): SyscallResult {
  const s = sockOf(t, fd);
  if (typeof s === "number") return s;
  const m = readMsgHdr(t, msgAddr);
  if (typeof m === "number") return m;
  const vecs = readIovecs(t, m);
  if (typeof vecs === "number") return vecs;
  const got = doRecv(s, vecs.reduce((n, x) => n + x.len, 0), flags);
  if (typeof got === "number" || got instanceof Blocked) return got;
  const { buf, r } = got;
  if (scatter(t, vecs, buf.subarray(0, r.n)) < 0) return -EFAULT;
  const peek = (flags & MSG_PEEK) !== 0;
  const creds = s.passcred ? r.creds : null;
  const rights = peek ? [] : r.rights;
  const ctl = buildControl(t, m.control === 0 ? 0 : m.controllen, creds, rights, (flags & MSG_CMSG_CLOEXEC) !== 0);
  if (ctl.bytes.length > 0 && t.mm.write(m.control, ctl.bytes) < 0) return -EFAULT;
  const name = fromAddress(r);
  const nameLen = m.name === 0 ? 0 : Math.min(name.length, Math.max(m.namelen, 0));
  if (nameLen > 0 && t.mm.write(m.name, name.subarray(0, nameLen)) < 0) return -EFAULT;
  const hdr = new DataView(new ArrayBuffer(8));
  hdr.setInt32(0, m.name === 0 ? 0 : name.length, true);
  if (t.mm.write(msgAddr + 8, new Uint8Array(hdr.buffer, 0, 4)) < 0) return -EFAULT;
  hdr.setBigUint64(0, BigInt(ctl.bytes.length), true);
  if (t.mm.write(msgAddr + 40, new Uint8Array(hdr.buffer)) < 0) return -EFAULT;
  // ____sys_recvmsg starts msg_flags from the call's MSG_CMSG_CLOEXEC.
  const msgFlags = (flags & MSG_CMSG_CLOEXEC) | (r.truncated ? MSG_TRUNC : 0) | (ctl.flags & MSG_CTRUNC);
  if (t.mm.writeU32(msgAddr + 48, msgFlags) < 0) return -EFAULT;
  return resultLength(s, r, flags);
}

function getsockopt(t: Task, fd: number, level: number, name: number, val: number, lenAddr: number): number {
  const s = sockOf(t, fd);
  if (typeof s === "number") return s;
  if (level !== SOL_SOCKET) return -EOPNOTSUPP;
  return getSocketOption(t, s, name, val, lenAddr);
}

function setsockopt(t: Task, fd: number, level: number, name: number, val: number, len: number): number {
  const s = sockOf(t, fd);
  if (typeof s === "number") return s;
  if (level !== SOL_SOCKET) return -EOPNOTSUPP;
  return setSocketOption(t, s, name, val, len);
}

export const socketSyscalls: SyscallDef[] = [
  { nr: SYS.SYS_socket, args: "dxd", fn: (k, t, a) => socket(k, t, int32(a[0]), int32(a[1]), int32(a[2])) },
  {
    nr: SYS.SYS_socketpair, args: "dxdx",
    fn: (k, t, a) => socketpair(k, t, int32(a[0]), int32(a[1]), int32(a[2]), a[3]),
  },
  { nr: SYS.SYS_bind, args: "dxd", fn: (_k, t, a) => bind(t, int32(a[0]), a[1], int32(a[2])) },
  { nr: SYS.SYS_listen, args: "dd", fn: (_k, t, a) => listen(t, int32(a[0]), int32(a[1])) },
  { nr: SYS.SYS_connect, args: "dxd", fn: (_k, t, a) => connect(t, int32(a[0]), a[1], int32(a[2])) },
  { nr: SYS.SYS_accept, args: "dxx", fn: (_k, t, a) => accept4(t, int32(a[0]), a[1], a[2], 0) },
  { nr: SYS.SYS_accept4, args: "dxxx", fn: (_k, t, a) => accept4(t, int32(a[0]), a[1], a[2], int32(a[3])) },
  { nr: SYS.SYS_getsockname, args: "dxx", fn: (_k, t, a) => sockName(t, int32(a[0]), a[1], a[2], false) },
  { nr: SYS.SYS_getpeername, args: "dxx", fn: (_k, t, a) => sockName(t, int32(a[0]), a[1], a[2], true) },
  {
    nr: SYS.SYS_sendto, args: "dxuxxd",
    fn: (_k, t, a) => sendto(t, int32(a[0]), a[1], unsigned(a[2]), uint32(a[3]), a[4], int32(a[5])),
  },
  {
    nr: SYS.SYS_recvfrom, args: "dxuxxx",
    fn: (_k, t, a) => recvfrom(t, int32(a[0]), a[1], unsigned(a[2]), uint32(a[3]), a[4], a[5]),
  },
  { nr: SYS.SYS_sendmsg, args: "dxx", fn: (_k, t, a) => sendmsg(t, int32(a[0]), a[1], uint32(a[2])) },
  { nr: SYS.SYS_recvmsg, args: "dxx", fn: (_k, t, a) => recvmsg(t, int32(a[0]), a[1], uint32(a[2])) },
  { nr: SYS.SYS_shutdown, args: "dd", fn: (_k, t, a) => shutdown(t, int32(a[0]), int32(a[1])) },
  {
    nr: SYS.SYS_getsockopt, args: "ddxxx",
    fn: (_k, t, a) => getsockopt(t, int32(a[0]), int32(a[1]), int32(a[2]), a[3], a[4]),
  },
  {
    nr: SYS.SYS_setsockopt, args: "ddxxd",
    fn: (_k, t, a) => setsockopt(t, int32(a[0]), int32(a[1]), int32(a[2]), a[3], int32(a[4])),
  },
];
