// AF_UNIX sockets (net/unix/af_unix.c): stream, datagram and seqpacket.
// Each socket has a receive queue of messages; a sender charges what it
// queued at the receiver to its own send buffer until it is read, which is
// what makes writers wait (and poll report EPOLLOUT) as in Linux. A stream
// connect creates the server's socket at once and queues it on the
// listener, so data can flow before accept(), as in Linux.
import {
  EAGAIN, ECONNREFUSED, ECONNRESET, EFAULT, EINVAL, EISCONN, EMSGSIZE, ENOTCONN, ENOTTY, EOPNOTSUPP, EPERM, EPIPE,
  EPROTOTYPE,
} from "../kernel/errno.js";
import type { Task } from "../kernel/task.js";
import { Blocked, WaitQueue } from "../kernel/wait.js";
import type { Inode } from "../fs/inode.js";
import { O_NONBLOCK, O_RDWR, OpenFile, type IoResult } from "../fs/open-file.js";
import type { PipeKernel } from "../fs/pipe.js";
import { POLLERR, POLLHUP, POLLIN, POLLOUT, POLLRDHUP, POLLRDNORM, POLLWRBAND, POLLWRNORM, type PollState } from "../fs/poll-events.js";
import { fsNow } from "../fs/fs-clock.js";
import { makeDev, S_IFSOCK, type Stat } from "../fs/types.js";
import type { UnixAddress } from "./unix-address.js";
import { unbindAbstract, unbindInode } from "./unix-registry.js";
import { type InFlight, UnixMessage, type UnixCreds } from "./unix-message.js";

export const SOCK_STREAM = 1;
export const SOCK_DGRAM = 2;
export const SOCK_SEQPACKET = 5;
export const RCV_SHUTDOWN = 1;
export const SEND_SHUTDOWN = 2;
const SHUTDOWN_MASK = 3;
/** net.core.wmem_default / rmem_default. */
export const DEFAULT_BUF = 212992;
/** net.unix.max_dgram_qlen: a datagram receiver not connected back to the sender takes this many. */
const MAX_DGRAM_QLEN = 10;
const SOCKFS_DEV = makeDev(0, 0x08);
const SIOCINQ = 0x541b;
const SIOCOUTQ = 0x5411;
let nextIno = 0x10000;

export type SocketState = "unconnected" | "listening" | "connected";

/** What a receive handed back beyond the bytes. */
export interface Received {
  n: number;
  /** The whole datagram's length (recv with MSG_TRUNC returns it). */
  full: number;
  from: UnixSocket | null;
  creds: UnixCreds | null;
  rights: InFlight[];
  truncated: boolean;
}

/** A send that must wait, with how much of a stream it queued before that. */
export class SendBlocked {
  constructor(
    readonly blocked: Blocked,
    readonly sent: number,
  ) {}
}

export interface SendOptions {
  to: UnixSocket | null;
  rights: InFlight | null;
  creds: UnixCreds;
  nonblock: boolean;
}

export class UnixSocket extends OpenFile {
  state: SocketState = "unconnected";
  addr: UnixAddress | null = null;
  /** The filesystem node bind created, for unbinding at release. */
  inode_: Inode | null = null;
  peer: UnixSocket | null = null;
  /** Credentials of the peer when the connection was made (SO_PEERCRED). */
  peerCred: UnixCreds | null = null;
  private queue: UnixMessage[] = [];
  /** Bytes (with overhead) this socket has queued at receivers and that are not read yet. */
  wmem = 0;
  /** Connections waiting for accept(), and how many may wait. */
  readonly backlog: UnixSocket[] = [];
  maxBacklog = 0;
  shutdownBits = 0;
  /** sk_err: reported once by the next receive or SO_ERROR. */
  err = 0;
  dead = false;
  passcred = false;
  sndbuf = DEFAULT_BUF;
  rcvbuf = DEFAULT_BUF;
  readonly wq = new WaitQueue();
  readonly ino = nextIno++;

  constructor(
    readonly type: number,
    flags: number,
    /** The creator's credentials (what the peer's SO_PEERCRED reports). */
    readonly owner: UnixCreds,
    readonly hooks: PipeKernel,
  ) {
    super(null, O_RDWR | (flags & O_NONBLOCK));
  }

  get connectionBased(): boolean {
    return this.type !== SOCK_DGRAM;
  }

  private get nonblock(): boolean {
    return (this.flags & O_NONBLOCK) !== 0;
  }

  override get seekable(): boolean {
    return false;
  }

