// memfd_create (mm/memfd.c).
import { createMemfd } from "../../fs/anon/memfd.js";
import { O_LARGEFILE, O_RDWR } from "../../fs/open-file.js";
import { EFAULT, EINVAL } from "../errno.js";
import { RLIMIT_NOFILE, rlimitNumber } from "../rlimits.js";
import type { Task } from "../task.js";
import * as SYS from "./numbers.js";
import { uint32, type SyscallDef } from "./syscall.js";

const MFD_CLOEXEC = 0x1;
const MFD_ALLOW_SEALING = 0x2;
const MFD_HUGETLB = 0x4;
const MFD_NOEXEC_SEAL = 0x8;
const MFD_EXEC = 0x10;
/** Huge page size selectors (MFD_HUGE_*), only meaningful with MFD_HUGETLB. */
const MFD_HUGE_MASK = 0x3f << 26;
/** NAME_MAX less the "memfd:" prefix. */
const MFD_NAME_MAX_LEN = 255 - 6;

/** The name, at most MFD_NAME_MAX_LEN bytes before its NUL (EINVAL past that, as strnlen_user finds). */
function readName(t: Task, addr: number): string | number {
  const bytes: number[] = [];
  for (let i = 0; i <= MFD_NAME_MAX_LEN; i++) {
    const b = t.mm.read(addr + i, 1);
    if (typeof b === "number") return -EFAULT;
    if (b[0] === 0) return new TextDecoder().decode(Uint8Array.from(bytes));
    bytes.push(b[0]);
  }
  return -EINVAL;
}

function memfdCreate(t: Task, nameAddr: number, flags: number): number {
  if ((flags & ~(MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_HUGETLB | MFD_NOEXEC_SEAL | MFD_EXEC | MFD_HUGE_MASK)) !== 0) {
    return -EINVAL;
  }
  if ((flags & MFD_HUGETLB) === 0 && (flags & MFD_HUGE_MASK) !== 0) return -EINVAL;
  if ((flags & MFD_EXEC) !== 0 && (flags & MFD_NOEXEC_SEAL) !== 0) return -EINVAL;
  // hugetlbfs is not built in: what Linux answers without CONFIG_HUGETLBFS.
  if ((flags & MFD_HUGETLB) !== 0) return -EINVAL;
  const name = readName(t, nameAddr);
  if (typeof name === "number") return name;
  // MFD_NOEXEC_SEAL implies sealing (and seals F_SEAL_EXEC, which is not enforced here).
  const sealable = (flags & (MFD_ALLOW_SEALING | MFD_NOEXEC_SEAL)) !== 0;
  const file = createMemfd(name, { uid: t.creds.fsuid, gid: t.creds.fsgid }, sealable, O_RDWR | O_LARGEFILE);
  return t.files.install(file, (flags & MFD_CLOEXEC) !== 0, rlimitNumber(t.rlimits[RLIMIT_NOFILE].cur));
}

export const memfdSyscalls: SyscallDef[] = [
  { nr: SYS.SYS_memfd_create, args: "sx", fn: (_k, t, a) => memfdCreate(t, a[0], uint32(a[1])) },
];
