// The entries of /proc/PID and /proc/PID/task/TID (fs/proc/base.c
// tgid_base_stuff / tid_base_stuff), each generated from the task when read.
import { S_IFDIR, S_IFLNK, S_IFREG } from "../fs/types.js";
import { EACCES, EINVAL, ENOENT, ESRCH } from "../kernel/errno.js";
import type { Task } from "../kernel/task.js";
import type { Dentry } from "../fs/dentry.js";
import type { OpenFile } from "../fs/open-file.js";
import type { ProcEntry, ProcInode } from "./proc-inode.js";
import type { ProcFs } from "./procfs.js";
import {
  fdinfoFile, ioFile, limitsFile, mountinfoFile, mountsFile, oomScore, wchanFile,
} from "./pid-files.js";
import { dentryPath, fdJump, fdTarget } from "./fd-link.js";
import { taskMaps } from "./task-maps.js";
import { taskSmaps, taskSmapsRollup } from "./task-smaps.js";
import { taskStat } from "./task-stat.js";
import { taskStatm, taskStatus } from "./task-status.js";
import { taskCmdline, taskEnviron } from "./task-text.js";

type Owner = () => { uid: number; gid: number };
const UNSET_ID = "4294967295";

/** ptrace_may_access for reading: root, or the same user while the target is dumpable. */
function mayAccess(fs: ProcFs, t: Task): boolean {
  const r = fs.reader();
  if (!r || r.creds.euid === 0) return true;
  return r.creds.euid === t.creds.uid && r.creds.euid === t.creds.euid && t.group.dumpable === 1;
}

export function pidEntries(fs: ProcFs, t: Task, whole: boolean, key: string, dirOwner: Owner): ProcEntry[] {
  const k = fs.k;
  // Files of a non-dumpable process belong to root (task_dump_owner); the directories stay the task's.
  const owner: Owner = () => (t.group.dumpable === 1 ? dirOwner() : { uid: 0, gid: 0 });
  const gone = (): boolean => k.task(t.tid) !== t;
  const live = (gen: () => string | Uint8Array): (() => string | Uint8Array | number) =>
    () => (gone() ? -ESRCH : gen());
  const guarded = (gen: () => string | Uint8Array): (() => string | Uint8Array | number) =>
    () => (gone() ? -ESRCH : mayAccess(fs, t) ? gen() : -EACCES);
  const file = (name: string, gen: () => string | Uint8Array | number, perm = 0o444,
    writer: ((d: Uint8Array) => number) | null = null): ProcEntry =>
    ({ name, mode: S_IFREG, make: () => fs.file(`${key}/${name}`, gen, perm, owner, writer) });
  // Magic links: readlink gives the path, a walk jumps to the dentry (both need ptrace access).
  const access = <T>(get: () => T | number): (() => T | number) => () => (gone() ? -ENOENT : mayAccess(fs, t) ? get() : -EACCES);
  const link = (name: string, dentry: () => Dentry | number): ProcEntry => ({
    name, mode: S_IFLNK, make: () => fs.link(`${key}/${name}`, access(() => {
      const d = dentry();
      return typeof d === "number" ? d : dentryPath(d, rootOf(fs, t));
    }), 0o777, owner, access(dentry)),
  });
  const entries: ProcEntry[] = [
    ...(whole ? [{ name: "task", mode: S_IFDIR, make: () => taskList(fs, t, key, dirOwner) }] : []),
    { name: "fd", mode: S_IFDIR, make: () => fdDir(fs, t, key, owner) },
    { name: "fdinfo", mode: S_IFDIR, make: () => fdinfoDir(fs, t, key, owner) },
    file("environ", guarded(() => taskEnviron(k, t)), 0o400),
    file("status", live(() => taskStatus(k, t, whole))),
    file("limits", live(() => limitsFile(t))),
    file("comm", live(() => `${t.comm}\n`), 0o644, (d) => writeComm(fs, t, d)),
    file("cmdline", live(() => taskCmdline(k, t))),
    file("stat", live(() => taskStat(k, t, whole, mayAccess(fs, t)))),
    file("statm", live(() => taskStatm(k, t))),
    file("maps", guarded(() => taskMaps(t))),
    link("cwd", () => t.fs.cwd),
    link("root", () => t.fs.root),
    link("exe", () => (t.alive ? t.exe : -ENOENT)),
    file("mounts", live(() => mountsFile(k, t))),
    file("mountinfo", live(() => mountinfoFile(k, t))),
    file("wchan", live(() => wchanFile(t))),
    file("cgroup", live(() => `0::${t.group.cgroup}\n`)),
    file("oom_score", live(() => `${oomScore(k, t)}\n`)),
    file("oom_adj", live(() => `${oomAdj(t.group.oomScoreAdj)}\n`), 0o644, (d) => writeOomScoreAdj(fs, t, d, true)),
    file("oom_score_adj", live(() => `${t.group.oomScoreAdj}\n`), 0o644, (d) => writeOomScoreAdj(fs, t, d, false)),
    file("loginuid", live(() => UNSET_ID), 0o644),
    file("sessionid", live(() => UNSET_ID)),
    file("io", guarded(() => ioFile(t, whole)), 0o400),
    file("smaps", guarded(() => taskSmaps(t))),
    file("smaps_rollup", guarded(() => taskSmapsRollup(t))),
    file("schedstat", live(() => `${t.utimeNs + t.stimeNs} 0 ${t.nvcsw + t.nivcsw}\n`)),
    file("auxv", guarded(() => k.images.get(t.mm)?.auxv ?? new Uint8Array(0)), 0o400),
    file("personality", guarded(() => `${t.personality.toString(16).padStart(8, "0")}\n`), 0o400),
    file("coredump_filter", live(() => "00000033\n"), 0o644),
    file("timerslack_ns", live(() => "50000\n"), 0o666),
    file("syscall", guarded(() => syscallLine(k, t)), 0o400),
    { name: "ns", mode: S_IFDIR, make: () => nsDir(fs, key, owner) },
  ];
  return entries;
}

