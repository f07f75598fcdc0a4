// procfs (fs/proc/): the kernel's view of itself as files. /proc lists the
// static entries, self and thread-self, then every process (thread-group
// leader) by pid; /proc/TID of a thread resolves without being listed.
// /proc/PID is owned by the task's effective ids; every file is generated
// when read (see SeqFile).
import type { Dentry } from "../fs/dentry.js";
import { allocAnonDev, filesystemTypes, registerFilesystem, type FileSystem } from "../fs/filesystem.js";
import { PROC_SUPER_MAGIC, type StatFs } from "../fs/statfs.js";
import { S_IFDIR, S_IFLNK, S_IFREG } from "../fs/types.js";
import { ENOENT, ESRCH } from "../kernel/errno.js";
import type { Kernel } from "../kernel/kernel.js";
import { UTS_NODENAME, UTS_RELEASE } from "../kernel/syscalls/system.js";
import type { Task } from "../kernel/task.js";
import { PID_MAX } from "../kernel/kernel.js";
import { ProcDir, ProcFile, ProcLink, type ProcContext, type ProcEntry, type ProcInode } from "./proc-inode.js";
import { pidEntries } from "./pid-dir.js";
import { intSysctlWriter } from "./sysctl-int.js";
import { procCpuinfo, procLoadavg, procMeminfo, procStat, procUptime, procVersion } from "./system-files.js";

export class ProcFs implements FileSystem {
  readonly type = "proc";
  readonly dev = allocAnonDev();
  readonly root: ProcInode;
  private readonly inos = new Map<string, number>();
  readonly ctx: ProcContext;
  /** /proc/sys/kernel/random/boot_id: one UUID per boot. */
  readonly bootId: string;

  constructor(readonly k: Kernel) {
    this.ctx = {
      dev: this.dev,
      inoFor: (key) => this.inoFor(key),
      now: () => k.clock.realtime(),
    };
    this.bootId = uuid(k);
    this.root = new ProcDir(this.ctx, "", 0o555, undefined, () => this.rootEntries(), (name) => this.pidLookup(name));
  }

  statfs(): StatFs {
    return { type: PROC_SUPER_MAGIC, bsize: 4096, blocks: 0, bfree: 0, bavail: 0, files: 0, ffree: 0,
      fsid: [0, 0], namelen: 255, frsize: 4096, flags: 0 };
  }

  superOptions(): string {
    return "rw";
  }

  private inoFor(key: string): number {
    let n = this.inos.get(key);
    if (n === undefined) {
      n = this.inos.size + 1;
      this.inos.set(key, n);
    }
    return n;
  }

  /** The task reading /proc (whose "self" it is). */
  reader(): Task | null {
    return this.k.current;
  }

  private rootEntries(): ProcEntry[] {
    const statics = this.staticEntries().sort((a, b) => a.name.length - b.name.length || (a.name < b.name ? -1 : 1));
    const links = this.selfLinks();
    const pids = [...this.k.allTasks()].filter((t) => t.isLeader).map((t) => t.tid).sort((a, b) => a - b);
    return [...statics, ...links, ...pids.map((pid) => this.pidEntry(pid))];
  }

  private selfLinks(): ProcEntry[] {
    return [
      { name: "self", mode: S_IFLNK, make: () => this.link("self", () => this.selfTarget(false)) },
      { name: "thread-self", mode: S_IFLNK, make: () => this.link("thread-self", () => this.selfTarget(true)) },
    ];
  }

  private pidEntry(pid: number): ProcEntry {
    return { name: String(pid), mode: S_IFDIR, make: () => this.taskDir(pid, true) ?? -ENOENT, id: this.k.task(pid) };
  }

  /** The fixed names of /proc (files, sys, self...), built once. */
  private fixedNames: Map<string, ProcEntry> | null = null;

  /**
   * A name in /proc without listing every process: a fixed entry, or
   * /proc/PID straight from the task table (a thread's /proc/TID resolves
   * too, though readdir does not list it).
   */
  private pidLookup(name: string): ProcEntry | null {
    if (!/^[1-9][0-9]*$/.test(name)) {
      this.fixedNames ??= new Map([...this.staticEntries(), ...this.selfLinks()].map((e) => [e.name, e]));
      return this.fixedNames.get(name) ?? null;
    }
    const t = this.k.task(Number(name));
    return t ? { name, mode: S_IFDIR, make: () => this.taskDir(t.tid, true) ?? -ENOENT, id: t } : null;
  }

