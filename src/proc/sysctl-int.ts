// proc_dointvec (kernel/sysctl.c) for a one-integer sysctl: a write holds
// one decimal int, optionally signed, with blanks around it; anything else,
// or a value outside int, is EINVAL and leaves the setting alone.
import { EINVAL } from "../kernel/errno.js";
import type { Writer } from "./seq-file.js";

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

/** The writer of an integer sysctl that stores through `set`. */
export function intSysctlWriter(set: (value: number) => void): Writer {
  return (data) => {
    const m = /^[ \t\n]*([-+]?[0-9]+)(?:[ \t\n][\s\S]*)?$/.exec(new TextDecoder().decode(data));
    if (!m) return -EINVAL;
    const v = Number(m[1]);
    if (v < INT_MIN || v > INT_MAX) return -EINVAL;
    set(v);
    return data.length;
  };
}
