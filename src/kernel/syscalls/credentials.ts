// Credentials (kernel/sys.c, kernel/groups.c, kernel/capability.c): the
// set*id family with Linux's permission rules, supplementary groups, and
// capget/capset. Credentials are per thread, as in Linux; glibc makes
// setuid() process-wide by running the call in every thread.
import {
  CAP_FULL, CAP_SETGID, CAP_SETPCAP, CAP_SETUID, capable, capsOf, fixSetfsuidCaps, fixSetuidCaps, prepareCreds,
  setCaps, commitCreds, type CapSets,
} from "../capabilities.js";
import type { Credentials } from "../credentials.js";
import { EFAULT, EINVAL, EPERM, ESRCH } from "../errno.js";
import type { Kernel } from "../kernel.js";
import type { Task } from "../task.js";
import * as SYS from "./numbers.js";
import { int32, uint32, type SyscallDef } from "./syscall.js";

/** (uid_t)-1: "leave unchanged", and never a valid id. */
const NO_ID = 0xffffffff;
/** include/uapi/linux/limits.h */
const NGROUPS_MAX = 65536;

const CAP_V1 = 0x19980330;
const CAP_V2 = 0x20071026;
const CAP_V3 = 0x20080522;
const CAP_DATA_BYTES = 12;

type IdKind = "uid" | "gid";

/** The four ids of one kind, so the uid and gid calls share their code. */
interface IdSet {
  r: number;
  e: number;
  s: number;
  fs: number;
}

function idsOf(c: Credentials, kind: IdKind): IdSet {
  return kind === "uid"
    ? { r: c.uid, e: c.euid, s: c.suid, fs: c.fsuid }
    : { r: c.gid, e: c.egid, s: c.sgid, fs: c.fsgid };
}

function withIds(c: Credentials, kind: IdKind, ids: IdSet): Credentials {
  const next = prepareCreds(c);
  if (kind === "uid") Object.assign(next, { uid: ids.r, euid: ids.e, suid: ids.s, fsuid: ids.fs });
  else Object.assign(next, { gid: ids.r, egid: ids.e, sgid: ids.s, fsgid: ids.fs });
  return next;
}

function capFor(kind: IdKind): number {
  return kind === "uid" ? CAP_SETUID : CAP_SETGID;
}

/** Installs new ids; uid changes also move capabilities (security_task_fix_setuid). */
function commitIds(t: Task, kind: IdKind, ids: IdSet): number {
  const next = withIds(t.creds, kind, ids);
  if (kind === "uid") fixSetuidCaps(next, t.creds);
  commitCreds(t, next);
  return 0;
}

/** setuid/setgid: privileged callers set all ids; others may only pick their real or saved id as effective. */
function setId(t: Task, kind: IdKind, id: number): number {
  if (id === NO_ID) return -EINVAL;
  const old = idsOf(t.creds, kind);
  if (capable(t, capFor(kind))) return commitIds(t, kind, { r: id, e: id, s: id, fs: id });
  if (id !== old.r && id !== old.s) return -EPERM;
  return commitIds(t, kind, { ...old, e: id, fs: id });
}

/** setreuid/setregid (__sys_setreuid). */
function setReId(t: Task, kind: IdKind, r: number, e: number): number {
  const old = idsOf(t.creds, kind);
  const priv = capable(t, capFor(kind));
  const next = { ...old };
  if (r !== NO_ID) {
    if (r !== old.r && r !== old.e && !priv) return -EPERM;
    next.r = r;
  }
  if (e !== NO_ID) {
    if (e !== old.r && e !== old.e && e !== old.s && !priv) return -EPERM;
    next.e = e;
  }
  // The saved id follows the effective one whenever the real id is set or the effective one moves off it.
  if (r !== NO_ID || (e !== NO_ID && e !== old.r)) next.s = next.e;
  next.fs = next.e;
  return commitIds(t, kind, next);
}

