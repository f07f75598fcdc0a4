// signalfd4 (fs/signalfd.c). riscv64 has no plain signalfd(2): glibc's
// signalfd() is signalfd4(fd, mask, 8, flags).
import { SignalFdFile } from "../../fs/anon/signalfd-file.js";
import { O_CLOEXEC, O_NONBLOCK, O_RDWR } from "../../fs/open-file.js";
import { EBADF, EFAULT, EINVAL } from "../errno.js";
import type { Kernel } from "../kernel.js";
import { RLIMIT_NOFILE, rlimitNumber } from "../rlimits.js";
import { UNBLOCKABLE } from "../signals.js";
import type { Task } from "../task.js";
import * as SYS from "./numbers.js";
import { int32, unsigned, type SyscallDef } from "./syscall.js";

const SFD_CLOEXEC = O_CLOEXEC;
const SFD_NONBLOCK = O_NONBLOCK;
const SIGSET_SIZE = 8;

function signalfd4(k: Kernel, t: Task, fd: number, maskAddr: number, size: number, flags: number): number {
  if ((flags & ~(SFD_CLOEXEC | SFD_NONBLOCK)) !== 0) return -EINVAL;
  if (size !== SIGSET_SIZE) return -EINVAL;
  const raw = t.mm.readU64(maskAddr);
  if (typeof raw === "number") return -EFAULT;
  // SIGKILL and SIGSTOP can never be taken through a signalfd.
  const mask = raw & ~UNBLOCKABLE;
  if (fd === -1) {
    const file = new SignalFdFile(k, t.group, mask, O_RDWR | (flags & SFD_NONBLOCK));
    return t.files.install(file, (flags & SFD_CLOEXEC) !== 0, rlimitNumber(t.rlimits[RLIMIT_NOFILE].cur));
  }
  const f = t.files.get(fd);
  if (!f) return -EBADF;
  if (!(f instanceof SignalFdFile)) return -EINVAL;
  f.mask = mask;
  f.maskChanged();
  return fd;
}

export const signalfdSyscalls: SyscallDef[] = [
  {
    nr: SYS.SYS_signalfd4, args: "dxux",
    fn: (k, t, a) => signalfd4(k, t, int32(a[0]), a[1], unsigned(a[2]), int32(a[3])),
  },
];
