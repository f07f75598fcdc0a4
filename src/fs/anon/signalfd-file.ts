// signalfd (fs/signalfd.c): reading dequeues pending signals that are in the
// descriptor's mask and returns them as signalfd_siginfo records instead of
// having them delivered. Like Linux, it looks at the signals of whoever
// reads or polls it — the calling thread's own queue first, then its
// process's — and sleeps on the process's signalfd queue, which every
// queued signal notifies.
import { EAGAIN, EINVAL } from "../../kernel/errno.js";
import type { Kernel } from "../../kernel/kernel.js";
import type { SigInfo } from "../../kernel/siginfo.js";
import { SIGBUS, SIGFPE, SIGILL, SIGSEGV, SIGSYS, SIGTRAP } from "../../kernel/signal-numbers.js";
import { sigBit, type SigQueue } from "../../kernel/sigqueue.js";
import type { Task } from "../../kernel/task.js";
import type { ThreadGroup } from "../../kernel/thread-group.js";
import { Blocked } from "../../kernel/wait.js";
import { O_NONBLOCK, type IoResult } from "../open-file.js";
import { POLLIN, POLLRDNORM, type PollState } from "../poll-events.js";
import { AnonFile } from "./anon-file.js";
import { encodeSignalfdSiginfo, SIGNALFD_SIGINFO_SIZE } from "./signalfd-siginfo.js";

/** Dequeued before the others, as next_signal does (SYNCHRONOUS_MASK). */
const SYNCHRONOUS = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGSYS];

/** next_signal: the synchronous signals first, then the lowest number; 0 when none. */
function nextSignal(pending: bigint): number {
  if (pending === 0n) return 0;
  for (const s of SYNCHRONOUS) if ((pending & sigBit(s)) !== 0n) return s;
  for (let s = 1; s <= 64; s++) if ((pending & sigBit(s)) !== 0n) return s;
  return 0;
}

function takeFrom(q: SigQueue, mask: bigint): SigInfo | undefined {
  const sig = nextSignal(q.mask & mask);
  return sig === 0 ? undefined : q.take(sig);
}

export class SignalFdFile extends AnonFile {
  constructor(
    private readonly k: Kernel,
    /** The process that created it, whose signals a poll from elsewhere looks at. */
    private readonly owner: ThreadGroup,
    public mask: bigint,
    flags: number,
  ) {
    super(flags);
  }

  readonly anonName = "[signalfd]";

  /** signalfd_show_fdinfo: the mask as render_sigset_t prints it (bit N-1 for signal N, 16 hex digits). */
  override fdinfo(): string {
    return `sigmask:\t${this.mask.toString(16).padStart(16, "0")}\n`;
  }

  /** The thread whose signals count: the caller when it belongs to the owner, else a live owner thread. */
  private taskFor(t?: Task): Task | undefined {
    const cur = t ?? this.k.current ?? undefined;
    if (cur && cur.group === this.owner) return cur;
    if (t) return t;
    for (const x of this.owner.threads) if (x.alive) return x;
    return undefined;
  }

  private pending(t: Task): bigint {
    return (t.signals.mask | t.group.shared.mask) & this.mask;
  }

  /** Wakes readers after the mask changed (signalfd4 on an existing descriptor). */
  maskChanged(): void {
    this.owner.signalfdWait.notifyAll();
  }

  override read(dest: Uint8Array, _pos: number | null, task?: Task): IoResult {
    const count = Math.floor(dest.length / SIGNALFD_SIGINFO_SIZE);
    if (count === 0) return -EINVAL;
    const t = this.taskFor(task);
    if (!t) return -EINVAL;
    let n = 0;
    while (n < count) {
      const info = takeFrom(t.signals, this.mask) ?? takeFrom(t.group.shared, this.mask);
      if (!info) break;
      dest.set(encodeSignalfdSiginfo(info), n * SIGNALFD_SIGINFO_SIZE);
      n++;
    }
    if (n > 0) return n * SIGNALFD_SIGINFO_SIZE;
    if ((this.flags & O_NONBLOCK) !== 0) return -EAGAIN;
    return new Blocked([t.group.signalfdWait]);
  }

  override write(): IoResult {
    return -EINVAL;
  }

  override poll(): PollState {
    const t = this.taskFor();
    if (!t) return { events: 0, queues: [this.owner.signalfdWait] };
    const events = this.pending(t) !== 0n ? POLLIN | POLLRDNORM : 0;
    return { events, queues: [t.group.signalfdWait] };
  }
}
