// Opening a FIFO blocks (fs/pipe.c fifo_open): a reader waits until some
// writer has opened it, a writer until some reader has; O_RDWR and
// O_NONBLOCK never wait. The waiting opener is already counted as a reader
// or writer, so two openers waiting for each other both proceed. Openings are
// counted per pipe (Linux's r_counter/w_counter) so that a writer that came
// and went while the reader slept still lets it through.
import { O_ACCMODE, O_NONBLOCK, O_RDONLY, O_RDWR, O_WRONLY, type OpenFile } from "../../fs/open-file.js";
import { PipeFile, type Pipe } from "../../fs/pipe.js";
import type { Task } from "../task.js";
import { Blocked, WaitQueue } from "../wait.js";

interface FifoCounters {
  readerOpens: number;
  writerOpens: number;
  opened: WaitQueue;
}

const counters = new WeakMap<Pipe, FifoCounters>();

function countersOf(pipe: Pipe): FifoCounters {
  let c = counters.get(pipe);
  if (!c) {
    c = { readerOpens: 0, writerOpens: 0, opened: new WaitQueue() };
    counters.set(pipe, c);
  }
  return c;
}

/** A FIFO open waiting for the other side, kept in task.syscallState across re-runs. */
export class FifoOpenWait {
  constructor(
    readonly file: PipeFile,
    readonly reader: boolean,
    /** The other side's open count when the wait began. */
    readonly seen: number,
  ) {}

  get satisfied(): boolean {
    const c = countersOf(this.file.pipe);
    return this.reader ? c.writerOpens !== this.seen : c.readerOpens !== this.seen;
  }

  block(t: Task): Blocked {
    const b = new Blocked([countersOf(this.file.pipe).opened]);
    // Interrupted by a signal: the half-open end goes away (and a restart opens afresh).
    b.onInterrupt = () => {
      this.file.release();
      t.syscallState = null;
    };
    return b;
  }
}

/** Records a new open of a FIFO end and wakes openers waiting for it; returns a wait if this one must wait. */
export function fifoOpened(file: OpenFile, flags: number): FifoOpenWait | null {
  // A pipe with no name in any directory (pipe(2)'s, reopened through /proc/PID/fd) is pipefs's:
  // fifo_open waits only for named FIFOs.
  if (!(file instanceof PipeFile) || file.dentry === null || file.dentry.parent === null) return null;
  const pipe = file.pipe;
  const c = countersOf(pipe);
  const acc = flags & O_ACCMODE;
  if (acc !== O_WRONLY) c.readerOpens++;
  if (acc !== O_RDONLY) c.writerOpens++;
  c.opened.notifyAll();
  if (acc === O_RDWR || (flags & O_NONBLOCK) !== 0) return null;
  if (acc === O_RDONLY && pipe.writers === 0) return new FifoOpenWait(file, true, c.writerOpens);
  if (acc === O_WRONLY && pipe.readers === 0) return new FifoOpenWait(file, false, c.readerOpens);
  return null;
}
