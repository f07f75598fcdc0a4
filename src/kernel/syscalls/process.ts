// Process identity and lifetime: exit, the id getters, execve,
// set_tid_address, robust lists and resource limits.
import { walk } from "../../fs/path-walk.js";
import { exec } from "../../loader/exec.js";
import { E2BIG, EACCES, EBADF, EFAULT, EINVAL, ELOOP, ENOENT, EPERM, ESRCH } from "../errno.js";
import { commOf, type Kernel } from "../kernel.js";
import { RLIM_NLIMITS, RLIMIT_NOFILE, RLIMIT_STACK, rlimitNumber, type Rlimit } from "../rlimits.js";
import { exitGroup, exitThread, unshareFiles, vforkRelease } from "../lifecycle.js";
import { capable, CAP_SYS_RESOURCE } from "../capabilities.js";
import { SIG_DFL, SIG_IGN } from "../signal-action.js";
import { execTaskAttrs } from "../task-attrs.js";
import { aslrMode } from "../../loader/aslr.js";
import { execPersonality } from "./personality.js";
import { SIGKILL } from "../signal-numbers.js";
import type { Task } from "../task.js";
import * as SYS from "./numbers.js";
import { readPath, startDir } from "./path-args.js";
import { int32, uint32, unsigned, type SyscallDef } from "./syscall.js";

/** fs/file.c sysctl_nr_open: the highest RLIMIT_NOFILE anyone may set. */
const NR_OPEN = 1048576;
/** include/uapi/linux/binfmts.h MAX_ARG_STRINGS. */
const MAX_ARG_STRINGS = 0x7fffffff;
const ROBUST_LIST_HEAD_SIZE = 24;

function targetTask(k: Kernel, t: Task, pid: number): Task | number {
  if (pid === 0) return t;
  const other = k.task(pid);
  return other && other.alive ? other : -ESRCH;
}

/** Whether the caller's real, effective and saved ids all equal the target's real ids (and gids likewise). */
function sameIds(t: Task, target: Task): boolean {
  const a = t.creds;
  const b = target.creds;
  return a.uid === b.uid && a.uid === b.euid && a.uid === b.suid && a.gid === b.gid && a.gid === b.egid && a.gid === b.sgid;
}

function readRlimit(t: Task, addr: number): Rlimit | number {
  const cur = t.mm.readU64(addr);
  const max = t.mm.readU64(addr + 8);
  if (typeof cur === "number" || typeof max === "number") return -EFAULT;
  return { cur, max };
}

function writeRlimit(t: Task, addr: number, r: Rlimit): number {
  if (t.mm.writeU64(addr, r.cur) < 0 || t.mm.writeU64(addr + 8, r.max) < 0) return -EFAULT;
  return 0;
}

function prlimit(k: Kernel, t: Task, pid: number, resource: number, newAddr: number, oldAddr: number): number {
  if (resource < 0 || resource >= RLIM_NLIMITS) return -EINVAL;
  const target = targetTask(k, t, pid);
  if (typeof target === "number") return target;
  // Another process's limits need matching ids or CAP_SYS_RESOURCE (check_prlimit_permission).
  if (target.group !== t.group && !sameIds(t, target) && !capable(t, CAP_SYS_RESOURCE)) return -EPERM;
  const old = target.rlimits[resource];
  let next: Rlimit | null = null;
  if (newAddr !== 0) {
    const r = readRlimit(t, newAddr);
    if (typeof r === "number") return r;
    if (r.cur > r.max) return -EINVAL;
    if (resource === RLIMIT_NOFILE && r.max > BigInt(NR_OPEN)) return -EPERM;
    // Raising a hard limit needs CAP_SYS_RESOURCE.
    if (r.max > old.max && !capable(t, CAP_SYS_RESOURCE)) return -EPERM;
    next = r;
  }
  if (oldAddr !== 0 && writeRlimit(t, oldAddr, old) < 0) return -EFAULT;
  if (next) target.rlimits[resource] = next;
  return 0;
}

/** Reads a NULL-terminated array of string pointers (argv or envp). */
function readStringArray(t: Task, addr: number): Uint8Array[] | number {
  const out: Uint8Array[] = [];
  if (addr === 0) return out;
  for (let i = 0; ; i++) {
    if (i >= MAX_ARG_STRINGS) return -E2BIG;
    const p = t.mm.readU64(addr + 8 * i);
    if (typeof p === "number") return -EFAULT;
    if (p === 0n) return out;
    const s = t.mm.readCString(Number(p), 32 * 4096);
    if (typeof s === "number") return s;
    out.push(new TextEncoder().encode(s));
  }
}

const AT_EMPTY_PATH = 0x1000;
const AT_SYMLINK_NOFOLLOW = 0x100;

function execve(k: Kernel, t: Task, pathAddr: number, argvAddr: number, envpAddr: number): number {
  return execveat(k, t, -100, pathAddr, argvAddr, envpAddr, 0);
}

