// The host's standard streams as the kernel sees them. The Node adapter is
// src/host/node-streams.ts; tests and a browser provide their own.
export interface HostStreams {
  /** Whether host fd 0, 1 or 2 is a terminal. */
  isTerminal(fd: number): boolean;
  /** Writes all of data to host fd 1 or 2 (blocking; the kernel is single-threaded). */
  write(fd: number, data: Uint8Array): void;
  /** The host terminal's size, or null when there is none. */
  windowSize(): { rows: number; cols: number } | null;
  /** Starts reading host stdin; `onData(null)` signals end of file. */
  startInput(onData: (chunk: Uint8Array | null) => void): void;
  stopInput(): void;
  /**
   * Raw mode on the host terminal while the guest owns it (its own line
   * discipline echoes and edits); false puts the terminal back as it was.
   * The adapter must also restore it on every way the host process ends.
   */
  setRawMode?(on: boolean): void;
  /** Calls fn whenever the host terminal changes size. */
  onResize?(fn: () => void): void;
}
