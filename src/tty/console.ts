// The console: a tty whose device is the host terminal. Host keystrokes go
// into its line discipline (the host terminal is in raw mode, so the guest
// does the echo and editing); its output goes to host stdout. A host resize
// becomes TIOCSWINSZ (SIGWINCH to the foreground group); the end of host
// input is a hangup, as a terminal line dropping would be.
import type { HostStreams } from "../fs/host-streams.js";
import { makeDev } from "../fs/types.js";
import { Tty, type TtyDriver, type TtyKernel } from "./tty.js";

/** /dev/console: major 5, minor 1. */
export const CONSOLE_RDEV = makeDev(5, 1);

class HostTerminalDriver implements TtyDriver {
  readonly writeQueue = null;
  constructor(private readonly streams: HostStreams) {}

  write(bytes: Uint8Array): void {
    if (bytes.length > 0) this.streams.write(1, bytes);
  }
  writeRoom(): boolean {
    return true;
  }
}

/** Creates the console tty and connects it to the host terminal (raw mode on, input flowing). */
export function createConsoleTty(k: TtyKernel, streams: HostStreams): Tty {
  const tty = new Tty("console", CONSOLE_RDEV, k, new HostTerminalDriver(streams));
  const size = (): void => {
    const ws = streams.windowSize();
    if (ws) tty.resize({ rows: ws.rows, cols: ws.cols, xpixel: 0, ypixel: 0 });
  };
  size();
  streams.setRawMode?.(true);
  streams.onResize?.(size);
  streams.startInput((chunk) => {
    if (chunk === null) tty.hangup();
    else tty.input(chunk);
  });
  return tty;
}

/** Gives the host terminal back (cooked mode, no more reading). */
export function releaseConsoleTty(streams: HostStreams): void {
  streams.stopInput();
  streams.setRawMode?.(false);
}
