// The Host of a kernel running under Node.js.
import { webcrypto } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { Host } from "../kernel/host.js";
import { loadCpuModule } from "./cpu-module-node.js";
import { NodeHostFs } from "./node-host-fs.js";
import { NodeStreams } from "./node-streams.js";

export function createNodeHost(trace: ((line: string) => void) | null): Host {
  return {
    streams: new NodeStreams(),
    fs: new NodeHostFs(),
    cpuModule: loadCpuModule(),
    nowMs: () => performance.now(),
    cpuTimeNs: () => {
      const u = process.cpuUsage();
      return (u.user + u.system) * 1000;
    },
    epochMs: () => performance.timeOrigin + performance.now(),
    randomBytes: (dest) => {
      webcrypto.getRandomValues(dest);
    },
    setTimer: (ms, fn) => {
      const h = setTimeout(fn, ms);
      return () => clearTimeout(h);
    },
    yieldToHost: () => new Promise<void>((r) => setImmediate(r)),
    trace,
  };
}
