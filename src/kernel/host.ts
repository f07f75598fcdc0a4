// Everything the kernel needs from the machine it runs on. The kernel core
// imports no Node module; src/host/node-host.ts builds this for Node, and a
// browser build would supply its own.
import type { HostFs } from "../fs/host-fs.js";
import type { HostStreams } from "../fs/host-streams.js";

export interface Host {
  streams: HostStreams;
  fs: HostFs;
  /** The compiled wasm CPU (dist/cpu.wasm). */
  cpuModule: WebAssembly.Module;
  /** A monotonic clock in milliseconds with sub-microsecond resolution (performance.now). */
  nowMs(): number;
  /**
   * CPU time the host has given this process so far, in ns (getrusage), so
   * that time it was not run counts as steal; absent where the host cannot tell.
   */
  cpuTimeNs?: () => number;
  /** Wall-clock time in milliseconds since the epoch (Date.now precision or better). */
  epochMs(): number;
  /** Fills dest with cryptographically random bytes. */
  randomBytes(dest: Uint8Array): void;
  /** Calls fn after ms milliseconds; returns a function that cancels it. */
  setTimer(ms: number, fn: () => void): () => void;
  /** Returns to the host event loop so that I/O and timers are serviced. */
  yieldToHost(): Promise<void>;
  /** Where --trace lines go (null when tracing is off). */
  trace: ((line: string) => void) | null;
}
