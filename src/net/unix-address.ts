// struct sockaddr_un (include/uapi/linux/un.h): sa_family_t then up to 108
// bytes of path. A path starting with NUL is an abstract name, which is all
// of the given bytes (NULs included); otherwise it is a filesystem path
// ending at the first NUL. An address of just the family asks for autobind.
import { EINVAL } from "../kernel/errno.js";

export const AF_UNSPEC = 0;
export const AF_UNIX = 1;
const SUN_PATH_OFFSET = 2;
export const SUN_PATH_MAX = 108;
export const SOCKADDR_UN_SIZE = SUN_PATH_OFFSET + SUN_PATH_MAX;

export type UnixAddress =
  | { kind: "abstract"; name: Uint8Array }
  | { kind: "path"; path: string; raw: Uint8Array }
  | { kind: "autobind" };

/** unix_validate_addr and unix_mkname: the address a bind/connect/sendto names. */
export function parseUnixAddress(raw: Uint8Array): UnixAddress | number {
  if (raw.length < SUN_PATH_OFFSET || raw.length > SOCKADDR_UN_SIZE) return -EINVAL;
  const family = raw[0] | (raw[1] << 8);
  if (family !== AF_UNIX) return -EINVAL;
  if (raw.length === SUN_PATH_OFFSET) return { kind: "autobind" };
  const path = raw.subarray(SUN_PATH_OFFSET);
  if (path[0] === 0) return { kind: "abstract", name: path.slice() };
  const end = path.indexOf(0);
  const bytes = path.subarray(0, end < 0 ? path.length : end);
  return { kind: "path", path: new TextDecoder().decode(bytes), raw: bytes.slice() };
}

/** The bytes getsockname/getpeername/recvfrom return for a bound name (family included). */
export function encodeUnixAddress(a: UnixAddress | null): Uint8Array {
  if (a === null || a.kind === "autobind") return Uint8Array.of(AF_UNIX, 0);
  // A filesystem name is returned with its terminating NUL; an abstract one exactly as bound.
  const body = a.kind === "abstract" ? a.name : Uint8Array.from([...a.raw, 0]);
  const out = new Uint8Array(SUN_PATH_OFFSET + body.length);
  out[0] = AF_UNIX;
  out.set(body, SUN_PATH_OFFSET);
  return out;
}

/** The key an abstract name is registered under. */
export function abstractKey(name: Uint8Array): string {
  return Array.from(name, (b) => b.toString(16).padStart(2, "0")).join("");
}
