// htop on the console (TERM=tmux-256color, from the image's terminfo): its CPU
// meter, memory meter and process list tell the truth about a busy and a
// sleeping process and about /proc/meminfo read in the same session; a resize
// while it runs makes it redraw at the new size; F10 quits and the shell's
// terminal is as it was (tests/tty/tmux.ts drives the terminal).
import { test } from "node:test";
import assert from "node:assert/strict";
import { interactiveSkipReason, lines, procRows, rowOf, startBusyAndSleeper, withAramid } from "./tmux.js";

const UNIT_KB: Record<string, number> = { K: 1, M: 1024, G: 1024 ** 2, T: 1024 ** 3 };

/** htop's "Mem[|||  2.88M/1.00G]": used and total in kB. */
function memMeter(screen: string): { used: number; total: number } | undefined {
  const m = /Mem\[[|\s]*?([\d.]+)([KMGT])\/([\d.]+)([KMGT])\]/.exec(screen);
  return m === null ? undefined : { used: +m[1] * UNIT_KB[m[2]], total: +m[3] * UNIT_KB[m[4]] };
}

/** htop's "CPU[|||||| 97.3%]" (one CPU): the percentage. */
function cpuMeter(screen: string): number | undefined {
  const m = /CPU\[[|\s]*?([\d.]+)%\]/.exec(screen);
  return m === null ? undefined : +m[1];
}

// What htop's meter shows as used (htop 3.4, linux/LinuxMachine.c):
// total - free - buffers - cached - sreclaimable, plus shmem, in kB.
const MEM_USED_AWK =
  "awk '/^MemTotal:/ { t = $2 } /^MemFree:/ { f = $2 } /^Buffers:/ { b = $2 } /^Cached:/ { c = $2 } " +
  "/^SReclaimable:/ { r = $2 } /^Shmem:/ { s = $2 } END { print t - f - b - c - r + s }' /proc/meminfo";
const SAMPLES = "/tmp/mem-used";

test("htop: meters and process list, resize, F10", { skip: interactiveSkipReason(), timeout: 400000 }, async (t) => {
  await withAramid({ width: 80, height: 24 }, async (a) => {
    const { busy, sleeper } = await startBusyAndSleeper(a);
    const memTotal = Number((await a.command("awk '/^MemTotal:/ { print $2 }' /proc/meminfo"))[0]);
    // /proc/meminfo sampled every second, each sample marked when htop was running.
    let clock = Date.now();
    const phase = (what: string): void => {
      t.diagnostic(`${what}: ${Date.now() - clock} ms`);
      clock = Date.now();
    };
    const sampler = await a.background(
      `while :; do u=$(${MEM_USED_AWK}); pidof htop > /dev/null && u="$u htop"; echo $u >> ${SAMPLES}; sleep 1; done`,
    );
    const modeBefore = await a.command("stty -g");
    a.type("htop");

    const screen = await a.waitFor(
      "htop's screen with the busy process at full speed",
      (x) =>
        memMeter(x) !== undefined &&
        (cpuMeter(x) ?? 0) >= 50 &&
        (rowOf(x, busy)?.cpu ?? 0) >= 50 &&
        rowOf(x, sleeper) !== undefined &&
        lines(x).some((l) => l.startsWith("F1Help")),
      120000,
      "screen",
    );
    phase("htop up with the busy process on top");
    const b = rowOf(screen, busy)!;
    const s = rowOf(screen, sleeper)!;
    assert.equal(b.state, "R", `busy process running: ${b.line}`);
    assert.ok(procRows(screen).slice(0, 2).some((r) => r.pid === busy), `busy process near the top (sorted by CPU%):\n${screen}`);
    assert.equal(s.state, "S", `sleeper sleeping: ${s.line}`);
    assert.ok(s.cpu <= 1, `sleeper idle: ${s.line}`);
    assert.ok(s.command.startsWith("sleep 1000"), `sleeper's command line: ${s.line}`);
    const mem = memMeter(screen)!;

    // Wider and taller: only a redraw by htop can fill columns past the old width.
    a.resize(132, 40);
    const wide = await a.waitFor(
      "htop redrawn at 132x40",
      (x) => (rowOf(x, busy)?.line.length ?? 0) > 80 && lines(x)[39]?.startsWith("F1Help") === true,
      60000,
      "screen",
    );
    phase("redrawn after the resize");
    assert.ok(rowOf(wide, busy)!.command.startsWith("/usr/bin/awk BEGIN { while (1) {} } busy-0123456789"), rowOf(wide, busy)!.line);
    const cpuLine = (x: string): number => lines(x).find((l) => l.includes("CPU["))?.indexOf("]") ?? -1;
    assert.ok(cpuLine(wide) > cpuLine(screen), `the CPU meter widened:\n${screen}\n${wide}`);

    a.keys("F10");
    assert.deepEqual(await a.command("stty -g"), modeBefore, "htop restored the tty mode");
    assert.deepEqual(await a.command("stty size"), ["40 132"], "the shell's tty has the new size");
    phase("F10 to the shell");
    await a.command(`kill ${sampler} ${busy} ${sleeper}`);

    // The meter against /proc/meminfo sampled while htop ran (it counts htop's own
    // memory), leaving out the first two samples, taken while htop was starting.
    const all = await a.command(`cat ${SAMPLES}`);
    const during = all.filter((l) => l.endsWith(" htop")).map((l) => parseInt(l, 10));
    const steady = during.length > 3 ? during.slice(2) : during;
    assert.ok(steady.length > 0 && steady.every((v) => v > 0), `samples while htop ran: ${all.join(", ")}`);
    const [lo, hi] = [Math.min(...steady), Math.max(...steady)];
    assert.ok(
      mem.used >= lo * 0.9 - 128 && mem.used <= hi * 1.1 + 128,
      `Mem meter used ${mem.used} kB vs /proc/meminfo ${lo}..${hi} kB`,
    );
    t.diagnostic(`htop: busy ${b.cpu}% ${b.state}, sleeper ${s.cpu}% ${s.state}, CPU meter ${cpuMeter(screen)}%, Mem meter ${mem.used} kB used vs /proc/meminfo ${lo}..${hi} kB`);
    assert.ok(Math.abs(mem.total - memTotal) <= memTotal * 0.01, `Mem meter total ${mem.total} kB vs MemTotal ${memTotal} kB`);

    await a.echoOnce("after-htop");
    await a.exitAndCheckRestored();
  });
});