/** execveat: the program named relative to dirfd, or the file open on dirfd itself (AT_EMPTY_PATH). */
function execveat(k: Kernel, t: Task, dirfd: number, pathAddr: number, argvAddr: number, envpAddr: number, flags: number): number {
  if ((flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW)) !== 0) return -EINVAL;
  const path = readPath(t, pathAddr);
  if (typeof path === "number") return path;
  const argv = readStringArray(t, argvAddr);
  if (typeof argv === "number") return argv;
  const envp = readStringArray(t, envpAddr);
  if (typeof envp === "number") return envp;
  let file;
  let filename = path;
  if (path.length === 0 && (flags & AT_EMPTY_PATH) === 0) return -ENOENT;
  if (path.length === 0) {
    const f = t.files.get(dirfd);
    if (!f) return -EBADF;
    if (!f.dentry) return -EACCES;
    file = f.dentry;
    // Linux names such a program /dev/fd/N (AT_EXECFN and a script's argument).
    filename = `/dev/fd/${dirfd}`;
  } else {
    const start = startDir(t, dirfd, path);
    if (typeof start === "number") return start;
    file = walk(t.fs, start, path, { followFinal: (flags & AT_SYMLINK_NOFOLLOW) === 0 });
    if (typeof file === "number") return file;
    if (file.inode.isSymlink()) return -ELOOP;
  }
  const persona = execPersonality(t.personality);
  const aslr = aslrMode(k.randomizeVaSpace, persona);
  const image = exec({
    file, filename, argv, envp, frames: k.frames,
    creds: { uid: t.creds.uid, euid: t.creds.euid, gid: t.creds.gid, egid: t.creds.egid },
    lookup: (p) => walk(t.fs, t.fs.root, p, { followFinal: true }),
    random: (b) => k.host.randomBytes(b), stackLimit: rlimitNumber(t.rlimits[RLIMIT_STACK].cur), aslr,
  });
  if (typeof image === "number") return image;
  // Past the point of no return: other threads die, the old image goes.
  killOtherThreads(k, t);
  const oldMm = t.mm;
  k.mmUsers.hold(image.mm);
  t.mm = image.mm;
  vforkRelease(t);
  if (k.mmUsers.release(oldMm)) oldMm.destroy();
  unshareFiles(k, t);
  t.files.closeOnExec();
  for (const act of t.sigActions) {
    if (act.handler !== SIG_IGN) act.handler = SIG_DFL;
    act.flags = 0n;
    act.mask = 0n;
  }
  k.images.set(image.mm, image.layout);
  t.forkNoExec = false;
  t.personality = persona;
  t.randomized = aslr.layout;
  t.altStack = { sp: 0, size: 0, flags: 2 };
  t.exe = image.exe;
  // __set_task_comm(kbasename(bprm->filename)): the name the program was started by.
  t.comm = commOf(filename.slice(filename.lastIndexOf("/") + 1));
  execTaskAttrs(t);
  t.argv = image.argv;
  t.envp = envp;
  k.startProgram(t, oldMm, image.pc, image.sp);
  return 0;
}

/** de_thread: exec leaves the process with only the calling thread, which holds the process id. */
function killOtherThreads(k: Kernel, t: Task): void {
  for (const other of [...t.group.threads]) if (other !== t && other.alive) exitThread(k, other, SIGKILL);
  k.becomeLeader(t);
}


export const processSyscalls: SyscallDef[] = [
  { nr: SYS.SYS_exit, args: "d", fn: (k, t, a) => (exitThread(k, t, (int32(a[0]) & 0xff) << 8), 0) },
  { nr: SYS.SYS_exit_group, args: "d", fn: (k, t, a) => (exitGroup(k, t, (int32(a[0]) & 0xff) << 8), 0) },
  { nr: SYS.SYS_getpid, args: "", fn: (_k, t) => t.tgid },
  { nr: SYS.SYS_getppid, args: "", fn: (_k, t) => t.parentGroup?.tgid ?? 0 },
  { nr: SYS.SYS_gettid, args: "", fn: (_k, t) => t.tid },
  { nr: SYS.SYS_getuid, args: "", fn: (_k, t) => t.creds.uid },
  { nr: SYS.SYS_geteuid, args: "", fn: (_k, t) => t.creds.euid },
  { nr: SYS.SYS_getgid, args: "", fn: (_k, t) => t.creds.gid },
  { nr: SYS.SYS_getegid, args: "", fn: (_k, t) => t.creds.egid },
  { nr: SYS.SYS_execve, args: "sxx", fn: (k, t, a) => execve(k, t, a[0], a[1], a[2]) },
  {
    nr: SYS.SYS_execveat, args: "fsxxx",
    fn: (k, t, a) => execveat(k, t, int32(a[0]), a[1], a[2], a[3], int32(a[4])),
  },
  {
    nr: SYS.SYS_set_tid_address, args: "x", fn: (_k, t, a) => {
      t.clearChildTid = a[0];
      return t.tid;
    },
  },
  {
    nr: SYS.SYS_set_robust_list, args: "xu", fn: (_k, t, a) => {
      if (unsigned(a[1]) !== ROBUST_LIST_HEAD_SIZE) return -EINVAL;
      t.robustListHead = a[0];
      t.robustListLen = a[1];
      return 0;
    },
  },
  {
    nr: SYS.SYS_get_robust_list, args: "dxx", fn: (k, t, a) => {
      const target = targetTask(k, t, int32(a[0]));
      if (typeof target === "number") return target;
      if (t.mm.writeU64(a[1], BigInt(target.robustListHead)) < 0) return -EFAULT;
      return t.mm.writeU64(a[2], BigInt(ROBUST_LIST_HEAD_SIZE)) < 0 ? -EFAULT : 0;
    },
  },
  { nr: SYS.SYS_prlimit64, args: "ddxx", fn: (k, t, a) => prlimit(k, t, int32(a[0]), uint32(a[1]), a[2], a[3]) },
  { nr: SYS.SYS_getrlimit, args: "dx", fn: (k, t, a) => prlimit(k, t, 0, uint32(a[0]), 0, a[1]) },
  { nr: SYS.SYS_setrlimit, args: "dx", fn: (k, t, a) => prlimit(k, t, 0, uint32(a[0]), a[1], 0) },
];
