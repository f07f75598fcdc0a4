// cgroup2 (cgroupfs): one directory per cgroup with the core interface
// files. No resource controllers are implemented, so cgroup.controllers is
// empty; processes can be moved between cgroups by writing their pid to
// cgroup.procs, which is what /proc/PID/cgroup then shows.
import { registerFilesystem, type FileSystem } from "../fs/filesystem.js";
import type { Owner as FsOwner } from "../fs/inode.js";
import { type StatFs } from "../fs/statfs.js";
import { S_IFDIR, S_IFREG } from "../fs/types.js";
import { EBUSY, EEXIST, EINVAL, ENOENT, EOPNOTSUPP, ESRCH } from "../kernel/errno.js";
import type { Kernel } from "../kernel/kernel.js";
import type { ThreadGroup } from "../kernel/thread-group.js";
import { ProcDir, ProcFile, type ProcContext, type ProcEntry, type ProcInode } from "../proc/proc-inode.js";
import { syntheticContext } from "../sysfs/synthetic-context.js";
import { CgroupTree } from "./cgroup-tree.js";

const CGROUP2_SUPER_MAGIC = 0x63677270;

export class CgroupFs implements FileSystem {
  readonly type = "cgroup2";
  readonly dev: number;
  readonly root: ProcInode;
  readonly ctx: ProcContext;

  constructor(readonly k: Kernel) {
    this.ctx = syntheticContext(k);
    this.dev = this.ctx.dev;
    this.root = new CgroupDir(this, "/");
  }

  statfs(): StatFs {
    return { type: CGROUP2_SUPER_MAGIC, bsize: 4096, blocks: 0, bfree: 0, bavail: 0, files: 0, ffree: 0,
      fsid: [0, 0], namelen: 255, frsize: 4096, flags: 0 };
  }

  superOptions(): string {
    return "rw,nsdelegate,memory_recursiveprot";
  }

  get tree(): CgroupTree {
    return this.k.cgroups;
  }

  /** Live processes whose cgroup is `path`. */
  members(path: string): ThreadGroup[] {
    const seen = new Set<ThreadGroup>();
    for (const t of this.k.allTasks()) if (t.alive && t.group.cgroup === path) seen.add(t.group);
    return [...seen].sort((a, b) => a.tgid - b.tgid);
  }
}

class CgroupDir extends ProcDir {
  constructor(private readonly cfs: CgroupFs, private readonly path: string) {
    super(cfs.ctx, `cg:${path}`, 0o755, undefined, () => this.list());
  }

  private list(): ProcEntry[] {
    const fs = this.cfs;
    const p = this.path;
    const isRoot = p === "/";
    const f = (name: string, gen: () => string, writer: ((d: Uint8Array) => number) | null = null): ProcEntry => ({
      name, mode: S_IFREG,
      make: () => new ProcFile(fs.ctx, `cg:${p}/${name}`, writer ? 0o644 : 0o444, undefined,
        () => (fs.tree.exists(p) ? gen() : -ENOENT), writer),
    });
    const entries: ProcEntry[] = [
      f("cgroup.controllers", () => "\n"),
      f("cgroup.max.depth", () => "max\n"),
      f("cgroup.max.descendants", () => "max\n"),
      f("cgroup.procs", () => fs.members(p).map((g) => `${g.tgid}\n`).join(""), (d) => this.moveProcess(d)),
      f("cgroup.stat", () => `nr_descendants ${fs.tree.subtree(p).length - 1}\nnr_dying_descendants 0\n`),
      f("cgroup.subtree_control", () => "\n", (d) => (new TextDecoder().decode(d).trim() === "" ? d.length : -EINVAL)),
      f("cgroup.threads", () => fs.members(p).flatMap((g) => [...g.threads].filter((t) => t.alive).map((t) => `${t.tid}\n`)).join(""),
        () => -EOPNOTSUPP),
      f("cpu.stat", () => this.cpuStat()),
    ];
    if (!isRoot) {
      entries.push(
        f("cgroup.events", () => `populated ${this.populated() ? 1 : 0}\nfrozen 0\n`),
        f("cgroup.freeze", () => "0\n"),
        f("cgroup.type", () => "domain\n"),
      );
    }
    for (const c of fs.tree.childrenOf(p)) {
      entries.push({ name: c.slice(c.lastIndexOf("/") + 1), mode: S_IFDIR, make: () => new CgroupDir(fs, c), id: fs.tree.node(c) });
    }
    return entries;
  }

  private populated(): boolean {
    return this.cfs.tree.subtree(this.path).some((q) => this.cfs.members(q).length > 0);
  }

  /** Usage of every process in the subtree, live ones plus those that have exited. */
  private cpuStat(): string {
    let user = 0;
    let system = 0;
    for (const q of this.cfs.tree.subtree(this.path)) {
      const e = this.cfs.tree.exited(q);
      user += e.user;
      system += e.system;
      for (const g of this.cfs.members(q)) {
        user += g.utimeNs();
        system += g.stimeNs();
      }
    }
    const us = (ns: number): number => Math.floor(ns / 1000);
    return `usage_usec ${us(user + system)}\nuser_usec ${us(user)}\nsystem_usec ${us(system)}\n` +
      `nr_periods 0\nnr_throttled 0\nthrottled_usec 0\nnr_bursts 0\nburst_usec 0\n`;
  }

  /** Writing a pid (0: the writer's own process) moves that whole process here. */
  private moveProcess(data: Uint8Array): number {
    const text = new TextDecoder().decode(data).trim();
    if (!/^\d+$/.test(text)) return -EINVAL;
    const pid = Number(text);
    const reader = this.cfs.k.current;
    const g = pid === 0 ? reader?.group : this.cfs.k.group(pid);
    if (!g || g.zombie) return -ESRCH;
    if (!this.cfs.tree.exists(this.path)) return -ENOENT;
    g.cgroup = this.path;
    return data.length;
  }

  override mkdir(name: string, _mode: number, _owner: FsOwner): ProcInode | number {
    if (name.includes("/") || name.startsWith("cgroup.") || name.includes(".") && name.split(".")[0] === "cpu") return -EINVAL;
    if (!this.cfs.tree.add(this.path, name)) return -EEXIST;
    return new CgroupDir(this.cfs, CgroupTree.join(this.path, name));
  }

  override rmdir(name: string): number {
    const path = CgroupTree.join(this.path, name);
    if (!this.cfs.tree.exists(path)) return -ENOENT;
    if (this.cfs.tree.childrenOf(path).length > 0 || this.cfs.members(path).length > 0) return -EBUSY;
    this.cfs.tree.remove(path);
    return 0;
  }
}

export function registerCgroupFs(k: Kernel): void {
  registerFilesystem("cgroup2", () => new CgroupFs(k));
}
