// Inode numbering and timestamps for a filesystem made of generated files
// (sysfs, cgroup2), shared with procfs's inode classes.
import type { Kernel } from "../kernel/kernel.js";
import { allocAnonDev } from "../fs/filesystem.js";
import type { ProcContext } from "../proc/proc-inode.js";

export function syntheticContext(k: Kernel): ProcContext {
  const inos = new Map<string, number>();
  return {
    dev: allocAnonDev(),
    inoFor: (key) => {
      let n = inos.get(key);
      if (n === undefined) {
        n = inos.size + 1;
        inos.set(key, n);
      }
      return n;
    },
    now: () => k.clock.realtime(),
  };
}