/** setresuid/setresgid: unprivileged callers may only shuffle their current three ids. */
function setResId(t: Task, kind: IdKind, r: number, e: number, s: number): number {
  const old = idsOf(t.creds, kind);
  const unchanged = (r === NO_ID || r === old.r) && (e === NO_ID || (e === old.e && e === old.fs)) &&
    (s === NO_ID || s === old.s);
  if (unchanged) return 0;
  const isNew = (id: number): boolean => id !== NO_ID && id !== old.r && id !== old.e && id !== old.s;
  if ((isNew(r) || isNew(e) || isNew(s)) && !capable(t, capFor(kind))) return -EPERM;
  const next = { r: r === NO_ID ? old.r : r, e: e === NO_ID ? old.e : e, s: s === NO_ID ? old.s : s, fs: 0 };
  next.fs = next.e;
  return commitIds(t, kind, next);
}

function getResId(t: Task, kind: IdKind, a: Float64Array): number {
  const ids = idsOf(t.creds, kind);
  const values = [ids.r, ids.e, ids.s];
  for (let i = 0; i < 3; i++) if (t.mm.writeU32(a[i], values[i]) < 0) return -EFAULT;
  return 0;
}

/** setfsuid/setfsgid: never fail; the old fsid comes back whether or not it changed. */
function setFsId(t: Task, kind: IdKind, id: number): number {
  const old = idsOf(t.creds, kind);
  if (id === NO_ID) return old.fs;
  const allowed = id === old.r || id === old.e || id === old.s || id === old.fs || capable(t, capFor(kind));
  if (!allowed || id === old.fs) return old.fs;
  const next = withIds(t.creds, kind, { ...old, fs: id });
  if (kind === "uid") fixSetfsuidCaps(next, t.creds);
  commitCreds(t, next);
  return old.fs;
}

function getgroups(t: Task, size: number, list: number): number {
  if (size < 0) return -EINVAL;
  const groups = t.creds.groups;
  if (size === 0) return groups.length;
  if (groups.length > size) return -EINVAL;
  const bytes = new Uint8Array(groups.length * 4);
  const v = new DataView(bytes.buffer);
  groups.forEach((g, i) => v.setUint32(i * 4, g, true));
  return t.mm.write(list, bytes) < 0 ? -EFAULT : groups.length;
}

function setgroups(t: Task, size: number, list: number): number {
  if (!capable(t, CAP_SETGID)) return -EPERM;
  if (size >>> 0 > NGROUPS_MAX) return -EINVAL;
  const groups: number[] = [];
  if (size > 0) {
    const bytes = t.mm.read(list, size * 4);
    if (typeof bytes === "number") return -EFAULT;
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < size; i++) {
      const g = v.getUint32(i * 4, true);
      if (g === NO_ID) return -EINVAL;
      groups.push(g);
    }
  }
  // groups_sort: the kernel keeps the list sorted (groups_search bisects it).
  groups.sort((x, y) => x - y);
  const next = prepareCreds(t.creds);
  next.groups = groups;
  commitCreds(t, next);
  return 0;
}

// ---- capget / capset ----

/** cap_validate_magic: how many 32-bit words per set the header's version moves, or an errno. */
function capWords(t: Task, header: number): number {
  const version = t.mm.readU32(header);
  if (version < 0) return -EFAULT;
  if (version === CAP_V1) return 1;
  if (version === CAP_V2 || version === CAP_V3) return 2;
  // An unknown version is answered with the preferred one.
  return t.mm.writeU32(header, CAP_V3) < 0 ? -EFAULT : -EINVAL;
}

function readHeaderPid(t: Task, header: number): number | null {
  const pid = t.mm.readU32(header + 4);
  return pid < 0 ? null : pid | 0;
}

function capget(k: Kernel, t: Task, header: number, data: number): number {
  const words = capWords(t, header);
  if (data === 0 || words < 0) return data === 0 && words === -EINVAL ? 0 : words;
  const pid = readHeaderPid(t, header);
  if (pid === null) return -EFAULT;
  if (pid < 0) return -EINVAL;
  const target = pid === 0 || pid === t.tgid ? t : k.task(pid);
  if (!target) return -ESRCH;
  const c = capsOf(target.creds);
  const bytes = new Uint8Array(words * CAP_DATA_BYTES);
  const v = new DataView(bytes.buffer);
  for (let w = 0; w < words; w++) {
    const shift = BigInt(32 * w);
    v.setUint32(w * CAP_DATA_BYTES, Number((c.effective >> shift) & 0xffffffffn), true);
    v.setUint32(w * CAP_DATA_BYTES + 4, Number((c.permitted >> shift) & 0xffffffffn), true);
    v.setUint32(w * CAP_DATA_BYTES + 8, Number((c.inheritable >> shift) & 0xffffffffn), true);
  }
  return t.mm.write(data, bytes) < 0 ? -EFAULT : 0;
}

