// An epoll instance (fs/eventpoll.c). Each watched (file, fd) pair is an
// item that stays subscribed to the file's wait queues; a notification puts
// the item on the ready list (ep_poll_callback), and epoll_wait polls the
// items there: a level-triggered item stays on the list while it is ready,
// an edge-triggered one leaves it until the file notifies again, and a
// one-shot item is disabled after one report until EPOLL_CTL_MOD.
//
// Wait queues here carry no event key, so a callback re-polls the file and
// queues the item only when an event it watches is present — the filtering
// Linux's ep_poll_callback does with the key.
import { isOpen } from "../fd-table.js";
import type { OpenFile } from "../open-file.js";
import { devMajor, devMinor } from "../types.js";
import { POLLIN, POLLRDNORM, type PollState } from "../poll-events.js";
import { WaitQueue } from "../../kernel/wait.js";
import { AnonFile } from "./anon-file.js";
import { EP_PRIVATE_BITS, EPOLLET, EPOLLONESHOT, eventBits } from "./epoll-events.js";

/** One watched (file, fd) pair (struct epitem). */
export class EpollItem {
  /** On the ready list (ep_is_linked(&epi->rdllink)). */
  ready = false;
  /** The queues the waker is on, to leave them when the item goes. */
  private queues: WaitQueue[] = [];
  private readonly waker = (): void => this.notified();
  removed = false;

  constructor(
    readonly ep: EpollFile,
    readonly file: OpenFile,
    readonly fd: number,
    public events: number,
    public data: bigint,
  ) {}

  /** Subscribes to the file's queues and reports its current readiness (ep_item_poll with a poll table). */
  subscribe(): PollState {
    this.unsubscribe();
    const st = this.file.poll();
    this.queues = st.queues;
    for (const q of st.queues) q.add(this.waker);
    return st;
  }

  unsubscribe(): void {
    for (const q of this.queues) q.remove(this.waker);
    this.queues = [];
  }

  /** ep_poll_callback: a notified queue drops its waiters, so the item subscribes again first. */
  private notified(): void {
    if (this.removed) return;
    const st = this.subscribe();
    if ((this.events & ~EP_PRIVATE_BITS) === 0) return; // disabled one-shot item
    if ((st.events & this.events) === 0) return;
    this.ep.makeReady(this);
  }
}

/** What epoll_wait hands back for one item. */
export interface ReadyEvent {
  events: number;
  data: bigint;
}

export class EpollFile extends AnonFile {
  readonly anonName = "[eventpoll]";
  /** Items by file, then by fd (the key is the pair, as in Linux). */
  private readonly items = new Map<OpenFile, Map<number, EpollItem>>();
  private readyList: EpollItem[] = [];
  /** epoll_wait sleepers and whoever polls this instance (a containing epoll, ppoll). */
  readonly wq = new WaitQueue();

  /** ep_show_fdinfo: one line per item; sdev is the superblock's kernel dev_t (major << 20 | minor). */
  override fdinfo(): string {
    let out = "";
    for (const byFd of this.items.values()) {
      for (const item of byFd.values()) {
        const st = item.file.stat();
        const ino = typeof st === "number" ? 0 : st.ino;
        const sdev = typeof st === "number" ? 0 : devMajor(st.dev) * 2 ** 20 + devMinor(st.dev);
        const events = (item.events >>> 0).toString(16).padStart(8);
        const data = BigInt.asUintN(64, item.data).toString(16).padStart(16);
        out += `tfd: ${String(item.fd).padStart(8)} events: ${events} data: ${data}  pos:${item.file.offset} ` +
          `ino:${ino.toString(16)} sdev:${sdev.toString(16)}\n`;
      }
    }
    return out;
  }

  find(file: OpenFile, fd: number): EpollItem | undefined {
    return this.items.get(file)?.get(fd);
  }

  /** Epoll instances watching this one (for ep_get_upwards_depth_proc). */
  readonly watchers = new Set<EpollFile>();

  /** The epoll instances this one watches (for the loop and depth checks of EPOLL_CTL_ADD). */
  watchedEpolls(): EpollFile[] {
    return [...this.items.keys()].filter((f): f is EpollFile => f instanceof EpollFile);
  }

