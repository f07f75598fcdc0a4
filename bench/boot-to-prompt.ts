// Boot-to-prompt time of `aramid` (no arguments: busybox sh -l on the cached
// default image): from spawning `node bin/aramid.js` on a pty (util-linux
// `script`) to the first "# " of the prompt on its output, then `exit`.
// Prints wall time and the aramid process's CPU time (user+sys, steadier on a
// shared machine) for each run and the best of N.
// usage: node dist/bench/boot-to-prompt.js [RUNS]
import { spawn, execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CLK_TCK = 100;

/** CPU time (user+sys) of the pty's child, the aramid node process, in ms. */
function childCpuMs(scriptPid: number): number {
  const pid = execFileSync("pgrep", ["-P", String(scriptPid)], { encoding: "utf8" }).trim().split("\n")[0];
  const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK;
}

function once(): Promise<{ wallMs: number; cpuMs: number }> {
  return new Promise((res, rej) => {
    const t0 = performance.now();
    const p = spawn("script", ["-qfec", `node ${join(ROOT, "bin", "aramid.js")}`, "/dev/null"], {
      stdio: ["pipe", "pipe", "inherit"],
      env: { ...process.env, TERM: "xterm-256color" },
    });
    let out = "";
    let result: { wallMs: number; cpuMs: number } | undefined;
    const timer = setTimeout(() => p.kill(), 120000);
    p.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (result === undefined && out.includes("# ")) {
        result = { wallMs: performance.now() - t0, cpuMs: childCpuMs(p.pid!) };
        p.stdin.write("exit\n");
      }
    });
    p.on("exit", () => {
      clearTimeout(timer);
      if (result !== undefined) res(result);
      else rej(new Error(`no prompt; output: ${JSON.stringify(out)}`));
    });
  });
}

const runs = Number(process.argv[2] ?? 5);
const all: { wallMs: number; cpuMs: number }[] = [];
for (let i = 0; i < runs; i++) {
  const r = await once();
  all.push(r);
  console.log(`run ${i + 1}: ${r.wallMs.toFixed(0)} ms wall, ${r.cpuMs.toFixed(0)} ms CPU`);
}
const best = (k: "wallMs" | "cpuMs"): string => Math.min(...all.map((r) => r[k])).toFixed(0);
console.log(`boot to prompt, best of ${runs}: ${best("wallMs")} ms wall, ${best("cpuMs")} ms CPU (load average ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")})`);
