// busybox vi on the console: its full-screen UI, insert mode, ESC and :wq,
// then the shell and the terminal are back as they were (tests/tty/tmux.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { interactiveSkipReason, lines, withAramid } from "./tmux.js";

const HEIGHT = 24;
const FILE = "/tmp/vi-test.txt";

/** vi's status line: the screen's last row, "-" in command mode, "I" in insert mode. */
function statusLine(screen: string): string {
  const ls = lines(screen);
  while (ls.length > 0 && ls[ls.length - 1] === "") ls.pop();
  return ls[ls.length - 1] ?? "";
}

test("vi: edit a new file and :wq", { skip: interactiveSkipReason(), timeout: 300000 }, async () => {
  await withAramid({ width: 80, height: HEIGHT }, async (a) => {
    const modeBefore = await a.command("stty -g");
    a.type(`vi ${FILE}`);
    // Empty lines past the end of the buffer are drawn as "~", one per row.
    let screen = await a.waitFor(
      "vi's screen",
      (x) => lines(x).filter((l) => l === "~").length >= HEIGHT - 3 && statusLine(x).includes(FILE),
      60000,
      "screen",
    );
    assert.match(statusLine(screen), /^- /, `vi starts in command mode; screen:\n${screen}`);

    a.keys("i");
    await a.waitFor("insert mode", (x) => /^I /.test(statusLine(x)), 30000, "screen");
    a.keys("-l", "hello from vi");
    a.keys("Enter");
    a.keys("-l", "second line");
    screen = await a.waitFor("the typed text", (x) => lines(x).includes("hello from vi") && lines(x).includes("second line"), 30000, "screen");
    assert.equal(lines(screen)[0], "hello from vi", `text at the top of the screen; screen:\n${screen}`);
    assert.equal(lines(screen)[1], "second line");

    // ESC alone first: sent together with ":" it could read as an Alt sequence.
    a.keys("Escape");
    screen = await a.waitFor("command mode after ESC", (x) => /^- .*\[Modified\]/.test(statusLine(x)), 30000, "screen");
    assert.match(statusLine(screen), /2\/2/, "two lines, cursor on the second");
    a.keys("-l", ":wq");
    a.keys("Enter");

    assert.deepEqual(await a.command(`cat ${FILE}`), ["hello from vi", "second line"]);
    assert.deepEqual(await a.command("stty -g"), modeBefore, "vi restored the tty mode");
    await a.echoOnce("after-vi");
    await a.exitAndCheckRestored();
  });
});