  /** How deep the chain of epolls below this one goes, or Infinity if `target` is reached (a loop). */
  depthBelow(target: EpollFile, seen = new Set<EpollFile>()): number {
    if (this === target) return Infinity;
    if (seen.has(this)) return 0;
    seen.add(this);
    let depth = 0;
    for (const e of this.watchedEpolls()) depth = Math.max(depth, 1 + e.depthBelow(target, seen));
    return depth;
  }

  /** How many epolls are stacked above this one. */
  depthAbove(seen = new Set<EpollFile>()): number {
    if (seen.has(this)) return 0;
    seen.add(this);
    let depth = 0;
    for (const w of this.watchers) depth = Math.max(depth, 1 + w.depthAbove(seen));
    return depth;
  }

  add(file: OpenFile, fd: number, events: number, data: bigint): void {
    const item = new EpollItem(this, file, fd, events, data);
    let byFd = this.items.get(file);
    if (!byFd) {
      byFd = new Map();
      this.items.set(file, byFd);
    }
    byFd.set(fd, item);
    if (file instanceof EpollFile) file.watchers.add(this);
    const st = item.subscribe();
    if ((st.events & events) !== 0) this.makeReady(item);
  }

  modify(item: EpollItem, events: number, data: bigint): void {
    item.events = events;
    item.data = data;
    const st = item.subscribe();
    if ((st.events & events) !== 0) this.makeReady(item);
  }

  remove(item: EpollItem): void {
    item.removed = true;
    item.unsubscribe();
    const byFd = this.items.get(item.file);
    byFd?.delete(item.fd);
    if (byFd && byFd.size === 0) {
      this.items.delete(item.file);
      if (item.file instanceof EpollFile) item.file.watchers.delete(this);
    }
    if (item.ready) {
      item.ready = false;
      this.readyList = this.readyList.filter((i) => i !== item);
    }
  }

  makeReady(item: EpollItem): void {
    if (!item.ready) {
      item.ready = true;
      this.readyList.push(item);
    }
    this.wq.notifyAll();
  }

  /** Items whose file was closed everywhere leave the set (eventpoll_release). */
  private prune(): void {
    for (const file of [...this.items.keys()]) {
      if (isOpen(file)) continue;
      for (const item of [...(this.items.get(file)?.values() ?? [])]) this.remove(item);
    }
  }

  /**
   * ep_send_events: up to `max` ready items, each polled again. Level-triggered
   * items go back on the list (at its end, so that busy ones take turns).
   */
  collect(max: number): ReadyEvent[] {
    this.prune();
    const out: ReadyEvent[] = [];
    const list = this.readyList;
    this.readyList = [];
    const requeue: EpollItem[] = [];
    let i = 0;
    for (; i < list.length && out.length < max; i++) {
      const item = list[i];
      item.ready = false;
      const revents = eventBits(item.file.poll().events & item.events);
      if (revents === 0) continue;
      out.push({ events: revents, data: item.data });
      if ((item.events & EPOLLONESHOT) !== 0) item.events = eventBits(item.events & EP_PRIVATE_BITS);
      else if ((item.events & EPOLLET) === 0) requeue.push(item);
    }
    // Items not looked at keep their place ahead of the requeued ones.
    this.readyList = [...list.slice(i), ...this.readyList, ...requeue];
    for (const item of requeue) item.ready = true;
    return out;
  }

  /** Readable when some item on the ready list has an event (ep_eventpoll_poll). */
  override poll(): PollState {
    this.prune();
    const ready = this.readyList.some((item) => (item.file.poll().events & item.events) !== 0);
    return { events: ready ? POLLIN | POLLRDNORM : 0, queues: [this.wq] };
  }

  override release(): void {
    for (const e of this.watchedEpolls()) e.watchers.delete(this);
    for (const byFd of this.items.values()) for (const item of byFd.values()) {
      item.removed = true;
      item.unsubscribe();
    }
    this.items.clear();
    this.readyList = [];
  }
}
