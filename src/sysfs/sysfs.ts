// sysfs (fs/sysfs): the parts programs read to learn the machine —
// /sys/devices/system/cpu (glibc's get_nprocs, htop's CPU discovery,
// psutil's core count) — and /sys/fs/cgroup, where cgroup2 is mounted.
import { registerFilesystem, type FileSystem } from "../fs/filesystem.js";
import { SYSFS_MAGIC, type StatFs } from "../fs/statfs.js";
import { S_IFDIR, S_IFREG } from "../fs/types.js";
import type { Kernel } from "../kernel/kernel.js";
import { MAX_HARTS } from "../cpu/layout.js";
import { ProcDir, ProcFile, type ProcContext, type ProcEntry, type ProcInode } from "../proc/proc-inode.js";
import { syntheticContext } from "./synthetic-context.js";

/** CPUs that exist; one hart today (DESIGN.md §2). */
const ONLINE_CPUS = 1;

export class SysFs implements FileSystem {
  readonly type = "sysfs";
  readonly dev: number;
  readonly root: ProcInode;
  private readonly ctx: ProcContext;

  constructor(k: Kernel) {
    this.ctx = syntheticContext(k);
    this.dev = this.ctx.dev;
    this.root = this.dir("", () => [
      this.sub("devices", () => [this.sub("devices/system", () => [this.sub("devices/system/cpu", () => this.cpuEntries())])]),
      this.sub("fs", () => [this.sub("fs/cgroup", () => [])]),
      this.sub("kernel", () => []),
      this.sub("class", () => []),
      this.sub("bus", () => []),
    ]);
  }

  statfs(): StatFs {
    return { type: SYSFS_MAGIC, bsize: 4096, blocks: 0, bfree: 0, bavail: 0, files: 0, ffree: 0, fsid: [0, 0],
      namelen: 255, frsize: 4096, flags: 0 };
  }

  superOptions(): string {
    return "rw";
  }

  private dir(key: string, entries: () => ProcEntry[]): ProcDir {
    return new ProcDir(this.ctx, key, 0o755, undefined, entries);
  }

  private sub(key: string, entries: () => ProcEntry[]): ProcEntry {
    return { name: key.slice(key.lastIndexOf("/") + 1), mode: S_IFDIR, make: () => this.dir(key, entries) };
  }

  private file(key: string, content: () => string): ProcEntry {
    return { name: key.slice(key.lastIndexOf("/") + 1), mode: S_IFREG, make: () => new ProcFile(this.ctx, key, 0o444, undefined, content) };
  }

  /** cpulist format: "0" for one CPU, "0-N" for more (Linux never prints "0-0"). */
  private cpuList(n: number): string {
    return n === 1 ? "0\n" : `0-${n - 1}\n`;
  }

  private cpuEntries(): ProcEntry[] {
    const base = "devices/system/cpu";
    const cpus: ProcEntry[] = [];
    for (let i = 0; i < ONLINE_CPUS; i++) {
      const c = `${base}/cpu${i}`;
      cpus.push(this.sub(c, () => [
        this.sub(`${c}/topology`, () => [
          this.file(`${c}/topology/core_id`, () => `${i}\n`),
          this.file(`${c}/topology/physical_package_id`, () => "0\n"),
          this.file(`${c}/topology/core_cpus_list`, () => `${i}\n`),
          this.file(`${c}/topology/thread_siblings_list`, () => `${i}\n`),
          this.file(`${c}/topology/core_siblings_list`, () => this.cpuList(ONLINE_CPUS)),
          this.file(`${c}/topology/package_cpus_list`, () => this.cpuList(ONLINE_CPUS)),
        ]),
      ]));
    }
    return [
      this.file(`${base}/online`, () => this.cpuList(ONLINE_CPUS)),
      this.file(`${base}/possible`, () => this.cpuList(ONLINE_CPUS)),
      this.file(`${base}/present`, () => this.cpuList(ONLINE_CPUS)),
      this.file(`${base}/offline`, () => "\n"),
      this.file(`${base}/kernel_max`, () => `${MAX_HARTS - 1}\n`),
      ...cpus,
    ];
  }
}

export function registerSysfs(k: Kernel): void {
  registerFilesystem("sysfs", () => new SysFs(k));
}
