// Ancillary data of sendmsg/recvmsg for AF_UNIX (net/core/scm.c): struct
// cmsghdr is { size_t cmsg_len; int cmsg_level; int cmsg_type; } (16 bytes on
// riscv64) followed by the data, each header aligned to 8 bytes.
// SCM_RIGHTS passes open file descriptions, SCM_CREDENTIALS a struct ucred.
import { EBADF, EINVAL, EPERM } from "../kernel/errno.js";
import type { Task } from "../kernel/task.js";
import type { OpenFile } from "../fs/open-file.js";
import { RLIMIT_NOFILE, rlimitNumber } from "../kernel/rlimits.js";
import { capable } from "../kernel/capabilities.js";
import { SOL_SOCKET } from "./socket-options.js";
import { InFlight, type UnixCreds } from "./unix-message.js";

const SCM_RIGHTS = 1;
const SCM_CREDENTIALS = 2;
const CMSG_HDR = 16;
/** SCM_MAX_FD: descriptions one message may carry. */
const SCM_MAX_FD = 253;
const UCRED_SIZE = 12;
export const MSG_CTRUNC = 8;
const CAP_SETUID = 7;
const CAP_SETGID = 6;
const CAP_SYS_ADMIN = 21;

function align(n: number): number {
  return (n + 7) & ~7;
}

export interface SendControl {
  files: OpenFile[];
  creds: UnixCreds | null;
}

/** __scm_send's credential check: one's own ids, unless privileged. */
function credsAllowed(t: Task, c: UnixCreds): boolean {
  const k = t.creds;
  const pidOk = c.pid === t.tgid || capable(t, CAP_SYS_ADMIN);
  const uidOk = c.uid === k.uid || c.uid === k.euid || c.uid === k.suid || capable(t, CAP_SETUID);
  const gidOk = c.gid === k.gid || c.gid === k.egid || c.gid === k.sgid || capable(t, CAP_SETGID);
  return pidOk && uidOk && gidOk;
}

/** Parses the control buffer of a sendmsg (already copied in). */
export function parseControl(t: Task, buf: Uint8Array): SendControl | number {
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const out: SendControl = { files: [], creds: null };
  for (let at = 0; at + CMSG_HDR <= buf.length;) {
    const len = Number(v.getBigUint64(at, true));
    if (len < CMSG_HDR || at + len > buf.length) return -EINVAL;
    const level = v.getInt32(at + 8, true);
    const type = v.getInt32(at + 12, true);
    if (level === SOL_SOCKET) {
      const r = type === SCM_RIGHTS ? addRights(t, v, at, len, out) : type === SCM_CREDENTIALS ? addCreds(t, v, at, len, out) : -EINVAL;
      if (r < 0) return r;
    }
    at += align(len);
  }
  return out;
}

function addRights(t: Task, v: DataView, at: number, len: number, out: SendControl): number {
  const n = Math.floor((len - CMSG_HDR) / 4);
  if (out.files.length + n > SCM_MAX_FD) return -EINVAL;
  for (let i = 0; i < n; i++) {
    const f = t.files.get(v.getInt32(at + CMSG_HDR + i * 4, true));
    if (!f) return -EBADF;
    out.files.push(f);
  }
  return 0;
}

function addCreds(t: Task, v: DataView, at: number, len: number, out: SendControl): number {
  if (len !== CMSG_HDR + UCRED_SIZE) return -EINVAL;
  const c = { pid: v.getInt32(at + 16, true), uid: v.getUint32(at + 20, true), gid: v.getUint32(at + 24, true) };
  if (!credsAllowed(t, c)) return -EPERM;
  out.creds = c;
  return 0;
}

export interface RecvControl {
  bytes: Uint8Array;
  flags: number;
}

/**
 * scm_recv: the sender's credentials first (only when the receiver asked
 * with SO_PASSCRED), then the passed descriptions installed in the
 * receiver's table — as many as fit; the rest are dropped (MSG_CTRUNC).
 */
export function buildControl(t: Task, room: number, creds: UnixCreds | null, rights: InFlight[], cloexec: boolean): RecvControl {
  const parts: Uint8Array[] = [];
  let used = 0;
  let flags = 0;
  if (creds) {
    const need = CMSG_HDR + UCRED_SIZE;
    if (room - used < need) flags |= MSG_CTRUNC;
    else {
      const b = new Uint8Array(align(need));
      const v = new DataView(b.buffer);
      v.setBigUint64(0, BigInt(need), true);
      v.setInt32(8, SOL_SOCKET, true);
      v.setInt32(12, SCM_CREDENTIALS, true);
      v.setInt32(16, creds.pid, true);
      v.setUint32(20, creds.uid, true);
      v.setUint32(24, creds.gid, true);
      parts.push(b.subarray(0, Math.min(b.length, room - used)));
      used += Math.min(b.length, room - used);
    }
  }
  const files = rights.flatMap((r) => r.files());
  if (files.length > 0) {
    const max = room - used > CMSG_HDR ? Math.floor((room - used - CMSG_HDR) / 4) : 0;
    const fds: number[] = [];
    const limit = rlimitNumber(t.rlimits[RLIMIT_NOFILE].cur);
    for (const f of files.slice(0, max)) {
      const fd = t.files.install(f, cloexec, limit);
      if (fd < 0) break;
      fds.push(fd);
    }
    if (fds.length < files.length) flags |= MSG_CTRUNC;
    if (fds.length > 0) {
      const need = CMSG_HDR + fds.length * 4;
      const b = new Uint8Array(align(need));
      const v = new DataView(b.buffer);
      v.setBigUint64(0, BigInt(need), true);
      v.setInt32(8, SOL_SOCKET, true);
      v.setInt32(12, SCM_RIGHTS, true);
      fds.forEach((fd, i) => v.setInt32(CMSG_HDR + i * 4, fd, true));
      const n = Math.min(b.length, room - used);
      parts.push(b.subarray(0, n));
      used += n;
    }
  }
  for (const r of rights) r.drop();
  const bytes = new Uint8Array(used);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return { bytes, flags };
}

export { InFlight };
