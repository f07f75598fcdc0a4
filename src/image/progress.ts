// Progress on stderr: a redrawn bar (bytes and packages) on a terminal, plain
// lines otherwise, so logs and CI output stay readable.

export interface Progress {
  /** A one-off message, such as "verifying InRelease". */
  note(message: string): void;
  /** Starts a phase ("download", "unpack") over a known total. */
  begin(phase: string, totalBytes: number, totalPackages: number): void;
  /** Bytes moved within the phase so far (absolute, not a delta). */
  bytes(done: number): void;
  /** One package finished in the phase. */
  packageDone(name: string, bytes: number): void;
  end(): void;
}

export const silentProgress: Progress = {
  note() {},
  begin() {},
  bytes() {},
  packageDone() {},
  end() {},
};

export function stderrProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  return stream.isTTY ? new BarProgress(stream) : new LineProgress(stream);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

class LineProgress implements Progress {
  private phase = "";
  private totalPkgs = 0;
  private pkgs = 0;

  constructor(private readonly out: NodeJS.WritableStream) {}

  note(message: string): void {
    this.out.write(`aramid image: ${message}\n`);
  }
  begin(phase: string, totalBytes: number, totalPackages: number): void {
    this.phase = phase;
    this.totalPkgs = totalPackages;
    this.pkgs = 0;
    this.note(`${phase}: ${totalPackages} packages, ${formatBytes(totalBytes)}`);
  }
  bytes(): void {}
  packageDone(name: string, bytes: number): void {
    this.pkgs++;
    this.note(`${this.phase} ${this.pkgs}/${this.totalPkgs} ${name} (${formatBytes(bytes)})`);
  }
  end(): void {}
}

const WIDTH = 30;

class BarProgress implements Progress {
  private phase = "";
  private totalBytes = 0;
  private totalPkgs = 0;
  private doneBytes = 0;
  private pkgs = 0;
  private last = "";
  private lastDraw = 0;

  constructor(private readonly out: NodeJS.WriteStream) {}

  note(message: string): void {
    this.clear();
    this.out.write(`aramid image: ${message}\n`);
  }
  begin(phase: string, totalBytes: number, totalPackages: number): void {
    Object.assign(this, { phase, totalBytes, totalPkgs: totalPackages, doneBytes: 0, pkgs: 0, last: "" });
    this.draw(true);
  }
  bytes(done: number): void {
    this.doneBytes = done;
    this.draw(false);
  }
  packageDone(name: string): void {
    this.pkgs++;
    this.last = name;
    this.draw(this.pkgs === this.totalPkgs);
  }
  end(): void {
    this.draw(true);
    this.out.write("\n");
  }

  /** Redraws at most ten times a second, except when forced. */
  private draw(force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const frac = this.totalBytes > 0 ? Math.min(1, this.doneBytes / this.totalBytes) : 1;
    const fill = Math.round(frac * WIDTH);
    const bar = `[${"#".repeat(fill)}${".".repeat(WIDTH - fill)}]`;
    const text =
      `${this.phase.padEnd(9)} ${bar} ${formatBytes(this.doneBytes)}/${formatBytes(this.totalBytes)} ` +
      `${this.pkgs}/${this.totalPkgs} pkgs ${this.last}`;
    const cols = this.out.columns ?? 80;
    this.out.write(`\r${text.slice(0, cols - 1)}\x1b[K`);
  }

  private clear(): void {
    this.out.write("\r\x1b[K");
  }
}
