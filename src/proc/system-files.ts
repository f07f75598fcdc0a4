// System-wide /proc files: stat, uptime, loadavg, meminfo, cpuinfo, version
// (fs/proc/stat.c, uptime.c, loadavg.c, meminfo.c, arch/riscv/kernel/cpu.c).
import type { Kernel } from "../kernel/kernel.js";
import { UTS_RELEASE, UTS_VERSION } from "../kernel/syscalls/system.js";
import { PAGE_SIZE, ticks } from "./units.js";

/** HI TIMER NET_TX NET_RX BLOCK IRQ_POLL TASKLET SCHED HRTIMER RCU: none counted yet. */
const SOFTIRQS = 10;

export function procStat(k: Kernel): string {
  const now = k.clock.monotonicNs();
  const cols = (c: (typeof k.accounting.cpus)[number]): string =>
    [c.user, c.nice, c.system, k.accounting.idleNs(now, k.idleNow), c.iowait, c.irq, c.softirq, c.steal, c.guest,
      c.guestNice].map(ticks).join(" ");
  const cpu = k.accounting.cpus[0];
  const lines = [
    `cpu  ${cols(cpu)}`,
    ...k.accounting.cpus.map((c, i) => `cpu${i} ${cols(c)}`),
    `intr 0`,
    `ctxt ${k.contextSwitches}`,
    `btime ${k.clock.bootEpochSeconds}`,
    `processes ${k.forks}`,
    `procs_running ${Math.max(1, k.runningTasks())}`,
    `procs_blocked ${k.blockedTasks()}`,
    `softirq 0 ${Array(SOFTIRQS).fill(0).join(" ")}`,
  ];
  return lines.join("\n") + "\n";
}

function centi(ns: number): string {
  const cs = Math.floor(ns / 1e7);
  return `${Math.floor(cs / 100)}.${String(cs % 100).padStart(2, "0")}`;
}

export function procUptime(k: Kernel): string {
  const now = k.clock.monotonicNs();
  return `${centi(now)} ${centi(k.accounting.idleNs(now, k.idleNow))}\n`;
}

export function procLoadavg(k: Kernel): string {
  const la = k.loadAverage;
  la.update(k.clock.monotonicNs(), () => k.activeTasks());
  return `${la.format(0)} ${la.format(1)} ${la.format(2)} ${Math.max(1, k.runningTasks())}/${k.taskCount()} ${k.lastAllocatedPid}\n`;
}

function kbLine(key: string, kb: number): string {
  return `${(key + ":").padEnd(16, " ")}${String(kb).padStart(8, " ")} kB`;
}

/** Guest memory as the frame allocator sees it; page-cache style figures are 0 (no page cache yet). */
export function procMeminfo(k: Kernel): string {
  const kb = (pages: number): number => (pages * PAGE_SIZE) / 1024;
  const total = kb(k.frames.total);
  const free = kb(k.frames.free);
  const rows: [string, number][] = [
    ["MemTotal", total], ["MemFree", free], ["MemAvailable", free], ["Buffers", 0], ["Cached", 0],
    ["SwapCached", 0], ["Active", 0], ["Inactive", 0], ["Active(anon)", 0], ["Inactive(anon)", 0],
    ["Active(file)", 0], ["Inactive(file)", 0], ["Unevictable", 0], ["Mlocked", 0], ["SwapTotal", 0],
    ["SwapFree", 0], ["Dirty", 0], ["Writeback", 0], ["AnonPages", total - free], ["Mapped", 0], ["Shmem", 0],
    ["KReclaimable", 0], ["Slab", 0], ["SReclaimable", 0], ["SUnreclaim", 0], ["KernelStack", 0],
    ["PageTables", 0], ["SecPageTables", 0], ["NFS_Unstable", 0], ["Bounce", 0], ["WritebackTmp", 0],
    ["CommitLimit", total / 2], ["Committed_AS", total - free], ["VmallocTotal", 0], ["VmallocUsed", 0],
    ["VmallocChunk", 0], ["Percpu", 0],
  ];
  return rows.map(([key, v]) => kbLine(key, v)).join("\n") + "\n";
}

export function procCpuinfo(): string {
  const isa = "rv64imafdc_zicntr_zicsr_zifencei";
  return [
    "processor\t: 0",
    "hart\t\t: 0",
    `isa\t\t: ${isa}`,
    "mmu\t\t: sv48",
    "mvendorid\t: 0x0",
    "marchid\t\t: 0x0",
    "mimpid\t\t: 0x0",
    `hart isa\t: ${isa}`,
    "",
    "",
  ].join("\n");
}

export function procVersion(): string {
  return `Linux version ${UTS_RELEASE} (aramid@aramid) (Aramid TypeScript kernel) ${UTS_VERSION}\n`;
}
