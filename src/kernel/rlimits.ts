// Resource limits (include/uapi/asm-generic/resource.h) with Linux's defaults
// for a process started by init (include/asm-generic/resource.h INIT_RLIMITS).
export const RLIMIT_CPU = 0;
export const RLIMIT_FSIZE = 1;
export const RLIMIT_DATA = 2;
export const RLIMIT_STACK = 3;
export const RLIMIT_CORE = 4;
export const RLIMIT_RSS = 5;
export const RLIMIT_NPROC = 6;
export const RLIMIT_NOFILE = 7;
export const RLIMIT_MEMLOCK = 8;
export const RLIMIT_AS = 9;
export const RLIMIT_LOCKS = 10;
export const RLIMIT_SIGPENDING = 11;
export const RLIMIT_MSGQUEUE = 12;
export const RLIMIT_NICE = 13;
export const RLIMIT_RTPRIO = 14;
export const RLIMIT_RTTIME = 15;
export const RLIM_NLIMITS = 16;

/** RLIM_INFINITY is ~0UL; kept as a bigint so the full 64 bits round-trip. */
export const RLIM_INFINITY = 0xffffffffffffffffn;

export interface Rlimit {
  cur: bigint;
  max: bigint;
}

export function defaultRlimits(threadsMax: number): Rlimit[] {
  const inf = (): Rlimit => ({ cur: RLIM_INFINITY, max: RLIM_INFINITY });
  const l: Rlimit[] = Array.from({ length: RLIM_NLIMITS }, inf);
  l[RLIMIT_STACK] = { cur: 8n * 1024n * 1024n, max: RLIM_INFINITY };
  l[RLIMIT_CORE] = { cur: 0n, max: RLIM_INFINITY };
  l[RLIMIT_NPROC] = { cur: BigInt(threadsMax), max: BigInt(threadsMax) };
  l[RLIMIT_NOFILE] = { cur: 1024n, max: 1048576n };
  l[RLIMIT_MEMLOCK] = { cur: 8n * 1024n * 1024n, max: 8n * 1024n * 1024n };
  l[RLIMIT_SIGPENDING] = { cur: BigInt(threadsMax), max: BigInt(threadsMax) };
  l[RLIMIT_MSGQUEUE] = { cur: 819200n, max: 819200n };
  l[RLIMIT_NICE] = { cur: 0n, max: 0n };
  l[RLIMIT_RTPRIO] = { cur: 0n, max: 0n };
  return l;
}

export function rlimitNumber(v: bigint): number {
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(v);
}
