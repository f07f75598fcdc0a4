// Address-space syscalls: brk, mmap, munmap, mprotect, mremap, madvise. The
// semantics live in src/mm/address-space.ts; this layer turns descriptors
// into file backings and checks what only the VFS knows (access modes).
import { inodeBacking } from "../../fs/file-mapping.js";
import { O_ACCMODE, O_RDONLY } from "../../fs/open-file.js";
import type { FileBacking } from "../../mm/file-backing.js";
import { MAP_ANONYMOUS, MAP_SHARED, MAP_SHARED_VALIDATE, MAP_TYPE, PROT_WRITE } from "../../mm/mman.js";
import { EACCES, EBADF, EFAULT, EINVAL, ENODEV } from "../errno.js";
import type { Kernel } from "../kernel.js";
import type { Task } from "../task.js";
import * as SYS from "./numbers.js";
import { int32, unsigned, type SyscallDef } from "./syscall.js";

const PAGE_MASK = 4095;

function backingFor(t: Task, fd: number, prot: number, flags: number): FileBacking | number {
  const f = t.files.getIo(fd);
  if (!f) return -EBADF;
  const inode = f.inode;
  if (!inode || !f.dentry) return -ENODEV;
  if (!inode.isRegular()) return -ENODEV;
  if (!f.readable) return -EACCES;
  const shared = (flags & MAP_TYPE) === MAP_SHARED || (flags & MAP_TYPE) === MAP_SHARED_VALIDATE;
  const writable = (f.flags & O_ACCMODE) !== O_RDONLY;
  if (shared && (prot & PROT_WRITE) !== 0 && !writable) return -EACCES;
  return inodeBacking(inode, f.dentry.pathFrom(t.fs.root), writable);
}

function mmap(_k: Kernel, t: Task, a: Float64Array): number {
  const addr = unsigned(a[0]);
  const len = unsigned(a[1]);
  const prot = int32(a[2]);
  const flags = int32(a[3]);
  const off = unsigned(a[5]);
  if ((off & PAGE_MASK) !== 0) return -EINVAL;
  let backing: FileBacking | null = null;
  if ((flags & MAP_ANONYMOUS) === 0) {
    const b = backingFor(t, int32(a[4]), prot, flags);
    if (typeof b === "number") return b;
    backing = b;
  }
  return t.mm.mmap(addr, len, prot, flags, backing, backing ? off : 0);
}

const MLOCK_ONFAULT = 1;

/** mincore: one byte per page, bit 0 set when the page is resident. */
function mincore(t: Task, addr: number, len: number, vec: number): number {
  const r = t.mm.mincore(addr, len);
  if (typeof r === "number") return r;
  return t.mm.write(vec, r) < 0 ? -EFAULT : 0;
}

export const memorySyscalls: SyscallDef[] = [
  { nr: SYS.SYS_brk, args: "x", fn: (_k, t, a) => t.mm.brk(unsigned(a[0])) },
  { nr: SYS.SYS_mmap, args: "xuxxdx", fn: mmap },
  { nr: SYS.SYS_munmap, args: "xu", fn: (_k, t, a) => t.mm.munmap(unsigned(a[0]), unsigned(a[1])) },
  { nr: SYS.SYS_mprotect, args: "xux", fn: (_k, t, a) => t.mm.mprotect(unsigned(a[0]), unsigned(a[1]), int32(a[2])) },
  {
    nr: SYS.SYS_mremap, args: "xuuxx",
    fn: (_k, t, a) => t.mm.mremap(unsigned(a[0]), unsigned(a[1]), unsigned(a[2]), int32(a[3]), unsigned(a[4])),
  },
  { nr: SYS.SYS_madvise, args: "xud", fn: (_k, t, a) => t.mm.madvise(unsigned(a[0]), unsigned(a[1]), int32(a[2])) },
  // Root has CAP_IPC_LOCK, so RLIMIT_MEMLOCK does not apply to the guest's default user.
  { nr: SYS.SYS_mlock, args: "xu", fn: (_k, t, a) => t.mm.mlock(unsigned(a[0]), unsigned(a[1])) },
  {
    nr: SYS.SYS_mlock2, args: "xux", fn: (_k, t, a) =>
      (int32(a[2]) & ~MLOCK_ONFAULT) !== 0 ? -EINVAL : t.mm.mlock(unsigned(a[0]), unsigned(a[1])),
  },
  { nr: SYS.SYS_munlock, args: "xu", fn: (_k, t, a) => t.mm.munlock(unsigned(a[0]), unsigned(a[1])) },
  { nr: SYS.SYS_msync, args: "xux", fn: (_k, t, a) => t.mm.msync(unsigned(a[0]), unsigned(a[1]), int32(a[2])) },
  { nr: SYS.SYS_mincore, args: "xux", fn: (_k, t, a) => mincore(t, unsigned(a[0]), unsigned(a[1]), a[2]) },
];
