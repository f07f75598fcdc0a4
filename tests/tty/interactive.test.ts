// The interactive shell for real: `node bin/aramid.js` (busybox sh -l on the
// default Debian image) in a tmux pane, driven by keystrokes. Checks the
// console tty end to end — prompt, echo exactly once, a pipeline, ^C, ^Z and
// fg — and that the host terminal is back in its own mode after `exit`.
// Skipped without tmux or without a cached default image (never downloads).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_IMAGE_NAME } from "../../src/image/defaults.js";
import { imageDir } from "../../src/image/images.js";
import { readManifest } from "../../src/image/manifest.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const BIN = join(ROOT, "bin", "aramid.js");

function skipReason(): string | false {
  if (spawnSync("tmux", ["-V"]).status !== 0) return "tmux is not installed";
  if (readManifest(imageDir(DEFAULT_IMAGE_NAME)) === undefined) return "the default image is not cached (run `aramid image build`)";
  if (!existsSync(join(ROOT, "dist", "cpu.wasm"))) return "aramid is not built";
  return false;
}

const session = `aramid-tty-${process.pid}`;

function tmux(...args: string[]): string {
  const r = spawnSync("tmux", args, { encoding: "utf8" });
  return r.stdout ?? "";
}

function pane(): string {
  return tmux("capture-pane", "-t", session, "-p", "-S", "-200");
}

function keys(...k: string[]): void {
  tmux("send-keys", "-t", session, ...k);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits until the pane satisfies `ok`; fails with the pane's content after `ms`. */
async function waitFor(what: string, ok: (text: string) => boolean, ms = 20000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const text = pane();
    if (ok(text)) return text;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}; pane:\n${text}`);
    await sleep(200);
  }
}

/** The shell prompt is the pane's last non-empty line (it ends in "# "). */
function atPrompt(text: string): boolean {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  return lines.length > 0 && /[#$] ?$/.test(lines[lines.length - 1]);
}

function lines(text: string): string[] {
  return text.split("\n").map((l) => l.trimEnd());
}

test("interactive shell on the console", { skip: skipReason(), timeout: 120000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "aramid-tty-"));
  const before = join(dir, "before");
  const after = join(dir, "after");
  const script = `stty -g > ${before}; node ${BIN}; echo "ARAMID-EXIT:$?"; stty -g > ${after}; sleep 600`;
  tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "40", "sh", "-c", script);
  try {
    await waitFor("the prompt", atPrompt, 60000);

    keys("echo hi-there", "Enter");
    let t = await waitFor("echo's output", (x) => lines(x).includes("hi-there") && atPrompt(x));
    assert.equal(lines(t).filter((l) => l === "hi-there").length, 1, "output once");
    assert.equal(lines(t).filter((l) => l.endsWith("echo hi-there")).length, 1, "command echoed once");

    keys("echo abc | tr a-c x-z", "Enter");
    await waitFor("the pipeline's output", (x) => lines(x).includes("xyz") && atPrompt(x));

    keys("sleep 100", "Enter");
    await sleep(1000);
    keys("C-c");
    t = await waitFor("^C to end sleep", (x) => x.includes("^C") && atPrompt(x), 10000);

    // From here on only what follows the marker's output counts.
    keys("echo job-control", "Enter");
    await waitFor("the marker", (x) => lines(x).includes("job-control") && atPrompt(x));
    const since = (x: string): string => x.slice(x.lastIndexOf("\njob-control\n"));
    keys("sleep 100", "Enter");
    await sleep(1000);
    keys("C-z");
    await waitFor("^Z to stop sleep", (x) => /Stopped/.test(since(x)) && atPrompt(x), 10000);
    keys("fg", "Enter");
    await sleep(1000);
    t = pane();
    assert.ok(!atPrompt(t), `fg should resume sleep in the foreground; pane:\n${t}`);
    keys("C-c");
    await waitFor("^C to end the resumed sleep", (x) => since(x).includes("^C") && atPrompt(x), 10000);

    // A plain `exit` would return the status of the interrupted sleep (130).
    keys("exit 0", "Enter");
    t = await waitFor("aramid to exit", (x) => x.includes("ARAMID-EXIT:"), 20000);
    assert.match(t, /ARAMID-EXIT:0/);
    await waitFor("stty after exit", () => existsSync(after) && readFileSync(after, "utf8").trim() !== "", 5000);
    assert.equal(readFileSync(after, "utf8"), readFileSync(before, "utf8"), "host terminal mode restored");
  } finally {
    tmux("kill-session", "-t", session);
    rmSync(dir, { recursive: true, force: true });
  }
});
