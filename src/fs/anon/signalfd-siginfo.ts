// struct signalfd_siginfo (include/uapi/linux/signalfd.h, 128 bytes): what
// read() on a signalfd returns per signal, filled by signalfd_copyinfo from
// the fields the siginfo's layout (siginfo_layout) says are meaningful.
import { encodeSigInfo, SI_KERNEL, SI_TIMER, SI_USER, type SigInfo } from "../../kernel/siginfo.js";
import { SIGBUS, SIGCHLD, SIGFPE, SIGILL, SIGPOLL, SIGSEGV, SIGSYS, SIGTRAP } from "../../kernel/signal-numbers.js";

export const SIGNALFD_SIGINFO_SIZE = 128;
const SI_SIGIO = -5;

type Layout = "kill" | "timer" | "poll" | "fault" | "chld" | "rt" | "sys";

const FAULTS = new Set([SIGILL, SIGFPE, SIGSEGV, SIGBUS, SIGTRAP]);

function layoutOf(signo: number, code: number): Layout {
  if (code > SI_USER && code < SI_KERNEL) {
    if (FAULTS.has(signo)) return "fault";
    if (signo === SIGCHLD) return "chld";
    if (signo === SIGPOLL) return "poll";
    if (signo === SIGSYS) return "sys";
    return "kill";
  }
  if (code === SI_TIMER) return "timer";
  if (code === SI_SIGIO) return "poll";
  return code < 0 ? "rt" : "kill";
}

/** Re-encodes a queued signal as a signalfd record, reading its siginfo_t (which covers raw rt_sigqueueinfo data too). */
export function encodeSignalfdSiginfo(info: SigInfo): Uint8Array {
  const si = encodeSigInfo(info);
  const sv = new DataView(si.buffer, si.byteOffset, si.byteLength);
  const out = new Uint8Array(SIGNALFD_SIGINFO_SIZE);
  const v = new DataView(out.buffer);
  const signo = sv.getInt32(0, true);
  const code = sv.getInt32(8, true);
  v.setUint32(0, signo, true);
  v.setInt32(4, sv.getInt32(4, true), true);
  v.setInt32(8, code, true);
  const copy32 = (from: number, to: number): void => v.setInt32(to, sv.getInt32(from, true), true);
  switch (layoutOf(signo, code)) {
    case "kill":
      copy32(16, 12); // pid
      copy32(20, 16); // uid
      break;
    case "rt":
      copy32(16, 12);
      copy32(20, 16);
      v.setBigUint64(48, sv.getBigUint64(24, true), true); // ssi_ptr
      copy32(24, 44); // ssi_int
      break;
    case "timer":
      copy32(16, 24); // ssi_tid = timer id
      copy32(20, 32); // ssi_overrun
      v.setBigUint64(48, sv.getBigUint64(24, true), true);
      copy32(24, 44);
      break;
    case "chld":
      copy32(16, 12);
      copy32(20, 16);
      copy32(24, 40); // ssi_status
      v.setBigUint64(56, sv.getBigUint64(32, true), true); // ssi_utime
      v.setBigUint64(64, sv.getBigUint64(40, true), true); // ssi_stime
      break;
    case "fault":
      v.setBigUint64(72, sv.getBigUint64(16, true), true); // ssi_addr
      break;
    case "poll":
      copy32(16, 28); // ssi_band (low half of the long)
      copy32(24, 20); // ssi_fd
      break;
    case "sys":
      v.setBigUint64(88, sv.getBigUint64(16, true), true); // ssi_call_addr
      copy32(24, 84); // ssi_syscall
      copy32(28, 96); // ssi_arch
      break;
  }
  return out;
}
