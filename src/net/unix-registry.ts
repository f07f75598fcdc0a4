// Where bound AF_UNIX sockets are found by name: abstract names in a table
// of their own (the abstract namespace), filesystem names through the
// socket inode that bind created (unix_find_bsd looks the inode up).
// Linux hashes an abstract name together with the socket type, so each
// type has its own abstract names: a stream and a datagram socket may both
// hold "\0x", and looking a name up for another type finds nothing.
import type { Inode } from "../fs/inode.js";
import { abstractKey } from "./unix-address.js";
import type { UnixSocket } from "./unix-socket.js";

const abstract = new Map<string, UnixSocket>();
const byInode = new WeakMap<Inode, UnixSocket>();
/** unix_autobind: names are five hex digits, tried in order from a moving start. */
let nextAuto = 0;

function key(name: Uint8Array, type: number): string {
  return `${type}:${abstractKey(name)}`;
}

export function findAbstract(name: Uint8Array, type: number): UnixSocket | undefined {
  return abstract.get(key(name, type));
}

export function bindAbstract(name: Uint8Array, s: UnixSocket): boolean {
  const k = key(name, s.type);
  if (abstract.has(k)) return false;
  abstract.set(k, s);
  return true;
}

export function unbindAbstract(name: Uint8Array, s: UnixSocket): void {
  const k = key(name, s.type);
  if (abstract.get(k) === s) abstract.delete(k);
}

/** A free autobind name: "\0" and five lowercase hex digits. */
export function autobindName(type: number): Uint8Array {
  for (let i = 0; i < 0x100000; i++) {
    const n = (nextAuto + i) & 0xfffff;
    const name = new TextEncoder().encode("\0" + n.toString(16).padStart(5, "0"));
    if (!abstract.has(key(name, type))) {
      nextAuto = n + 1;
      return name;
    }
  }
  return new Uint8Array(0);
}

export function findByInode(inode: Inode): UnixSocket | undefined {
  return byInode.get(inode);
}

export function bindInode(inode: Inode, s: UnixSocket): void {
  byInode.set(inode, s);
}

export function unbindInode(inode: Inode, s: UnixSocket): void {
  if (byInode.get(inode) === s) byInode.delete(inode);
}
