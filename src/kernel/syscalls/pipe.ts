// pipe2 (fs/pipe.c do_pipe2). riscv64 has no plain pipe(2): glibc's pipe()
// is pipe2(fds, 0).
import { O_CLOEXEC, O_DIRECT, O_EXCL, O_NONBLOCK, O_RDONLY, O_WRONLY } from "../../fs/open-file.js";
import { Pipe, type PipeKernel } from "../../fs/pipe.js";
import { EFAULT, EINVAL, ENOPKG } from "../errno.js";
import type { Kernel } from "../kernel.js";
import { RLIMIT_NOFILE, rlimitNumber } from "../rlimits.js";
import { SI_USER } from "../siginfo.js";
import { SIGPIPE } from "../signal-numbers.js";
import { sendSignal } from "../signals.js";
import type { Task } from "../task.js";
import * as SYS from "./numbers.js";
import { int32, type SyscallDef } from "./syscall.js";

/** pipe2(O_NOTIFICATION_PIPE) asks for a watch-queue pipe (it reuses O_EXCL's bit). */
const O_NOTIFICATION_PIPE = O_EXCL;

/** The kernel services a pipe's writers need. */
export function pipeKernel(k: Kernel): PipeKernel {
  return {
    // send_sig(SIGPIPE, current, 0): to the writing thread, as from user space (SI_USER, its own pid).
    brokenPipe: (t) => sendSignal(k, t, { signo: SIGPIPE, code: SI_USER, pid: t.tgid, uid: t.creds.uid }, false),
    signalPending: (t) => ((t.signals.mask | t.group.shared.mask) & ~t.sigMask) !== 0n,
  };
}

/**
 * O_DIRECT makes a packet-mode pipe: each write of up to a page is one
 * packet, and a read takes one packet at most (the rest of it is dropped).
 */
function pipe2(k: Kernel, t: Task, fdsAddr: number, flags: number): number {
  if ((flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT | O_NOTIFICATION_PIPE)) !== 0) return -EINVAL;
  // Watch queues are not built in: what a kernel without CONFIG_WATCH_QUEUE answers.
  if ((flags & O_NOTIFICATION_PIPE) !== 0) return -ENOPKG;
  // pipefs stamps its inodes with current_time(): the coarse clock.
  const pipe = new Pipe(() => k.clock.coarseRealtime(), t.creds.fsuid, t.creds.fsgid);
  const hooks = pipeKernel(k);
  const reader = pipe.open(O_RDONLY | (flags & O_NONBLOCK), hooks);
  const writer = pipe.open(O_WRONLY | (flags & (O_NONBLOCK | O_DIRECT)), hooks);
  const cloexec = (flags & O_CLOEXEC) !== 0;
  const limit = rlimitNumber(t.rlimits[RLIMIT_NOFILE].cur);
  // Installing and then closing on failure leaves the same trace as Linux's
  // reserve-then-install: nothing else runs in between.
  const rfd = t.files.install(reader, cloexec, limit);
  if (rfd < 0) {
    reader.release();
    writer.release();
    return rfd;
  }
  const wfd = t.files.install(writer, cloexec, limit);
  if (wfd < 0) {
    t.files.close(rfd);
    writer.release();
    return wfd;
  }
  const fds = new Uint8Array(8);
  const v = new DataView(fds.buffer);
  v.setInt32(0, rfd, true);
  v.setInt32(4, wfd, true);
  if (t.mm.write(fdsAddr, fds) < 0) {
    t.files.close(rfd);
    t.files.close(wfd);
    return -EFAULT;
  }
  return 0;
}

export const pipeSyscalls: SyscallDef[] = [
  { nr: SYS.SYS_pipe2, args: "xx", fn: (k, t, a) => pipe2(k, t, a[0], int32(a[1])) },
];