  /** The directory of a process (whole) or of one thread (task/TID). */
  taskDir(tid: number, whole: boolean): ProcInode | null {
    const t = this.k.task(tid);
    if (!t) return null;
    const key = whole ? `${tid}` : `${t.tgid}/task/${tid}`;
    const owner = (): { uid: number; gid: number } => ({ uid: t.creds.euid, gid: t.creds.egid });
    // The entry table depends only on the task, so it is built once per directory.
    let table: ProcEntry[] | null = null;
    const gone = (): boolean => this.k.task(tid) !== t;
    // Lookups in the directory of a process that has been reaped fail with ESRCH, as on Linux.
    const vanished = (name: string): ProcEntry | null => (gone() ? { name, mode: 0, make: () => -ESRCH, id: {} } : null);
    return new ProcDir(this.ctx, key, 0o555, owner, () => {
      if (gone()) return [];
      table ??= pidEntries(this, t, whole, key, owner);
      return table;
    }, vanished);
  }

  private selfTarget(thread: boolean): string | number {
    const r = this.reader();
    if (!r) return -ENOENT;
    return thread ? `${r.tgid}/task/${r.tid}` : `${r.tgid}`;
  }

  /** A symlink; with `jump`, a magic link whose walk goes to the dentry jump() gives. */
  link(key: string, target: () => string | number, perm = 0o777, owner?: () => { uid: number; gid: number },
    jump: (() => Dentry | number) | null = null): ProcLink {
    return new ProcLink(this.ctx, key, perm, owner, target, jump);
  }

  file(key: string, gen: () => string | Uint8Array | number, perm = 0o444, owner?: () => { uid: number; gid: number },
    writer: ((d: Uint8Array) => number) | null = null): ProcFile {
    return new ProcFile(this.ctx, key, perm, owner, gen, writer);
  }

  dir(key: string, entries: () => ProcEntry[], perm = 0o555, owner?: () => { uid: number; gid: number },
    size: () => number = () => 0): ProcDir {
    return new ProcDir(this.ctx, key, perm, owner, entries, () => null, size);
  }

  private staticEntries(): ProcEntry[] {
    const k = this.k;
    const f = (name: string, gen: () => string | number): ProcEntry =>
      ({ name, mode: S_IFREG, make: () => this.file(name, gen) });
    return [
      f("stat", () => procStat(k)),
      f("meminfo", () => procMeminfo(k)),
      f("uptime", () => procUptime(k)),
      f("loadavg", () => procLoadavg(k)),
      f("cpuinfo", () => procCpuinfo()),
      f("version", () => procVersion()),
      f("cmdline", () => "aramid\n"),
      f("filesystems", () => filesystemTypes().map((t) => `${t.nodev ? "nodev" : ""}\t${t.name}\n`).join("")),
      f("vmstat", () => `pgpgin 0\npgpgout 0\npswpin 0\npswpout 0\npgfault ${k.pageFaults}\npgmajfault ${k.majorFaults}\n` +
        `pgalloc_normal 0\npgfree 0\n`),
      f("swaps", () => "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"),
      f("diskstats", () => ""),
      { name: "mounts", mode: S_IFLNK, make: () => this.link("mounts", () => "self/mounts") },
      { name: "sys", mode: S_IFDIR, make: () => this.sysDir() },
    ];
  }

  /** /proc/sys: the sysctls programs read. */
  private sysDir(): ProcDir {
    const k = this.k;
    const f = (key: string, gen: () => string, perm = 0o644): ProcEntry =>
      ({ name: key.slice(key.lastIndexOf("/") + 1), mode: S_IFREG, make: () => this.file(`sys/${key}`, gen, perm) });
    const d = (key: string, entries: () => ProcEntry[]): ProcEntry =>
      ({ name: key.slice(key.lastIndexOf("/") + 1), mode: S_IFDIR, make: () => this.dir(`sys/${key}`, entries) });
    return this.dir("sys", () => [
      d("kernel", () => [
        f("kernel/pid_max", () => `${PID_MAX}\n`),
        f("kernel/osrelease", () => `${UTS_RELEASE}\n`, 0o444),
        f("kernel/ostype", () => "Linux\n", 0o444),
        f("kernel/hostname", () => `${UTS_NODENAME}\n`),
        f("kernel/domainname", () => "(none)\n"),
        f("kernel/threads-max", () => `${k.maxThreads}\n`),
        { name: "randomize_va_space", mode: S_IFREG, make: () => this.file("sys/kernel/randomize_va_space",
          () => `${k.randomizeVaSpace}\n`, 0o644, undefined, intSysctlWriter((v) => { k.randomizeVaSpace = v; })) },
        d("kernel/random", () => [
          f("kernel/random/boot_id", () => `${this.bootId}\n`, 0o444),
          f("kernel/random/uuid", () => `${uuid(k)}\n`, 0o444),
        ]),
      ]),
      d("vm", () => [f("vm/overcommit_memory", () => "0\n")]),
      d("fs", () => [f("fs/file-max", () => "9223372036854775807\n")]),
    ]);
  }
}

/** A random (version 4) UUID from the kernel's entropy. */
function uuid(k: Kernel): string {
  const b = new Uint8Array(16);
  k.host.randomBytes(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Makes `mount -t proc` (and the boot mount at /proc) create a procfs for this kernel. */
export function registerProcfs(k: Kernel): void {
  registerFilesystem("proc", () => new ProcFs(k));
}

