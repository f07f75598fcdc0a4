// HostStreams over the Node process's stdin/stdout/stderr. While the guest
// owns the host terminal it is in raw mode; it is put back on every way the
// Node process can end: a normal exit or process.exit (the 'exit' event,
// which also follows an uncaught exception), and SIGINT/SIGTERM/SIGHUP/
// SIGQUIT sent to Node from outside (in raw mode the keyboard's ^C goes to
// the guest as a byte instead).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as tty from "node:tty";
import type { HostStreams } from "../fs/host-streams.js";

const HOST_SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT"];
const SIGNAL_NUMBERS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGTERM: 15 };

export class NodeStreams implements HostStreams {
  private onData: ((chunk: Uint8Array | null) => void) | null = null;
  private readonly dataListener = (b: Buffer): void => this.onData?.(new Uint8Array(b));
  private readonly endListener = (): void => this.onData?.(null);
  private raw = false;
  private readonly restoreOnExit = (): void => this.setRawMode(false);
  private readonly signalListener = (sig: NodeJS.Signals): void => {
    this.setRawMode(false);
    // Die of the same cause, as a shell would report it (128 + signal).
    process.exit(128 + (SIGNAL_NUMBERS[sig] ?? 0));
  };

  isTerminal(fd: number): boolean {
    return tty.isatty(fd);
  }

  write(fd: number, data: Uint8Array): void {
    let off = 0;
    while (off < data.length) {
      try {
        off += fs.writeSync(fd, data, off, data.length - off);
      } catch (e) {
        // A non-blocking host pipe that is full: wait for the reader and retry.
        if ((e as NodeJS.ErrnoException).code === "EAGAIN") continue;
        // The reader went away (EPIPE): the guest's output has nowhere to go.
        return;
      }
    }
  }

  windowSize(): { rows: number; cols: number } | null {
    const out = process.stdout;
    if (!out.isTTY) return null;
    return { rows: out.rows, cols: out.columns };
  }

  startInput(onData: (chunk: Uint8Array | null) => void): void {
    this.onData = onData;
    process.stdin.on("data", this.dataListener);
    process.stdin.on("end", this.endListener);
    // A terminal that goes away fails the read (EIO): that is its end of input too.
    process.stdin.on("error", this.endListener);
    process.stdin.resume();
  }

  stopInput(): void {
    process.stdin.off("data", this.dataListener);
    process.stdin.off("end", this.endListener);
    process.stdin.off("error", this.endListener);
    process.stdin.pause();
    this.onData = null;
  }

  setRawMode(on: boolean): void {
    const stdin = process.stdin;
    if (!stdin.isTTY || on === this.raw) return;
    this.raw = on;
    try {
      // Leaving raw mode restores the termios libuv saved on entering it, -opost included.
      stdin.setRawMode(on);
      if (on) hostOutputRaw();
    } catch {
      // The terminal went away (a hangup): there is nothing left to restore.
    }
    if (on) {
      process.on("exit", this.restoreOnExit);
      for (const s of HOST_SIGNALS) process.on(s, this.signalListener);
    } else {
      process.off("exit", this.restoreOnExit);
      for (const s of HOST_SIGNALS) process.off(s, this.signalListener);
    }
  }

  onResize(fn: () => void): void {
    if (process.stdout.isTTY) process.stdout.on("resize", fn);
  }
}

/**
 * Node's raw mode keeps the host's output processing (OPOST/ONLCR); the
 * guest's line discipline already does its own, so the host's is turned
 * off too, making a guest with -opost see a bare newline as a bare newline.
 */
function hostOutputRaw(): void {
  spawnSync("stty", ["-opost"], { stdio: ["inherit", "ignore", "ignore"] });
}