  override stat(): Stat {
    const now = fsNow();
    return {
      dev: SOCKFS_DEV, ino: this.ino, mode: S_IFSOCK | 0o777, nlink: 1, uid: this.owner.uid, gid: this.owner.gid,
      rdev: 0, size: 0, blksize: 4096, blocks: 0, atime: now, mtime: now, ctime: now,
    };
  }

  /** Connects two fresh sockets to each other (socketpair, and a stream connect with its server side). */
  static link(a: UnixSocket, b: UnixSocket): void {
    a.peer = b;
    b.peer = a;
    a.state = "connected";
    b.state = "connected";
    a.peerCred = b.owner;
    b.peerCred = a.owner;
  }

  // ---- receiving ----

  /** Bytes waiting (SIOCINQ): the whole queue for a stream, the next datagram otherwise. */
  get available(): number {
    if (this.type === SOCK_STREAM) return this.queue.reduce((n, m) => n + m.remaining, 0);
    return this.queue[0]?.data.length ?? 0;
  }

  private consumed(m: UnixMessage): void {
    m.sender.wmem -= m.cost;
    m.sender.wq.notifyAll();
  }

  /** Nothing to read: end of file, an error, or wait. */
  private empty(nonblock: boolean): Received | number | Blocked {
    if (this.err !== 0) {
      const e = this.err;
      this.err = 0;
      return -e;
    }
    const eof = (this.shutdownBits & RCV_SHUTDOWN) !== 0 ||
      (this.connectionBased && this.state === "connected" && (this.peer === null || this.peer.dead));
    if (eof) return { n: 0, full: 0, from: null, creds: null, rights: [], truncated: false };
    if (nonblock || this.nonblock) return -EAGAIN;
    return new Blocked([this.wq]);
  }

  recv(dest: Uint8Array, peek: boolean, nonblock: boolean): Received | number | Blocked {
    if (this.connectionBased && this.state !== "connected") return this.type === SOCK_STREAM ? -EINVAL : -ENOTCONN;
    if (this.queue.length === 0) return this.empty(nonblock);
    return this.type === SOCK_STREAM ? this.recvStream(dest, peek) : this.recvPacket(dest, peek);
  }

  /** A datagram or seqpacket record: one message, the rest of it dropped when it does not fit. */
  private recvPacket(dest: Uint8Array, peek: boolean): Received {
    const m = this.queue[0];
    const n = Math.min(dest.length, m.data.length);
    dest.set(m.data.subarray(0, n));
    const rights = m.rights ? [m.rights] : [];
    if (!peek) {
      this.queue.shift();
      m.rights = null;
      this.consumed(m);
    }
    return { n, full: m.data.length, from: m.sender, creds: m.creds, rights, truncated: n < m.data.length };
  }

  /** Stream: as much as fits, across messages, stopping after one that carried descriptors. */
  private recvStream(dest: Uint8Array, peek: boolean): Received {
    let n = 0;
    const rights: InFlight[] = [];
    const first = this.queue[0];
    for (let i = 0; i < this.queue.length && n < dest.length; i++) {
      const m = this.queue[i];
      const take = Math.min(dest.length - n, m.remaining);
      dest.set(m.data.subarray(m.offset, m.offset + take), n);
      n += take;
      const hadRights = m.rights !== null;
      if (m.rights) rights.push(m.rights);
      if (!peek) {
        m.offset += take;
        m.rights = null;
      }
      if (hadRights) break;
    }
    if (!peek) {
      while (this.queue.length > 0 && this.queue[0].remaining === 0) this.consumed(this.queue.shift() as UnixMessage);
    }
    return { n, full: n, from: first.sender, creds: first.creds, rights, truncated: false };
  }

  // ---- sending ----

  /** Where a message goes: the given socket, or the peer. */
  private target(to: UnixSocket | null): UnixSocket | number {
    if (this.type === SOCK_STREAM || this.type === SOCK_SEQPACKET) {
      if (to !== null) return this.state === "connected" ? -EISCONN : -EOPNOTSUPP;
      if (this.state !== "connected" || this.peer === null) return -ENOTCONN;
      return this.peer;
    }
    const dst = to ?? this.peer;
    if (dst === null) return -ENOTCONN;
    return dst;
  }

  /**
   * One attempt at sending `data` (all of it for a packet; for a stream, the
   * part from `done` on). Returns the bytes now sent in total, or an error.
   */
  send(data: Uint8Array, done: number, o: SendOptions): number | SendBlocked {
    const dst = this.target(o.to);
    if (typeof dst === "number") return dst;
    if (this.type === SOCK_STREAM) return this.sendStream(dst, data, done, o);
    return this.sendPacket(dst, data, o);
  }

