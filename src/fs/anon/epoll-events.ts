// epoll event bits (include/uapi/linux/eventpoll.h): the poll bits plus the
// flags that only epoll_ctl understands.
import { POLLERR, POLLHUP, POLLIN, POLLOUT, POLLRDNORM, POLLWRNORM } from "../poll-events.js";

export const EPOLLIN = POLLIN;
export const EPOLLOUT = POLLOUT;
export const EPOLLERR = POLLERR;
export const EPOLLHUP = POLLHUP;
export const EPOLLRDNORM = POLLRDNORM;
export const EPOLLWRNORM = POLLWRNORM;
export const EPOLLEXCLUSIVE = 1 << 28;
export const EPOLLWAKEUP = 1 << 29;
export const EPOLLONESHOT = 1 << 30;
export const EPOLLET = 2 ** 31;

/** Bits that configure an item instead of selecting events (EP_PRIVATE_BITS). */
export const EP_PRIVATE_BITS = EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE;
/** The only bits EPOLLEXCLUSIVE may be combined with (EPOLLEXCLUSIVE_OK_BITS). */
export const EPOLLEXCLUSIVE_OK_BITS = EPOLLIN | EPOLLOUT | EPOLLRDNORM | EPOLLWRNORM | 0x80 | 0x200 | EPOLLERR |
  EPOLLHUP | EPOLLWAKEUP | EPOLLET | EPOLLEXCLUSIVE;

/** A 32-bit events word as an unsigned number (EPOLLET is bit 31). */
export function eventBits(x: number): number {
  return x >>> 0;
}
