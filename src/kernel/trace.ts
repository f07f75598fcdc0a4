// --trace: one strace-like line per syscall, `name(args) = result`.
import * as errno from "./errno.js";
import { syscallTable } from "./syscalls/table.js";
import { SYSCALL_NAMES } from "./syscalls/numbers.js";
import { unsigned } from "./syscalls/syscall.js";
import type { Task } from "./task.js";

const AT_FDCWD = -100;
const ERRNO_NAMES = new Map<number, string>();
for (const [name, value] of Object.entries(errno)) {
  if (!ERRNO_NAMES.has(value)) ERRNO_NAMES.set(value, name);
}

export function errnoName(e: number): string {
  return ERRNO_NAMES.get(e) ?? `E${e}`;
}

function formatArg(t: Task, kind: string, v: number): string {
  switch (kind) {
    case "d":
      return String(v);
    case "u":
      return String(unsigned(v));
    case "o":
      return "0" + (v >>> 0).toString(8);
    case "f":
      return (v | 0) === AT_FDCWD ? "AT_FDCWD" : String(v | 0);
    case "s": {
      const s = t.mm.readCString(v, 256);
      return typeof s === "number" ? "0x" + unsigned(v).toString(16) : JSON.stringify(s);
    }
    default:
      return "0x" + unsigned(v).toString(16);
  }
}

export function formatTrace(t: Task, nr: number, args: Float64Array, result: number): string {
  const name = SYSCALL_NAMES.get(nr) ?? `syscall_${nr}`;
  const def = nr >= 0 && nr < syscallTable.length ? syscallTable[nr] : undefined;
  const kinds = def ? def.args : "xxxxxx";
  const shown = [...kinds].map((kind, i) => formatArg(t, kind, args[i])).join(", ");
  const res = t.state === "Z" ? "?" : result < 0 && result > -4096 ? `-1 ${errnoName(-result)}` : formatResult(result);
  return `[${t.tid}] ${name}(${shown}) = ${res}`;
}

function formatResult(r: number): string {
  return r > 0xffff ? "0x" + r.toString(16) : String(r);
}
