// An inotify instance (fs/notify/inotify/inotify_user.c): its watches, each
// named by a watch descriptor, and the queue of events read() returns as
// struct inotify_event records (wd, mask, cookie, len, then the name padded
// with NULs to a multiple of 16 bytes).
import { EAGAIN, EEXIST, EFAULT, EINVAL, ENOTTY } from "../../kernel/errno.js";
import type { Task } from "../../kernel/task.js";
import { Blocked, WaitQueue } from "../../kernel/wait.js";
import { addWatch, removeWatch, watchOn, type Watch, type WatchGroup } from "../inotify/fsnotify.js";
import {
  IN_ALL_EVENTS, IN_DELETE_SELF, IN_EXCL_UNLINK, IN_IGNORED, IN_ISDIR, IN_MASK_ADD, IN_MASK_CREATE, IN_MOVE_SELF, IN_ONESHOT, IN_Q_OVERFLOW, REPORTED_BITS,
  WATCH_MASK_BITS,
} from "../inotify/inotify-mask.js";
import type { Inode } from "../inode.js";
import { O_NONBLOCK, type IoResult } from "../open-file.js";
import { FIONREAD } from "../pipe.js";
import { POLLIN, POLLRDNORM, type PollState } from "../poll-events.js";
import { devMajor, devMinor } from "../types.js";
import { AnonFile } from "./anon-file.js";

const EVENT_HEADER = 16;
/** /proc/sys/fs/inotify/max_queued_events. */
export const MAX_QUEUED_EVENTS = 16384;

interface QueuedEvent {
  wd: number;
  mask: number;
  cookie: number;
  name: Uint8Array | null;
  /** Bytes the record takes in read(): the header and the padded name. */
  size: number;
}

const encoder = new TextEncoder();

function makeEvent(wd: number, mask: number, cookie: number, name: string): QueuedEvent {
  if (name === "") return { wd, mask, cookie, name: null, size: EVENT_HEADER };
  const bytes = encoder.encode(name);
  const padded = (bytes.length + 1 + EVENT_HEADER - 1) & ~(EVENT_HEADER - 1);
  return { wd, mask, cookie, name: bytes, size: EVENT_HEADER + padded };
}

function hex(n: number): string {
  return (n >>> 0).toString(16);
}

function sameEvent(a: QueuedEvent, b: QueuedEvent): boolean {
  if (a.wd !== b.wd || a.mask !== b.mask || a.cookie !== b.cookie || a.size !== b.size) return false;
  if (a.name === null || b.name === null) return a.name === b.name;
  return a.name.length === b.name.length && a.name.every((c, i) => c === (b.name as Uint8Array)[i]);
}

export class InotifyFile extends AnonFile implements WatchGroup {
  readonly wq = new WaitQueue();
  private readonly watches = new Map<number, Watch>();
  private lastWd = 0;
  private events: QueuedEvent[] = [];
  private head = 0;
  private queuedBytes = 0;
  private overflowed = false;

  constructor(flags: number) {
    super(flags);
  }

  /** inotify_update_watch: a new watch, or the existing one's mask replaced (or extended with IN_MASK_ADD). */
  watch(inode: Inode, mask: number): number {
    const existing = watchOn(inode, this);
    const bits = mask & WATCH_MASK_BITS;
    if (existing) {
      if ((mask & IN_MASK_CREATE) !== 0) return -EEXIST;
      existing.mask = (mask & IN_MASK_ADD) !== 0 ? existing.mask | bits : bits;
      return existing.wd;
    }
    const w: Watch = { inode, group: this, wd: ++this.lastWd, mask: bits };
    this.watches.set(w.wd, w);
    addWatch(w);
    return w.wd;
  }

  unwatch(wd: number): number {
    const w = this.watches.get(wd);
    if (!w) return -EINVAL;
    this.ignore(w);
    return 0;
  }

  ignore(w: Watch): void {
    if (!this.watches.delete(w.wd)) return;
    removeWatch(w);
    this.enqueue(makeEvent(w.wd, IN_IGNORED, 0, ""));
  }

  deliver(w: Watch, mask: number, cookie: number, name: string): void {
    // inotify never reported IN_ISDIR with the two self events; Linux keeps it so.
    const m = (mask & (IN_MOVE_SELF | IN_DELETE_SELF)) !== 0 ? mask & ~IN_ISDIR : mask;
    this.enqueue(makeEvent(w.wd, m & REPORTED_BITS, cookie, name));
  }

  /** fsnotify_add_event: merges a repeat of the last event; a full queue ends with one IN_Q_OVERFLOW. */
  private enqueue(e: QueuedEvent): void {
    const count = this.events.length - this.head;
    if (count >= MAX_QUEUED_EVENTS) {
      if (this.overflowed) return;
      this.overflowed = true;
      e = makeEvent(-1, IN_Q_OVERFLOW, 0, "");
    } else if (count > 0 && sameEvent(this.events[this.events.length - 1], e)) {
      return;
    }
    this.events.push(e);
    this.queuedBytes += e.size;
    this.wq.notifyAll();
  }

  private shift(): QueuedEvent {
    const e = this.events[this.head++];
    this.queuedBytes -= e.size;
    if (e.mask === IN_Q_OVERFLOW && e.wd === -1) this.overflowed = false;
    if (this.head === this.events.length) {
      this.events = [];
      this.head = 0;
    }
    return e;
  }

  override read(dest: Uint8Array): IoResult {
    if (this.head === this.events.length) {
      return (this.flags & O_NONBLOCK) !== 0 ? -EAGAIN : new Blocked([this.wq]);
    }
    if (this.events[this.head].size > dest.length) return -EINVAL;
    const v = new DataView(dest.buffer, dest.byteOffset, dest.byteLength);
    let at = 0;
    while (this.head < this.events.length && at + this.events[this.head].size <= dest.length) {
      const e = this.shift();
      v.setInt32(at, e.wd, true);
      v.setUint32(at + 4, e.mask >>> 0, true);
      v.setUint32(at + 8, e.cookie >>> 0, true);
      v.setUint32(at + 12, e.size - EVENT_HEADER, true);
      dest.fill(0, at + EVENT_HEADER, at + e.size);
      if (e.name) dest.set(e.name, at + EVENT_HEADER);
      at += e.size;
    }
    return at;
  }

  override ioctl(task: Task, cmd: number, arg: number): number {
    if (cmd !== FIONREAD) return -ENOTTY;
    return task.mm.writeU32(arg, this.queuedBytes) < 0 ? -EFAULT : 0;
  }

  override poll(): PollState {
    return { events: this.head < this.events.length ? POLLIN | POLLRDNORM : 0, queues: [this.wq] };
  }

  /** Closing the instance drops its watches without queueing anything. */
  override release(): void {
    for (const w of this.watches.values()) removeWatch(w);
    this.watches.clear();
    this.events = [];
    this.head = 0;
    this.queuedBytes = 0;
  }

  /** What /proc/PID/fd shows ("anon_inode:inotify"). */
  readonly anonName = "inotify";

  /** /proc/PID/fdinfo lines (inotify_fdinfo): one per watch, numbers in hex. */
  override fdinfo(): string {
    let out = "";
    for (const w of this.watches.values()) {
      const st = w.inode.stat();
      const sdev = (devMajor(st.dev) << 20) | devMinor(st.dev);
      const mask = w.mask & (IN_ALL_EVENTS | IN_EXCL_UNLINK | IN_ONESHOT);
      out += `inotify wd:${hex(w.wd)} ino:${hex(st.ino)} sdev:${hex(sdev)} mask:${hex(mask)} ignored_mask:0\n`;
    }
    return out;
  }
}