interface CapTriple {
  effective: bigint;
  permitted: bigint;
  inheritable: bigint;
}

function readCapData(t: Task, data: number, words: number): CapTriple | number {
  const bytes = t.mm.read(data, words * CAP_DATA_BYTES);
  if (typeof bytes === "number") return -EFAULT;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const field = (off: number): bigint => {
    let x = 0n;
    for (let w = 0; w < words; w++) x |= BigInt(v.getUint32(w * CAP_DATA_BYTES + off, true)) << BigInt(32 * w);
    return x & CAP_FULL;
  };
  return { effective: field(0), permitted: field(4), inheritable: field(8) };
}

/** cap_capset: no new permitted bits, effective within permitted, inheritable within bounds. */
function capsetAllowed(t: Task, old: CapSets, n: CapTriple): boolean {
  const subset = (a: bigint, b: bigint): boolean => (a & ~b) === 0n;
  if (!capable(t, CAP_SETPCAP) && !subset(n.inheritable, old.inheritable | old.permitted)) return false;
  if (!subset(n.inheritable, old.inheritable | old.bounding)) return false;
  return subset(n.permitted, old.permitted) && subset(n.effective, n.permitted);
}

function capset(t: Task, header: number, data: number): number {
  const words = capWords(t, header);
  if (words < 0) return words;
  const pid = readHeaderPid(t, header);
  if (pid === null) return -EFAULT;
  if (pid !== 0 && pid !== t.tgid) return -EPERM;
  const n = readCapData(t, data, words);
  if (typeof n === "number") return n;
  const old = capsOf(t.creds);
  if (!capsetAllowed(t, old, n)) return -EPERM;
  const next = prepareCreds(t.creds);
  setCaps(next, { ...old, ...n, ambient: old.ambient & n.permitted & n.inheritable });
  commitCreds(t, next);
  return 0;
}

const u = (x: number): number => uint32(x);

export const credentialSyscalls: SyscallDef[] = [
  { nr: SYS.SYS_setuid, args: "u", fn: (_k, t, a) => setId(t, "uid", u(a[0])) },
  { nr: SYS.SYS_setgid, args: "u", fn: (_k, t, a) => setId(t, "gid", u(a[0])) },
  { nr: SYS.SYS_setreuid, args: "dd", fn: (_k, t, a) => setReId(t, "uid", u(a[0]), u(a[1])) },
  { nr: SYS.SYS_setregid, args: "dd", fn: (_k, t, a) => setReId(t, "gid", u(a[0]), u(a[1])) },
  { nr: SYS.SYS_setresuid, args: "ddd", fn: (_k, t, a) => setResId(t, "uid", u(a[0]), u(a[1]), u(a[2])) },
  { nr: SYS.SYS_setresgid, args: "ddd", fn: (_k, t, a) => setResId(t, "gid", u(a[0]), u(a[1]), u(a[2])) },
  { nr: SYS.SYS_getresuid, args: "xxx", fn: (_k, t, a) => getResId(t, "uid", a) },
  { nr: SYS.SYS_getresgid, args: "xxx", fn: (_k, t, a) => getResId(t, "gid", a) },
  { nr: SYS.SYS_setfsuid, args: "u", fn: (_k, t, a) => setFsId(t, "uid", u(a[0])) },
  { nr: SYS.SYS_setfsgid, args: "u", fn: (_k, t, a) => setFsId(t, "gid", u(a[0])) },
  { nr: SYS.SYS_getgroups, args: "dx", fn: (_k, t, a) => getgroups(t, int32(a[0]), a[1]) },
  { nr: SYS.SYS_setgroups, args: "dx", fn: (_k, t, a) => setgroups(t, int32(a[0]), a[1]) },
  { nr: SYS.SYS_capget, args: "xx", fn: (k, t, a) => capget(k, t, a[0], a[1]) },
  { nr: SYS.SYS_capset, args: "xx", fn: (_k, t, a) => capset(t, a[0], a[1]) },
];
