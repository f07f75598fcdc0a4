// /proc/PID/cmdline and environ (fs/proc/base.c): the bytes of the argument
// and environment areas as they are in the process's memory now, so a
// program that rewrites its argv (setproctitle) is shown as it wants.
import type { Kernel } from "../kernel/kernel.js";
import type { Task } from "../kernel/task.js";

function region(k: Kernel, t: Task, which: "arg" | "env"): Uint8Array {
  if (!t.alive && t.group.zombie) return new Uint8Array(0);
  const lay = k.images.get(t.mm);
  // A process the kernel made without an exec (the built-in init) shows the argv it was given.
  if (!lay) return which === "arg" ? joinNul(t.argv) : new Uint8Array(0);
  const [start, end] = which === "arg" ? [lay.argStart, lay.argEnd] : [lay.envStart, lay.envEnd];
  const bytes = t.mm.read(start, end - start);
  return typeof bytes === "number" ? new Uint8Array(0) : bytes;
}

/**
 * get_mm_cmdline: the argument area; if the last byte is not a NUL (the
 * program overwrote it), the string continues up to the first NUL.
 */
export function taskCmdline(k: Kernel, t: Task): Uint8Array {
  const args = region(k, t, "arg");
  if (args.length === 0 || args[args.length - 1] === 0) return args;
  const nul = args.indexOf(0);
  return nul < 0 ? args : args.subarray(0, nul);
}

export function taskEnviron(k: Kernel, t: Task): Uint8Array {
  return region(k, t, "env");
}

function joinNul(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length + 1;
  }
  return out;
}
