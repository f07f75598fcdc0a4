// The realtime clock filesystems stamp inodes with. The kernel installs its
// own clock at boot (setFsClock); unit tests get the host's wall time.
import type { Timestamp } from "./types.js";

let source: () => Timestamp = () => {
  const ms = Date.now();
  return { sec: Math.floor(ms / 1000), nsec: (ms % 1000) * 1_000_000 };
};

export function setFsClock(now: () => Timestamp): void {
  source = now;
}

export function fsNow(): Timestamp {
  return source();
}
