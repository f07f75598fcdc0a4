// A build killed midway (Ctrl-C, a crash) leaves its temporary directory
// behind; the next build of the same name removes those whose process is
// gone. The names carry the builder's pid for exactly this.
import { randomBytes } from "node:crypto";
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

/** Unique per build, even for two builds in one process. */
export function tempName(name: string, kind: "building" | "old"): string {
  return `.${name}.${kind}-${process.pid}-${randomBytes(4).toString("hex")}`;
}

export function removeStaleBuilds(parent: string, name: string): void {
  const re = new RegExp(`^\\.${escape(name)}\\.(building|old)-(\\d+)-[0-9a-f]+$`);
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return;
  }
  for (const e of entries) {
    const m = re.exec(e);
    if (m !== null && !alive(Number(m[2]))) rmSync(join(parent, e), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
