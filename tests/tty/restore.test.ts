// The host terminal is put back in its own mode on every way aramid can end
// (tests/tty/tmux.ts compares `stty -g` before and after): the guest shell
// crashing, and the host process killed by a signal. A normal `exit` is
// checked by every other interactive test.
import { test } from "node:test";
import { interactiveSkipReason, withAramid } from "./tmux.js";

test("host terminal restored after the guest shell dies of SIGSEGV", { skip: interactiveSkipReason(), timeout: 300000 }, async () => {
  await withAramid({ width: 80, height: 24 }, async (a) => {
    a.type("kill -SEGV $$");
    await a.checkExitRestored(139);
  });
});

test("host terminal restored after aramid itself is killed by SIGTERM", { skip: interactiveSkipReason(), timeout: 300000 }, async () => {
  await withAramid({ width: 80, height: 24 }, async (a) => {
    process.kill(a.aramidPid(), "SIGTERM");
    await a.checkExitRestored(143);
  });
});
