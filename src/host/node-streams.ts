// HostStreams over the Node process's stdin/stdout/stderr.
import * as fs from "node:fs";
import * as tty from "node:tty";
import type { HostStreams } from "../fs/host-streams.js";

export class NodeStreams implements HostStreams {
  private onData: ((chunk: Uint8Array | null) => void) | null = null;
  private readonly dataListener = (b: Buffer): void => this.onData?.(new Uint8Array(b));
  private readonly endListener = (): void => this.onData?.(null);

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
    process.stdin.resume();
  }

  stopInput(): void {
    process.stdin.off("data", this.dataListener);
    process.stdin.off("end", this.endListener);
    process.stdin.pause();
    this.onData = null;
  }
}
