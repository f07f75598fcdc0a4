// eventfd (fs/eventfd.c): a 64-bit counter that write() adds to and read()
// takes from — all of it, or one at a time in semaphore mode. Reads wait
// for a non-zero count; writes wait while the sum would reach 2^64 - 1.
import { EAGAIN, EINVAL } from "../../kernel/errno.js";
import type { Task } from "../../kernel/task.js";
import { Blocked, WaitQueue } from "../../kernel/wait.js";
import { O_NONBLOCK, type IoResult } from "../open-file.js";
import { POLLERR, POLLIN, POLLOUT, POLLRDNORM, POLLWRNORM, type PollState } from "../poll-events.js";
import { AnonFile, gather } from "./anon-file.js";

const ULLONG_MAX = 0xffff_ffff_ffff_ffffn;
const COUNT_SIZE = 8;

export class EventFdFile extends AnonFile {
  readonly anonName = "[eventfd]";
  /** eventfd_ida: a small id, unique among live eventfds, that fdinfo shows. */
  private readonly id = allocEventfdId();
  /** Readers and writers both sleep here; every change of the count wakes them. */
  readonly wq = new WaitQueue();

  constructor(
    private count: bigint,
    private readonly semaphore: boolean,
    flags: number,
  ) {
    super(flags);
  }

  private get nonblock(): boolean {
    return (this.flags & O_NONBLOCK) !== 0;
  }

  override read(dest: Uint8Array): IoResult {
    if (dest.length < COUNT_SIZE) return -EINVAL;
    if (this.count === 0n) return this.nonblock ? -EAGAIN : new Blocked([this.wq]);
    const value = this.semaphore ? 1n : this.count;
    this.count -= value;
    new DataView(dest.buffer, dest.byteOffset, COUNT_SIZE).setBigUint64(0, value, true);
    this.wq.notifyAll();
    return COUNT_SIZE;
  }

  override write(src: Uint8Array): IoResult {
    if (src.length < COUNT_SIZE) return -EINVAL;
    const value = new DataView(src.buffer, src.byteOffset, COUNT_SIZE).getBigUint64(0, true);
    if (value === ULLONG_MAX) return -EINVAL;
    if (ULLONG_MAX - this.count <= value) return this.nonblock ? -EAGAIN : new Blocked([this.wq]);
    this.count += value;
    // Linux wakes even for a zero write (epoll users rely on it for EPOLLOUT).
    this.wq.notifyAll();
    return COUNT_SIZE;
  }

  /** The value may straddle two user pages: take the request whole. */
  override writeRequest(_t: Task, bufs: Uint8Array[]): IoResult {
    return this.write(gather(bufs));
  }

  override poll(): PollState {
    let events = 0;
    if (this.count > 0n) events |= POLLIN | POLLRDNORM;
    if (this.count === ULLONG_MAX) events |= POLLERR;
    if (ULLONG_MAX - 1n > this.count) events |= POLLOUT | POLLWRNORM;
    return { events, queues: [this.wq] };
  }

  /** For /proc/PID/fdinfo and tests. */
  get value(): bigint {
    return this.count;
  }

  /** eventfd_show_fdinfo. */
  override fdinfo(): string {
    return `eventfd-count: ${this.count.toString(16).padStart(16)}\neventfd-id: ${this.id}\n` +
      `eventfd-semaphore: ${this.semaphore ? 1 : 0}\n`;
  }

  override release(): void {
    liveEventfdIds.delete(this.id);
  }
}

const liveEventfdIds = new Set<number>();

/** The lowest id not in use, as ida_alloc gives. */
function allocEventfdId(): number {
  let id = 0;
  while (liveEventfdIds.has(id)) id++;
  liveEventfdIds.add(id);
  return id;
}
