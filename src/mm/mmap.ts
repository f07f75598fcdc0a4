// mmap(2) and munmap(2) (mm/mmap.c do_mmap, mm/vma.c do_vmi_munmap), and
// the kernel's own special mappings such as [vdso].

import { PAGE_SIZE } from "../cpu/layout.js";
import { EACCES, EBADF, EEXIST, EINVAL, ENOMEM, EOPNOTSUPP, EOVERFLOW } from "../kernel/errno.js";
import type { FileBacking } from "./file-backing.js";
import {
  LEGACY_MAP_MASK,
  MAP_ANONYMOUS,
  MAP_DROPPABLE,
  MAP_FIXED,
  MAP_FIXED_NOREPLACE,
  MAP_GROWSDOWN,
  MAP_HUGETLB,
  MAP_LOCKED,
  MAP_NONBLOCK,
  MAP_NORESERVE,
  MAP_POPULATE,
  MAP_PRIVATE,
  MAP_SHARED,
  MAP_SHARED_VALIDATE,
  MAP_STACK,
  MAP_TYPE,
  PROT_READ,
  PROT_WRITE,
} from "./mman.js";
import type { MmState } from "./mm-state.js";
import { resolve } from "./page-fault.js";
import { SharedObject } from "./shared-object.js";
import { getUnmappedArea } from "./unmapped-area.js";
import { writeForce } from "./user-access.js";
import {
  protToVm,
  VM_ACCESS_FLAGS,
  VM_ACCOUNT,
  VM_DONTDUMP,
  VM_DONTEXPAND,
  VM_GROWSDOWN,
  VM_LOCKED,
  VM_MAY_FLAGS,
  VM_MAYSHARE,
  VM_MAYWRITE,
  VM_NOHUGEPAGE,
  VM_NORESERVE,
  VM_SHARED,
  VM_WIPEONFORK,
  VM_WRITE,
} from "./vm-flags.js";
import { MMAP_MIN_ADDR, pageAlignDown, pageAlignUp, TASK_SIZE } from "./vm-layout.js";
import { Vma } from "./vma.js";

interface MmapRequest {
  addr: number;
  len: number;
  prot: number;
  file: FileBacking | null;
  fixed: boolean;
}

/** The argument checks of sys_mmap/do_mmap that need no address space. */
function checkArgs(addr: number, length: number, prot: number, flags: number, file: FileBacking | null, offset: number): MmapRequest | number {
  if (!Number.isInteger(addr) || addr < 0 || !Number.isInteger(length) || length < 0) return -EINVAL;
  if (!Number.isInteger(offset) || offset < 0 || offset % PAGE_SIZE !== 0) return -EINVAL;
  if (prot & PROT_WRITE) prot |= PROT_READ; // riscv: no write-only pages
  if (length === 0) return -EINVAL;
  if (flags & MAP_ANONYMOUS) file = null;
  else if (file === null) return -EBADF;
  const fixed = (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) !== 0;
  const len = pageAlignUp(length);
  if (len > TASK_SIZE) return -ENOMEM;
  if (offset / PAGE_SIZE + len / PAGE_SIZE > 2 ** 52) return -EOVERFLOW;
  if (file === null && flags & MAP_HUGETLB) return -ENOMEM; // no huge pages reserved
  return { addr: fixed ? addr : roundHintToMin(addr), len, prot, file, fixed };
}

/** mmap(2): the mapped address, or -errno. fd handling is the caller's. */
export function mmap(st: MmState, addr: number, length: number, prot: number, flags: number, file: FileBacking | null, offset: number): number {
  const req = checkArgs(addr, length, prot, flags, file, offset);
  if (typeof req === "number") return req;
  if (st.vmaList.count > st.options.maxMapCount) return -ENOMEM;
  const vmFlags = mmapVmFlags(req.prot, flags, req.file);
  if (vmFlags < 0) return vmFlags;
  const shared = (vmFlags & VM_MAYSHARE) !== 0;
  const start = getUnmappedArea(st, req.addr, req.len, req.fixed, req.file !== null || shared);
  if (start < 0) return start;
  const end = start + req.len;
  if (flags & MAP_FIXED_NOREPLACE && st.vmaList.intersects(start, end)) return -EEXIST;
  if (st.splitWouldOverflow(start, end)) return -ENOMEM;
  const object = shared ? sharedObjectFor(st, req.file) : null;
  const pgOffset = req.file !== null ? offset : shared ? 0 : start; // anonymous: Linux's vm_pgoff = addr
  st.mapRegion(new Vma(start, end, vmFlags, req.file, pgOffset, object, null));
  if (vmFlags & VM_LOCKED || (flags & (MAP_POPULATE | MAP_NONBLOCK)) === MAP_POPULATE) populate(st, start, end);
  return start;
}

