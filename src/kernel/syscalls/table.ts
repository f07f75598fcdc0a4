// The syscall table: every implemented call, indexed by number. A number
// with no entry returns ENOSYS (counted by the kernel).
import type { SyscallDef } from "./syscall.js";
import { childrenSyscalls } from "./children.js";
import { credentialSyscalls } from "./credentials.js";
import { fileSyscalls } from "./file.js";
import { attrSyscalls } from "./fs-attr.js";
import { fsIoSyscalls } from "./fs-io.js";
import { mountSyscalls } from "./fs-mount.js";
import { namespaceSyscalls } from "./fs-namespace.js";
import { statfsSyscalls } from "./fs-statfs.js";
import { futexSyscalls } from "./futex.js";
import { ioSyscalls } from "./io.js";
import { memorySyscalls } from "./memory.js";
import { pipeSyscalls } from "./pipe.js";
import { prctlSyscalls } from "./prctl.js";
import { processSyscalls } from "./process.js";
import { personalitySyscalls } from "./personality.js";
import { schedSyscalls } from "./sched.js";
import { sessionSyscalls } from "./session.js";
import { signalSyscalls } from "./signal.js";
import { systemSyscalls } from "./system.js";
import { pollSyscalls } from "./poll.js";
import { timeSyscalls } from "./time.js";
import { timerSyscalls } from "./timer.js";
import { epollSyscalls } from "./epoll.js";
import { eventfdSyscalls } from "./eventfd.js";
import { timerfdSyscalls } from "./timerfd.js";
import { signalfdSyscalls } from "./signalfd.js";
import { inotifySyscalls } from "./inotify.js";
import { memfdSyscalls } from "./memfd.js";
import { socketSyscalls } from "./socket.js";
import { spliceSyscalls } from "./splice.js";
import { ioprioSyscalls } from "./ioprio.js";

function build(groups: SyscallDef[][]): (SyscallDef | undefined)[] {
  const table: (SyscallDef | undefined)[] = [];
  for (const group of groups) {
    for (const def of group) {
      if (table[def.nr]) throw new Error(`syscall ${def.nr} registered twice`);
      table[def.nr] = def;
    }
  }
  return table;
}

export const syscallTable = build([
  childrenSyscalls, fileSyscalls, futexSyscalls, ioSyscalls, memorySyscalls, pipeSyscalls, processSyscalls, signalSyscalls, systemSyscalls, timeSyscalls, timerSyscalls, pollSyscalls,
  credentialSyscalls, sessionSyscalls, prctlSyscalls, schedSyscalls,
  namespaceSyscalls, attrSyscalls, mountSyscalls, statfsSyscalls, fsIoSyscalls,
  eventfdSyscalls, epollSyscalls, timerfdSyscalls, signalfdSyscalls, memfdSyscalls, socketSyscalls,
  personalitySyscalls,
  ioprioSyscalls,
  inotifySyscalls,
  spliceSyscalls,
]);
