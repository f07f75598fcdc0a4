// timerfd (fs/timerfd.c): a timer whose expirations are read as a count
// instead of being signalled. Expirations are counted lazily from the clock
// whenever the file is looked at, so the count is exact however late the
// host's timer runs; the host timer only wakes readers and pollers.
//
// Times are kept on the kernel's monotonic clock. CLOCK_REALTIME differs
// from it by a constant here (the wall clock is never set), so an absolute
// wall-clock expiry is converted once, when the timer is armed.
import { EAGAIN, EINVAL } from "../../kernel/errno.js";
import type { Kernel } from "../../kernel/kernel.js";
import { Blocked, WaitQueue } from "../../kernel/wait.js";
import { O_NONBLOCK, type IoResult } from "../open-file.js";
import { POLLIN, POLLRDNORM, type PollState } from "../poll-events.js";
import { AnonFile } from "./anon-file.js";

const TICKS_SIZE = 8;

export class TimerFdFile extends AnonFile {
  readonly anonName = "[timerfd]";
  readonly wq = new WaitQueue();
  /** The TFD_TIMER_* flags of the last timerfd_settime, which fdinfo shows. */
  settimeFlags = 0;
  /** Next expiry in monotonic ns, or null when disarmed. */
  private expiresNs: number | null = null;
  private intervalNs = 0;
  /** Expirations not yet read. */
  private ticks = 0;
  private cancelHost: (() => void) | null = null;

  constructor(
    private readonly k: Kernel,
    /** The clockid it was created with (what a wall-clock absolute time is measured on). */
    readonly clockId: number,
    flags: number,
  ) {
    super(flags);
  }

  /** Counts the expirations that have passed; a periodic timer moves on to its next one. */
  private update(): void {
    if (this.expiresNs === null) return;
    const now = this.k.clock.monotonicNs();
    if (now < this.expiresNs) return;
    if (this.intervalNs > 0) {
      const n = 1 + Math.floor((now - this.expiresNs) / this.intervalNs);
      this.ticks += n;
      this.expiresNs += n * this.intervalNs;
    } else {
      this.ticks += 1;
      this.expiresNs = null;
    }
  }

  /** Arms (expiresNs != null) or disarms; pending expirations are forgotten, as in timerfd_settime. */
  set(expiresNs: number | null, intervalNs: number): void {
    this.cancel();
    this.ticks = 0;
    this.expiresNs = expiresNs;
    this.intervalNs = expiresNs === null ? 0 : intervalNs;
    if (expiresNs !== null) this.armHost();
    this.wq.notifyAll();
  }

  /** The current setting: time to the next expiry and the interval (itimerspec). */
  get(): { valueNs: number; intervalNs: number } {
    this.update();
    const valueNs = this.expiresNs === null ? 0 : Math.max(1, this.expiresNs - this.k.clock.monotonicNs());
    return { valueNs, intervalNs: this.intervalNs };
  }

  private cancel(): void {
    this.cancelHost?.();
    this.cancelHost = null;
  }

  /** A host timer at the next expiry, unless one is pending already. */
  private armHost(): void {
    if (this.cancelHost !== null || this.expiresNs === null) return;
    const ms = Math.max(0, (this.expiresNs - this.k.clock.monotonicNs()) / 1e6);
    this.cancelHost = this.k.host.setTimer(ms, () => {
      this.cancelHost = null;
      this.update();
      if (this.ticks === 0) {
        this.armHost(); // the host timer ran early
        return;
      }
      this.wq.notifyAll();
      // Keep ticking only while someone (a reader, an epoll item) still watches.
      if (this.wq.size > 0) this.armHost();
    });
  }

  override read(dest: Uint8Array): IoResult {
    if (dest.length < TICKS_SIZE) return -EINVAL;
    this.update();
    if (this.ticks === 0) {
      if ((this.flags & O_NONBLOCK) !== 0) return -EAGAIN;
      this.armHost();
      return new Blocked([this.wq]);
    }
    new DataView(dest.buffer, dest.byteOffset, TICKS_SIZE).setBigUint64(0, BigInt(this.ticks), true);
    this.ticks = 0;
    return TICKS_SIZE;
  }

  override write(): IoResult {
    return -EINVAL;
  }

  override poll(): PollState {
    this.update();
    if (this.ticks === 0) this.armHost();
    return { events: this.ticks > 0 ? POLLIN | POLLRDNORM : 0, queues: [this.wq] };
  }

  /** timerfd_show: the clock, unread expirations, the settime flags and the current setting. */
  override fdinfo(): string {
    const { valueNs, intervalNs } = this.get();
    const pair = (ns: number): string => `(${Math.floor(ns / 1e9)}, ${ns % 1e9})`;
    return `clockid: ${this.clockId}\nticks: ${this.ticks}\nsettime flags: 0${this.settimeFlags.toString(8)}\n` +
      `it_value: ${pair(valueNs)}\nit_interval: ${pair(intervalNs)}\n`;
  }

  override release(): void {
    this.cancel();
    this.expiresNs = null;
  }
}