  private sendStream(dst: UnixSocket, data: Uint8Array, done: number, o: SendOptions): number | SendBlocked {
    if ((this.shutdownBits & SEND_SHUTDOWN) !== 0 || dst.dead || (dst.shutdownBits & RCV_SHUTDOWN) !== 0) {
      return done > 0 ? done : -EPIPE;
    }
    let sent = done;
    let rights = o.rights;
    const chunk = Math.max(1, this.sndbuf >> 1);
    while (sent < data.length || (data.length === 0 && sent === 0 && rights !== null)) {
      if (this.wmem >= this.sndbuf) {
        if (o.nonblock || this.nonblock) return sent > 0 ? sent : -EAGAIN;
        return new SendBlocked(new Blocked([this.wq, dst.wq]), sent);
      }
      const n = Math.min(chunk, data.length - sent);
      dst.deliver(new UnixMessage(data.slice(sent, sent + n), this, o.creds, rights));
      rights = null;
      sent += n;
      if (data.length === 0) break;
    }
    return sent;
  }

  private sendPacket(dst: UnixSocket, data: Uint8Array, o: SendOptions): number | SendBlocked {
    if (data.length > this.sndbuf - 32) return -EMSGSIZE;
    if (this.type === SOCK_SEQPACKET && ((this.shutdownBits & SEND_SHUTDOWN) !== 0 || dst.dead)) return -EPIPE;
    if (dst.dead) {
      // The peer is gone: refused once, after which the socket is simply unconnected.
      if (this.peer === dst) this.peer = null;
      return -ECONNREFUSED;
    }
    if (dst.type !== this.type) return -EPROTOTYPE;
    if ((dst.shutdownBits & RCV_SHUTDOWN) !== 0) return -EPIPE;
    // unix_may_send: a socket connected to someone else takes nothing from us.
    if (dst.peer !== null && dst.peer !== this) return -EPERM;
    const full = this.wmem >= this.sndbuf || (dst.peer !== this && dst.queue.length > MAX_DGRAM_QLEN);
    if (full) {
      if (o.nonblock || this.nonblock) return -EAGAIN;
      return new SendBlocked(new Blocked([this.wq, dst.wq]), 0);
    }
    dst.deliver(new UnixMessage(data.slice(), this, o.creds, o.rights));
    return data.length;
  }

  private deliver(m: UnixMessage): void {
    m.sender.wmem += m.cost;
    this.queue.push(m);
    this.wq.notifyAll();
  }

  // ---- connections ----

  /** unix_stream_connect's queueing: a server-side socket joins the listener's backlog. */
  connectTo(listener: UnixSocket, nonblock: boolean, creds: UnixCreds): number | Blocked {
    if (this.state === "connected") return -EISCONN;
    if (this.state === "listening") return -EINVAL;
    if (listener.type !== this.type) return -EPROTOTYPE;
    if (listener.state !== "listening" || listener.dead) return -ECONNREFUSED;
    if (listener.backlog.length > listener.maxBacklog) {
      if (nonblock || this.nonblock) return -EAGAIN;
      return new Blocked([listener.wq]);
    }
    const server = new UnixSocket(this.type, 0, listener.owner, this.hooks);
    server.addr = listener.addr;
    UnixSocket.link(this, server);
    // Credentials as of connect() and listen(), not socket() (unix_stream_connect).
    server.peerCred = creds;
    this.peerCred = listener.peerCred ?? listener.owner;
    listener.backlog.push(server);
    listener.wq.notifyAll();
    return 0;
  }

  accept(nonblock: boolean): UnixSocket | number | Blocked {
    if (this.state !== "listening") return -EINVAL;
    const s = this.backlog.shift();
    if (s) {
      this.wq.notifyAll(); // a connector waiting for room
      return s;
    }
    if (nonblock || this.nonblock) return -EAGAIN;
    return new Blocked([this.wq]);
  }

  /** unix_shutdown: the peer of a connection sees the mirror image. */
  shutdown(how: number): void {
    const bits = how + 1;
    this.shutdownBits |= bits;
    this.wq.notifyAll();
    const p = this.peer;
    if (p && this.connectionBased) {
      let mirror = 0;
      if ((bits & RCV_SHUTDOWN) !== 0) mirror |= SEND_SHUTDOWN;
      if ((bits & SEND_SHUTDOWN) !== 0) mirror |= RCV_SHUTDOWN;
      p.shutdownBits |= mirror;
      p.wq.notifyAll();
    }
  }

