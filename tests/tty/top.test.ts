// procps top, interactive, on the console: its header and process list tell
// the truth about a busy and a sleeping process; a terminal resize while it
// runs reaches it (SIGWINCH) and it redraws at the new width; `q` quits back
// to the shell (tests/tty/tmux.ts drives the terminal).
import { test } from "node:test";
import assert from "node:assert/strict";
import { interactiveSkipReason, lines, procRows, rowOf, startBusyAndSleeper, withAramid } from "./tmux.js";

function field(line: string, name: string): number {
  const m = new RegExp(`([\\d.]+)[ ,]+${name}`).exec(line);
  assert.ok(m !== null, `"${name}" in "${line}"`);
  return Number(m[1]);
}

function headerLine(screen: string, prefix: string): string {
  const l = lines(screen).find((x) => x.startsWith(prefix));
  assert.ok(l !== undefined, `a "${prefix}" line; screen:\n${screen}`);
  return l;
}

test("top: header, busy and sleeping processes, resize, q", { skip: interactiveSkipReason(), timeout: 300000 }, async () => {
  await withAramid({ width: 80, height: 24 }, async (a) => {
    const { busy, sleeper } = await startBusyAndSleeper(a);
    a.type("/usr/bin/top -c -d 1");
    // The first frame's %CPU covers a short interval; wait for one with the busy process on top.
    const screen = await a.waitFor(
      "top's screen with the busy process at full speed",
      (x) => /^top - /m.test(x) && (procRows(x)[0]?.pid === busy || procRows(x)[1]?.pid === busy) && (rowOf(x, busy)?.cpu ?? 0) >= 50,
      90000,
      "screen",
    );
    const tasks = headerLine(screen, "Tasks:");
    assert.equal(
      field(tasks, "total"),
      field(tasks, "running") + field(tasks, "sleeping") + field(tasks, "stopped") + field(tasks, "zombie"),
      `task states add up: ${tasks}`,
    );
    assert.ok(field(tasks, "running") >= 1, tasks);
    const cpu = headerLine(screen, "%Cpu(s):");
    const cpuSum = ["us", "sy", "ni", "id", "wa", "hi", "si", "st"].reduce((s, f) => s + field(cpu, f), 0);
    assert.ok(Math.abs(cpuSum - 100) <= 1, `CPU shares add up to 100%: ${cpu}`);
    assert.ok(field(cpu, "us") >= 50, `a compute loop shows as user time: ${cpu}`);
    const mem = headerLine(screen, "MiB Mem :");
    assert.ok(
      Math.abs(field(mem, "total") - field(mem, "free") - field(mem, "used") - field(mem, "buff/cache")) <= 0.2,
      `memory adds up: ${mem}`,
    );

    const b = rowOf(screen, busy);
    assert.ok(b !== undefined);
    assert.equal(b.state, "R", `busy process running: ${b.line}`);
    // At 80 columns COMMAND gets what the other columns leave: "/usr/bi+".
    assert.ok(b.command.startsWith("/usr/bi"), `its command line: ${b.line}`);
    const s = rowOf(screen, sleeper);
    if (s !== undefined) {
      assert.equal(s.state, "S", `sleeper sleeping: ${s.line}`);
      assert.ok(s.cpu <= 1, `sleeper idle: ${s.line}`);
    }
    assert.ok(b.line.length <= 80, "the row fits the old width");

    // Wider and taller: only a redraw by top can fill columns past the old width.
    a.resize(132, 40);
    const wide = await a.waitFor("top redrawn at 132 columns", (x) => (rowOf(x, busy)?.line.length ?? 0) > 80, 60000, "screen");
    assert.ok(rowOf(wide, busy)!.line.length <= 132, "the row fits the new width");
    assert.ok(
      rowOf(wide, busy)!.command.startsWith(`/usr/bin/awk BEGIN { while (1) {} } busy-0123456789`),
      `more of the command line shown: ${rowOf(wide, busy)!.line}`,
    );

    a.keys("q");
    assert.deepEqual(await a.command("stty size"), ["40 132"], "the shell's tty has the new size");
    await a.echoOnce("after-top");
    await a.exitAndCheckRestored();
  });
});
