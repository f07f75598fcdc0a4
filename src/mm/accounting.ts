// Per-address-space memory counters, updated on every change (never by a
// scan), with Linux's definitions (mm/internal.h vm_stat_account,
// fs/proc/task_mmu.c). All sizes are in pages except pageTableBytes.

import { PAGE_SIZE } from "../cpu/layout.js";
import { KIND_ANON, KIND_FILE, KIND_SHMEM } from "./page-table.js";
import { isDataMapping, isExecMapping, isStackMapping, VM_LOCKED } from "./vm-flags.js";

export interface MmStats {
  totalVm: number; // VmSize
  peakVm: number; // VmPeak
  lockedVm: number; // VmLck
  dataVm: number; // VmData
  stackVm: number; // VmStk
  execVm: number; // VmExe + VmLib (the kernel splits them with end_code)
  rssAnon: number; // RssAnon
  rssFile: number; // RssFile
  rssShmem: number; // RssShmem
  hiwaterRss: number; // VmHWM
  pageTableBytes: number; // VmPTE
}

export class MmCounters implements MmStats {
  totalVm = 0;
  peakVm = 0;
  lockedVm = 0;
  dataVm = 0;
  stackVm = 0;
  execVm = 0;
  rssAnon = 0;
  rssFile = 0;
  rssShmem = 0;
  hiwaterRss = 0;
  pageTableBytes = 0;

  get rss(): number {
    return this.rssAnon + this.rssFile + this.rssShmem;
  }

  /** A VMA of `pages` pages with `flags` appears (sign 1) or goes (-1). */
  vma(flags: number, pages: number, sign: 1 | -1): void {
    const n = pages * sign;
    this.totalVm += n;
    if (this.totalVm > this.peakVm) this.peakVm = this.totalVm;
    if (flags & VM_LOCKED) this.lockedVm += n;
    if (isExecMapping(flags)) this.execVm += n;
    else if (isStackMapping(flags)) this.stackVm += n;
    else if (isDataMapping(flags)) this.dataVm += n;
  }

  /** A resident page of this kind appears (1) or goes (-1). */
  page(kind: number, sign: 1 | -1): void {
    if (kind === KIND_ANON) this.rssAnon += sign;
    else if (kind === KIND_FILE) this.rssFile += sign;
    else if (kind === KIND_SHMEM) this.rssShmem += sign;
    else return; // the zero page is not resident memory of this process
    if (sign > 0 && this.rss > this.hiwaterRss) this.hiwaterRss = this.rss;
  }

  setPageTables(leaves: number): void {
    this.pageTableBytes = leaves * PAGE_SIZE;
  }

  snapshot(): MmStats {
    const { totalVm, peakVm, lockedVm, dataVm, stackVm, execVm, rssAnon, rssFile, rssShmem, hiwaterRss, pageTableBytes } = this;
    return { totalVm, peakVm, lockedVm, dataVm, stackVm, execVm, rssAnon, rssFile, rssShmem, hiwaterRss, pageTableBytes };
  }
}