  /** SIOCINQ (= FIONREAD): bytes waiting; SIOCOUTQ: bytes sent and not yet read. */
  override ioctl(t: Task, cmd: number, arg: number): number {
    if (cmd !== SIOCINQ && cmd !== SIOCOUTQ) return -ENOTTY;
    if (this.state === "listening") return -EINVAL;
    const n = cmd === SIOCINQ ? this.available : this.unreadSent();
    return t.mm.writeU32(arg, n) < 0 ? -EFAULT : 0;
  }

  private unreadSent(): number {
    const p = this.peer;
    if (!p) return 0;
    return p.queue.reduce((n, m) => (m.sender === this ? n + m.remaining : n), 0);
  }

  // ---- readiness ----

  private canWrite(): boolean {
    if (this.state === "listening") return false;
    if (this.wmem * 4 > this.sndbuf) return false;
    const p = this.peer;
    if (this.type !== SOCK_STREAM && p && !p.dead && p.peer !== this && p.queue.length > MAX_DGRAM_QLEN) return false;
    return true;
  }

  /** unix_poll and unix_dgram_poll. */
  override poll(): PollState {
    let ev = 0;
    if (this.err !== 0) ev |= POLLERR;
    if (this.shutdownBits === SHUTDOWN_MASK) ev |= POLLHUP;
    if ((this.shutdownBits & RCV_SHUTDOWN) !== 0) ev |= POLLRDHUP | POLLIN | POLLRDNORM;
    if (this.queue.length > 0 || this.backlog.length > 0) ev |= POLLIN | POLLRDNORM;
    if (this.connectionBased && this.state === "unconnected") ev |= POLLHUP;
    if (this.canWrite()) ev |= POLLOUT | POLLWRNORM | POLLWRBAND;
    return { events: ev, queues: [this.wq] };
  }

  // ---- the file interface: read/write are recv/send without flags ----

  override read(dest: Uint8Array): IoResult {
    const r = this.recv(dest, false, false);
    if (typeof r === "number" || r instanceof Blocked) return r;
    for (const f of r.rights) f.drop();
    return r.n;
  }

  override writeRequest(t: Task, bufs: Uint8Array[]): IoResult {
    const total = bufs.reduce((n, b) => n + b.length, 0);
    const data = new Uint8Array(total);
    let at = 0;
    for (const b of bufs) {
      data.set(b, at);
      at += b.length;
    }
    return sendWithProgress(t, this, data, { to: null, rights: null, creds: credsOf(t), nonblock: false }, true);
  }

  override release(): void {
    this.dead = true;
    for (const m of this.queue) m.rights?.drop();
    const hadUnread = this.queue.length > 0;
    this.queue = [];
    for (const s of this.backlog.splice(0)) s.release();
    const p = this.peer;
    if (p && this.connectionBased) {
      p.shutdownBits = SHUTDOWN_MASK;
      if (hadUnread && this.type === SOCK_STREAM) p.err = ECONNRESET;
    }
    p?.wq.notifyAll();
    this.peer = null;
    if (this.addr?.kind === "abstract") unbindAbstract(this.addr.name, this);
    if (this.inode_) unbindInode(this.inode_, this);
    this.wq.notifyAll();
  }
}

export function credsOf(t: Task): UnixCreds {
  return { pid: t.tgid, uid: t.creds.uid, gid: t.creds.gid };
}

/** Progress of a stream send that blocked, kept in t.syscallState for the re-run. */
class SendProgress {
  constructor(
    readonly sock: UnixSocket,
    readonly done: number,
  ) {}
}

/**
 * A send whose stream part may take several attempts: the count so far is
 * kept across sleeps; EPIPE raises SIGPIPE unless MSG_NOSIGNAL. The send
 * owns o.rights: they travel with the first bytes queued, and are let go
 * of when they do not (an error, a wait, or a re-run after they already went).
 */
export function sendWithProgress(t: Task, s: UnixSocket, data: Uint8Array, o: SendOptions, signal: boolean): IoResult {
  const prev = t.syscallState instanceof SendProgress && t.syscallState.sock === s ? t.syscallState.done : 0;
  const rights = prev === 0 ? o.rights : null;
  if (o.rights && rights === null) o.rights.drop();
  const r = s.send(data, prev, { ...o, rights });
  const delivered = r instanceof SendBlocked ? r.sent > prev : r >= 0;
  if (rights && !delivered) rights.drop();
  if (r instanceof SendBlocked) {
    const done = r.sent;
    // A signal ends a send that got somewhere with the count so far.
    if (done > 0 && s.hooks.signalPending(t)) return done;
    t.syscallState = new SendProgress(s, done);
    if (done > 0) r.blocked.onSignal = "rerun";
    return r.blocked;
  }
  if (r === -EPIPE && signal && s.type === SOCK_STREAM) s.hooks.brokenPipe(t);
  return r;
}