export function munmap(st: MmState, addr: number, length: number): number {
  if (!Number.isInteger(addr) || !Number.isInteger(length) || addr < 0 || length < 0) return -EINVAL;
  if (addr % PAGE_SIZE !== 0 || addr > TASK_SIZE || length > TASK_SIZE - addr) return -EINVAL;
  const len = pageAlignUp(length);
  if (len === 0) return -EINVAL;
  const end = Math.min(addr + len, TASK_SIZE);
  if (st.splitWouldOverflow(addr, end)) return -ENOMEM;
  st.unmapRange(addr, end);
  return 0;
}

/** The file's page object (shared by every mapping of it), or a new one for shared anonymous memory. */
function sharedObjectFor(st: MmState, file: FileBacking | null): SharedObject {
  if (file === null) return new SharedObject(st.frames, null);
  return file.sharedPages(() => new SharedObject(st.frames, file));
}

/** Maps a kernel-provided area (e.g. [vdso]) holding `content`; never merges. */
export function mapSpecial(st: MmState, addr: number, content: Uint8Array, prot: number, name: string): number {
  const len = pageAlignUp(Math.max(content.length, 1));
  const start = getUnmappedArea(st, addr, len, false, true);
  if (start < 0) return start;
  const flags = protToVm(prot) | VM_MAY_FLAGS | VM_DONTEXPAND;
  st.mapRegion(new Vma(start, start + len, flags, null, start, null, name));
  const r = writeForce(st, start, content);
  return r < 0 ? r : start;
}

// round_hint_to_min: a hint is page-aligned down, and lifted to mmap_min_addr.
function roundHintToMin(addr: number): number {
  const a = pageAlignDown(Math.min(addr, TASK_SIZE));
  return a !== 0 && a < MMAP_MIN_ADDR ? pageAlignUp(MMAP_MIN_ADDR) : a;
}

/** do_mmap's flag checks and the VM_* flags of the new area, or -errno. */
function mmapVmFlags(prot: number, flags: number, file: FileBacking | null): number {
  let vm = protToVm(prot) | VM_MAY_FLAGS;
  if (flags & MAP_GROWSDOWN) vm |= VM_GROWSDOWN;
  if (flags & MAP_LOCKED) vm |= VM_LOCKED;
  if (flags & MAP_STACK) vm |= VM_NOHUGEPAGE; // Linux 6.7+
  if (flags & MAP_NORESERVE) vm |= VM_NORESERVE;
  const type = flags & MAP_TYPE;
  if (file !== null) {
    if (type === MAP_SHARED_VALIDATE && flags & ~LEGACY_MAP_MASK) return -EOPNOTSUPP;
    if (type === MAP_SHARED || type === MAP_SHARED_VALIDATE) {
      if (prot & PROT_WRITE && !file.writable) return -EACCES;
      vm |= VM_SHARED | VM_MAYSHARE;
      if (!file.writable) vm &= ~(VM_MAYWRITE | VM_SHARED);
    } else if (type !== MAP_PRIVATE) return -EINVAL;
    if (vm & VM_GROWSDOWN) return -EINVAL;
  } else if (type === MAP_SHARED) {
    if (vm & VM_GROWSDOWN) return -EINVAL;
    vm |= VM_SHARED | VM_MAYSHARE;
  } else if (type === MAP_DROPPABLE) {
    // 6.11+: pages the kernel may drop; never locked, stacks or copied.
    if (flags & (MAP_LOCKED | MAP_HUGETLB) || vm & VM_GROWSDOWN) return -EINVAL;
    vm |= VM_NORESERVE | VM_WIPEONFORK | VM_DONTDUMP;
  } else if (type !== MAP_PRIVATE) return -EINVAL;
  // mm/mmap.c accountable_mapping: private writable memory is committed.
  if ((vm & (VM_NORESERVE | VM_SHARED | VM_WRITE)) === VM_WRITE) vm |= VM_ACCOUNT;
  return vm;
}

/** MAP_POPULATE: faults pages in as a write when private-writable; stops at the first failure. */
function populate(st: MmState, start: number, end: number): void {
  for (let va = start; va < end; va += PAGE_SIZE) {
    const v = st.vmaList.find(va);
    if (v === null || (v.flags & VM_ACCESS_FLAGS) === 0) return;
    const write = (v.flags & (VM_WRITE | VM_SHARED)) === VM_WRITE;
    if (resolve(st, va, write ? "write" : "read", false) < 0) return;
  }
}
