// Shared driver for the interactive tests: `node bin/aramid.js` (busybox
// sh -l on the default Debian image) in a tmux pane, typed into with
// send-keys and read back with capture-pane. Each session runs on its own tmux
// server (-L) with a known configuration (no status line, so the pane is the
// whole window; TERM=tmux-256color, whose terminfo entry the image ships),
// and that server is killed on every path, including a test timeout.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_IMAGE_NAME } from "../../src/image/defaults.js";
import { imageDir } from "../../src/image/images.js";
import { readManifest } from "../../src/image/manifest.js";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const BIN = join(ROOT, "bin", "aramid.js");
export const TERM = "tmux-256color";

/** Why the interactive tests cannot run here, or false when they can. */
export function interactiveSkipReason(): string | false {
  if (spawnSync("tmux", ["-V"]).status !== 0) return "tmux is not installed";
  const image = imageDir(DEFAULT_IMAGE_NAME);
  if (readManifest(image) === undefined) {
    return (
      `the default image is not at ${image}: scripts/test-setup.sh builds it with ` +
      "`node bin/aramid.js image build`, which needs Debian's archive (network unreachable or build failed?)"
    );
  }
  if (!existsSync(join(ROOT, "dist", "cpu.wasm"))) return "aramid is not built (npm run build)";
  return false;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Lines of a capture without trailing blanks. */
export function lines(text: string): string[] {
  return text.split("\n").map((l) => l.trimEnd());
}

/** The shell prompt is the last non-empty line (it ends in "# "). */
export function atPrompt(text: string): boolean {
  const ls = lines(text).filter((l) => l !== "");
  return ls.length > 0 && /[#$]$/.test(ls[ls.length - 1]);
}

/** One row of top's or htop's process list (both default to the same columns). */
export interface ProcRow {
  readonly pid: number;
  readonly user: string;
  readonly state: string;
  readonly cpu: number;
  readonly mem: number;
  readonly command: string;
  readonly line: string;
}

const ROW_RE =
  /^\s*(\d+)\s+(\S+)\s+(?:\S+\s+){5}([RSDTtZXIW])\s+(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s+\S+\s+(.*)$/;

/** Rows of a process list: PID USER PR NI VIRT RES SHR S %CPU %MEM TIME+ COMMAND. */
export function procRows(screen: string): ProcRow[] {
  const rows: ProcRow[] = [];
  for (const line of lines(screen)) {
    const m = ROW_RE.exec(line);
    if (m === null) continue;
    rows.push({ pid: +m[1], user: m[2], state: m[3], cpu: +m[4], mem: +m[5], command: m[6], line });
  }
  return rows;
}

export function rowOf(screen: string, pid: number): ProcRow | undefined {
  return procRows(screen).find((r) => r.pid === pid);
}

export interface SessionOptions {
  readonly width: number;
  readonly height: number;
}

/** One tmux server with one session running aramid, then a marker and the host tty mode. */
export class AramidTmux {
  private readonly socket = `aramid-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private readonly session = "aramid";
  private readonly dir = mkdtempSync(join(tmpdir(), "aramid-tmux-"));
  private readonly cleanup = (): void => this.kill();
  /** Wall time from starting tmux to the first prompt, in ms. */
  bootMs = 0;

  private constructor() {
    process.once("exit", this.cleanup);
  }

  /** Starts aramid in a fresh pane of `width`×`height` and waits for the prompt. */
  static async start(o: SessionOptions): Promise<AramidTmux> {
    const t = new AramidTmux();
    try {
      await t.boot(o);
    } catch (e) {
      t.kill();
      throw e;
    }
    return t;
  }

  private async boot(o: SessionOptions): Promise<void> {
    const conf = join(this.dir, "tmux.conf");
    writeFileSync(conf, `set -g default-terminal ${TERM}\nset -g status off\nset -g history-limit 5000\n`);
    const before = join(this.dir, "before");
    const after = join(this.dir, "after");
    const script = `stty -g > ${before}; node ${BIN}; echo "ARAMID-EXIT:$?"; stty -g > ${after}; exec sleep 3600`;
    const started = Date.now();
    this.tmuxChecked("-f", conf, "new-session", "-d", "-s", this.session, "-x", String(o.width), "-y", String(o.height), "sh", "-c", script);
    await this.waitFor("the first prompt", atPrompt, 120000);
    this.bootMs = Date.now() - started;
  }

  private tmuxChecked(...args: string[]): string {
    const r = spawnSync("tmux", ["-L", this.socket, ...args], { encoding: "utf8" });
    if (r.status !== 0) assert.fail(`tmux ${args.join(" ")} failed: ${r.stderr}`);
    return r.stdout;
  }

  private tmux(...args: string[]): string {
    return spawnSync("tmux", ["-L", this.socket, ...args], { encoding: "utf8" }).stdout ?? "";
  }

  /** The visible screen, one line per row. */
  screen(): string {
    return this.tmux("capture-pane", "-t", this.session, "-p");
  }

  /** The screen with up to 500 lines of scrollback above it, wrapped lines joined. */
  history(): string {
    return this.tmux("capture-pane", "-t", this.session, "-p", "-J", "-S", "-500");
  }

  /** Types keys (tmux key names such as Enter, Escape, C-c, F10, or literal text). */
  keys(...k: string[]): void {
    this.tmuxChecked("send-keys", "-t", this.session, ...k);
  }

  /** Types a command line and Enter. */
  type(line: string): void {
    this.keys("-l", line);
    this.keys("Enter");
  }

  /** Resizes the window (and so the pane) like a host terminal resize. */
  resize(width: number, height: number): void {
    this.tmuxChecked("resize-window", "-t", this.session, "-x", String(width), "-y", String(height));
  }

  /** Size of the pane as tmux sees it: [rows, columns]. */
  size(): [number, number] {
    const out = this.tmux("display-message", "-p", "-t", this.session, "#{pane_height} #{pane_width}").trim();
    const [h, w] = out.split(" ").map(Number);
    return [h, w];
  }

  /** Waits until `ok` holds for the screen (or the history); fails showing it after `ms`. */
  async waitFor(what: string, ok: (text: string) => boolean, ms = 60000, from: "screen" | "history" = "history"): Promise<string> {
    const end = Date.now() + ms;
    for (;;) {
      const text = from === "screen" ? this.screen() : this.history();
      if (ok(text)) return text;
      if (Date.now() > end) assert.fail(`timed out after ${ms} ms waiting for ${what}; screen:\n${text}`);
      await sleep(250);
    }
  }

  /**
   * Runs a shell command at the prompt and returns its output lines, found
   * between two unique markers (printed from two halves, so the echoed command
   * line never matches them).
   */
  async command(cmd: string, ms = 60000): Promise<string[]> {
    const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const [begin, end] = [`@@begin-${tag}@@`, `@@end-${tag}@@`];
    this.type(`echo "@@begin-""${tag}@@"; ${cmd}; echo "@@end-""${tag}@@"`);
    const text = await this.waitFor(`the output of \`${cmd}\``, (x) => lines(x).includes(end) && atPrompt(x), ms);
    const ls = lines(text);
    return ls.slice(ls.lastIndexOf(begin) + 1, ls.lastIndexOf(end));
  }

  /** Starts `cmd` as a background job of the shell; returns its pid. */
  async background(cmd: string): Promise<number> {
    const out = await this.command(`${cmd} & echo pid=$!`);
    const pid = Number(out.find((l) => l.startsWith("pid="))?.slice(4));
    assert.ok(pid > 0, `the pid of \`${cmd}\`: ${out.join("\n")}`);
    return pid;
  }

  /**
   * Types `echo WORD` (WORD unique to the session) and checks the terminal is
   * usable: the command line is echoed once and its output appears once.
   */
  async echoOnce(word: string): Promise<void> {
    this.type(`echo ${word}`);
    const text = await this.waitFor(`echo ${word}`, (x) => lines(x).includes(word) && atPrompt(x));
    assert.equal(lines(text).filter((l) => l === word).length, 1, `output of echo ${word} once`);
    assert.equal(lines(text).filter((l) => l.endsWith(`echo ${word}`)).length, 1, `echo ${word} echoed once`);
  }

  /** `exit 0`, then checks aramid's status and that the host tty mode is what it was. */
  async exitAndCheckRestored(): Promise<void> {
    this.type("exit 0");
    await this.checkExitRestored(0);
  }

  /** The pid of the aramid (node) process running in the pane. */
  aramidPid(): number {
    const pane = this.tmux("display-message", "-p", "#{pane_pid}").trim();
    const r = spawnSync("pgrep", ["-P", pane, "node"], { encoding: "utf8" });
    const pid = Number((r.stdout ?? "").trim().split("\n")[0]);
    assert.ok(pid > 0, `aramid's pid under pane ${pane}`);
    return pid;
  }

  /** Waits for aramid to end with `status`, then checks the host tty mode is what it was. */
  async checkExitRestored(status: number): Promise<void> {
    const t = await this.waitFor("aramid to exit", (x) => x.includes("ARAMID-EXIT:"), 60000);
    assert.match(t, new RegExp(`ARAMID-EXIT:${status}\\b`));
    const before = join(this.dir, "before");
    const after = join(this.dir, "after");
    await this.waitFor("the host tty mode after exit", () => existsSync(after) && readFileSync(after, "utf8").trim() !== "", 20000);
    assert.equal(readFileSync(after, "utf8"), readFileSync(before, "utf8"), "host terminal mode restored");
  }

  /** Kills the tmux server (the pane's processes get SIGHUP) and removes the scratch files. */
  kill(): void {
    process.removeListener("exit", this.cleanup);
    // kill-server leaves the socket file behind; remove it too.
    const socketPath = this.tmux("display-message", "-p", "#{socket_path}").trim();
    spawnSync("tmux", ["-L", this.socket, "kill-server"]);
    if (socketPath.startsWith("/")) rmSync(socketPath, { force: true });
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** An argument long enough that the command line is cut at any terminal width used here. */
export const MARKER = "busy-" + "0123456789".repeat(16);

/**
 * Starts a compute-bound awk (its long argument is never read) and a sleeper;
 * returns their pids. awk by path: ash would run its applet in the forked
 * shell, which keeps the shell's command line.
 */
export async function startBusyAndSleeper(a: AramidTmux): Promise<{ busy: number; sleeper: number }> {
  return { busy: await a.background(`/usr/bin/awk 'BEGIN { while (1) {} }' ${MARKER}`), sleeper: await a.background("sleep 1000") };
}

/** Starts a session, runs `body`, and always kills the session afterwards. */
export async function withAramid(o: SessionOptions, body: (t: AramidTmux) => Promise<void>): Promise<AramidTmux> {
  const t = await AramidTmux.start(o);
  try {
    await body(t);
  } finally {
    t.kill();
  }
  return t;
}
