// /dev/tty (5:0) and /dev/console (5:1) until the TTY layer registers its own
// drivers for them: both open the host's standard streams through the same
// HostConsole the first three descriptors use.
import { HostInputFile, HostOutputFile, type HostConsole } from "../stdio-file.js";
import { O_ACCMODE, O_RDONLY } from "../open-file.js";
import { registerCharDevice } from "./char-devices.js";

export const TTYAUX_MAJOR = 5;

export function registerConsolePlaceholder(console: HostConsole): void {
  const open = (_node: unknown, flags: number): HostInputFile | HostOutputFile =>
    (flags & O_ACCMODE) === O_RDONLY ? new HostInputFile(console, 0, flags, 1) : new HostOutputFile(console, 1, flags, 2);
  registerCharDevice(TTYAUX_MAJOR, 0, open);
  registerCharDevice(TTYAUX_MAJOR, 1, open);
}