function rootOf(fs: ProcFs, t: Task) {
  return (fs.reader() ?? t).fs.root;
}

/** Inode numbers of the initial namespaces (include/linux/proc_ns.h); Aramid has only those. */
const NAMESPACES: [string, number][] = [
  ["cgroup", 4026531835], ["ipc", 4026531839], ["mnt", 4026531832], ["net", 4026531833], ["pid", 4026531836],
  ["pid_for_children", 4026531836], ["time", 4026531834], ["time_for_children", 4026531834],
  ["user", 4026531837], ["uts", 4026531838],
];

function nsDir(fs: ProcFs, key: string, owner: Owner): ProcInode {
  return fs.dir(`${key}/ns`, () => NAMESPACES.map(([name, ino]) => ({
    name, mode: S_IFLNK,
    make: () => fs.link(`${key}/ns/${name}`, () => `${name.replace(/_for_children$/, "")}:[${ino}]`, 0o777, owner),
  })), 0o511, owner);
}

/** /proc/PID/syscall: "running", or the syscall a sleeping task is in with its arguments, sp and pc. */
function syscallLine(k: ProcFs["k"], t: Task): string {
  if (t.state === "R" || !t.pending) return "running\n";
  const hex = (x: number): string => "0x" + (x < 0 ? x + 2 ** 64 : x).toString(16);
  const regs = new DataView(t.context.buffer);
  const sp = Number(regs.getBigUint64(8 * 2, true));
  const pc = Number(regs.getBigUint64(0x200, true));
  void k;
  return `${t.pending.nr} ${[...t.pending.args].map(hex).join(" ")} ${hex(sp)} ${hex(pc)}\n`;
}

/** /proc/PID/task: one directory per thread of the process. */
function taskList(fs: ProcFs, t: Task, key: string, owner: Owner): ProcInode {
  return fs.dir(`${key}/task`, () => [...t.group.threads]
    .sort((a, b) => a.tid - b.tid)
    .map((m) => ({ name: String(m.tid), mode: S_IFDIR, make: () => fs.taskDir(m.tid, false) ?? -ENOENT, id: m })), 0o555, owner);
}

function fdDir(fs: ProcFs, t: Task, key: string, owner: Owner): ProcInode {
  const entries = (): ProcEntry[] => (t.alive ? t.files.openFds() : []).map((fd) => ({
    name: String(fd), mode: S_IFLNK, id: t.files.get(fd) ?? undefined, make: () => {
      const f = t.files.get(fd);
      if (!f) return -ENOENT;
      const perm = (f.readable ? 0o500 : 0o100) | (f.writable ? 0o200 : 0);
      // The file is looked up again at each use: the fd may have been closed or reused since.
      const current = (): OpenFile | number => {
        const now = t.alive ? t.files.get(fd) : null;
        return now === f ? f : -ENOENT;
      };
      const via = <T>(get: (g: OpenFile) => T): (() => T | number) => () => {
        if (!mayAccess(fs, t)) return -EACCES;
        const g = current();
        return typeof g === "number" ? g : get(g);
      };
      return fs.link(`${key}/fd/${fd}`, via((g) => fdTarget(g, rootOf(fs, t))), perm, owner, via(fdJump));
    },
  }));
  // st_size of the fd directory is the number of open descriptors (procps' FDS column).
  return fs.dir(`${key}/fd`, entries, 0o500, owner, () => (t.alive ? t.files.openFds().length : 0));
}

function fdinfoDir(fs: ProcFs, t: Task, key: string, owner: Owner): ProcInode {
  return fs.dir(`${key}/fdinfo`, () => (t.alive ? t.files.openFds() : []).map((fd) => ({
    name: String(fd), mode: S_IFREG, make: () => {
      const f = t.files.get(fd);
      if (!f) return -ENOENT;
      return fs.file(`${key}/fdinfo/${fd}`, () => fdinfoFile(f, t.files.getCloexec(fd) ?? false), 0o400, owner);
    },
  })), 0o555, owner);
}

/** comm is writable by the process's own threads only (comm_write): the first 15 bytes, as written. */
function writeComm(fs: ProcFs, t: Task, data: Uint8Array): number {
  const r = fs.reader();
  if (r && r.group !== t.group) return -EINVAL;
  t.comm = new TextDecoder().decode(data.subarray(0, 15));
  return data.length;
}

/** oom_adj is the legacy view: -17..15 scaled from oom_score_adj's -1000..1000. */
function oomAdj(adj: number): number {
  if (adj === 1000) return 15;
  return Math.trunc((adj * 17) / 1000);
}

function writeOomScoreAdj(fs: ProcFs, t: Task, data: Uint8Array, legacy: boolean): number {
  const text = new TextDecoder().decode(data).trim();
  if (!/^-?\d+$/.test(text)) return -EINVAL;
  let v = Number(text);
  if (legacy) {
    if (v < -17 || v > 15) return -EINVAL;
    v = v === 15 ? 1000 : v === -17 ? -1000 : Math.trunc((v * 1000) / 17);
  } else if (v < -1000 || v > 1000) {
    return -EINVAL;
  }
  const r = fs.reader();
  // Lowering below the current value needs CAP_SYS_RESOURCE.
  if (v < t.group.oomScoreAdj && r && r.creds.euid !== 0) return -EACCES;
  t.group.oomScoreAdj = v;
  return data.length;
}

