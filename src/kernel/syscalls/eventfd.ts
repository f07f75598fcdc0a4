// eventfd2 (fs/eventfd.c do_eventfd). riscv64 has no plain eventfd(2):
// glibc's eventfd() is eventfd2(initval, flags).
import { EventFdFile } from "../../fs/anon/eventfd-file.js";
import { O_CLOEXEC, O_NONBLOCK, O_RDWR } from "../../fs/open-file.js";
import { EINVAL } from "../errno.js";
import { RLIMIT_NOFILE, rlimitNumber } from "../rlimits.js";
import type { Task } from "../task.js";
import * as SYS from "./numbers.js";
import { int32, uint32, type SyscallDef } from "./syscall.js";

export const EFD_SEMAPHORE = 1;
export const EFD_CLOEXEC = O_CLOEXEC;
export const EFD_NONBLOCK = O_NONBLOCK;

function eventfd2(t: Task, initval: number, flags: number): number {
  if ((flags & ~(EFD_SEMAPHORE | EFD_CLOEXEC | EFD_NONBLOCK)) !== 0) return -EINVAL;
  const file = new EventFdFile(BigInt(initval), (flags & EFD_SEMAPHORE) !== 0, O_RDWR | (flags & O_NONBLOCK));
  return t.files.install(file, (flags & EFD_CLOEXEC) !== 0, rlimitNumber(t.rlimits[RLIMIT_NOFILE].cur));
}

export const eventfdSyscalls: SyscallDef[] = [
  { nr: SYS.SYS_eventfd2, args: "ux", fn: (_k, t, a) => eventfd2(t, uint32(a[0]), int32(a[1])) },
];
