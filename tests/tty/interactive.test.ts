// The interactive shell for real: `node bin/aramid.js` (busybox sh -l on the
// default Debian image) in a tmux pane, driven by keystrokes. Checks the
// console tty end to end — prompt, echo exactly once, a pipeline, ^C, ^Z and
// fg — and that the host terminal is back in its own mode after `exit`.
// Skipped without tmux or without the default image (tests/tty/tmux.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { atPrompt, interactiveSkipReason, lines, sleep, withAramid } from "./tmux.js";

test("interactive shell on the console", { skip: interactiveSkipReason(), timeout: 300000 }, async (t) => {
  const s = await withAramid({ width: 100, height: 40 }, async (a) => {
    await a.echoOnce("hi-there");

    a.type("echo abc | tr a-c x-z");
    await a.waitFor("the pipeline's output", (x) => lines(x).includes("xyz") && atPrompt(x));

    a.type("sleep 100");
    await sleep(1000);
    a.keys("C-c");
    await a.waitFor("^C to end sleep", (x) => x.includes("^C") && atPrompt(x), 30000);

    // From here on only what follows the marker's output counts.
    a.type("echo job-control");
    await a.waitFor("the marker", (x) => lines(x).includes("job-control") && atPrompt(x));
    const since = (x: string): string => x.slice(x.lastIndexOf("\njob-control\n"));
    a.type("sleep 100");
    await sleep(1000);
    a.keys("C-z");
    await a.waitFor("^Z to stop sleep", (x) => /Stopped/.test(since(x)) && atPrompt(x), 30000);
    a.type("fg");
    await sleep(1000);
    const text = a.history();
    assert.ok(!atPrompt(text), `fg should resume sleep in the foreground; pane:\n${text}`);
    a.keys("C-c");
    await a.waitFor("^C to end the resumed sleep", (x) => since(x).includes("^C") && atPrompt(x), 30000);

    // A plain `exit` would return the status of the interrupted sleep (130).
    await a.exitAndCheckRestored();
  });
  t.diagnostic(`boot to prompt (tmux, polled every 250 ms): ${s.bootMs} ms`);
});
