// /proc/PID/smaps and smaps_rollup (fs/proc/task_mmu.c show_smap,
// show_smaps_rollup): the maps header, then per-area memory in kB.
// Pages are never shared between address spaces except after fork, so
// Pss equals Rss divided by the frames' sharers; here every resident page
// is counted as private (fork sharing is not tracked per page yet).
import type { Task } from "../kernel/task.js";
import type { VmaInfo } from "../mm/address-space.js";
import { VM_EXEC, VM_GROWSDOWN, VM_LOCKED, VM_READ, VM_SHARED, VM_WRITE } from "../mm/vm-flags.js";
import { taskMaps } from "./task-maps.js";

const KB_PER_PAGE = 4;

function kbLine(key: string, kb: number): string {
  return `${(key + ":").padEnd(16, " ")}${String(kb).padStart(8, " ")} kB\n`;
}

interface Usage {
  size: number;
  anon: number;
  file: number;
  shmem: number;
  locked: number;
}

function usageLines(u: Usage, rollup: boolean): string {
  const rss = u.anon + u.file + u.shmem;
  const lines: [string, number][] = [
    ["Rss", rss], ["Pss", rss], ["Pss_Dirty", u.anon + u.shmem],
    ...(rollup ? [["Pss_Anon", u.anon], ["Pss_File", u.file], ["Pss_Shmem", u.shmem]] as [string, number][] : []),
    ["Shared_Clean", 0], ["Shared_Dirty", 0], ["Private_Clean", u.file], ["Private_Dirty", u.anon + u.shmem],
    ["Referenced", rss], ["Anonymous", u.anon], ["KSM", 0], ["LazyFree", 0], ["AnonHugePages", 0],
    ["ShmemPmdMapped", 0], ["FilePmdMapped", 0], ["Shared_Hugetlb", 0], ["Private_Hugetlb", 0], ["Swap", 0],
    ["SwapPss", 0], ["Locked", u.locked],
  ];
  return lines.map(([k, v]) => kbLine(k, v * KB_PER_PAGE)).join("");
}

function usageOf(t: Task, v: VmaInfo): Usage {
  const r = t.mm.residentIn(v.start, v.end);
  const pages = (v.end - v.start) / 4096;
  return { size: pages, anon: r.anon, file: r.file, shmem: r.shmem, locked: (v.flags & VM_LOCKED) !== 0 ? pages : 0 };
}

/** VmFlags: the two-letter codes of show_smap_vma_flags, each followed by a space. */
function vmFlags(v: VmaInfo): string {
  const codes: [number, string][] = [[VM_READ, "rd"], [VM_WRITE, "wr"], [VM_EXEC, "ex"], [VM_SHARED, "sh"],
    [VM_GROWSDOWN, "gd"], [VM_LOCKED, "lo"]];
  let out = "";
  for (const [bit, code] of codes) if ((v.flags & bit) !== 0) out += code + " ";
  return out + "mr mw me ac ";
}

export function taskSmaps(t: Task): string {
  if (!t.alive && t.group.zombie) return "";
  const headers = taskMaps(t).split("\n");
  let i = 0;
  let out = "";
  for (const v of t.mm.vmas()) {
    const u = usageOf(t, v);
    out += `${headers[i++]}\n` + kbLine("Size", u.size * KB_PER_PAGE) + kbLine("KernelPageSize", 4) +
      kbLine("MMUPageSize", 4) + usageLines(u, false) + `THPeligible:    0\nVmFlags: ${vmFlags(v)}\n`;
  }
  return out;
}

export function taskSmapsRollup(t: Task): string {
  if (!t.alive && t.group.zombie) return "";
  const total: Usage = { size: 0, anon: 0, file: 0, shmem: 0, locked: 0 };
  let first = -1;
  let last = 0;
  for (const v of t.mm.vmas()) {
    const u = usageOf(t, v);
    total.anon += u.anon;
    total.file += u.file;
    total.shmem += u.shmem;
    total.locked += u.locked;
    if (first < 0) first = v.start;
    last = v.end;
  }
  const hex = (n: number): string => Math.max(0, n).toString(16).padStart(8, "0");
  const header = `${hex(first)}-${hex(last)} ---p 00000000 00:00 0 `.padEnd(73, " ") + "[rollup]\n";
  return header + usageLines(total, true);
}
