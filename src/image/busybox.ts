// Busybox's postinst-free replacement: one symlink per applet for every
// command the image lacks (/bin/sh included). The applet list is read from
// the binary itself (busybox keeps its names as one NUL-separated table that
// starts "[\0[[\0"), since a riscv64 busybox cannot be run here to ask it.
import { existsSync, lstatSync, readFileSync, symlinkSync } from "node:fs";
import { join, relative } from "node:path";

const CANDIDATES = ["usr/bin/busybox", "usr/sbin/busybox", "bin/busybox"];
const DIRS_WITH_COMMANDS = ["usr/bin", "usr/sbin", "usr/local/bin"];
const APPLET_RE = /^[a-z0-9_.[\]-]+$/;

/** Applets that any busybox build has, should the table not be found. */
const FALLBACK = ["sh", "ash", "ls", "cat", "cp", "mv", "rm", "mkdir", "echo", "env", "grep", "sed", "vi", "less"];

export function findBusybox(root: string): string | undefined {
  return CANDIDATES.map((c) => join(root, c)).find((p) => existsSync(p) && lstatSync(p).isFile());
}

export function appletNames(binary: Uint8Array): string[] {
  const buf = Buffer.from(binary.buffer, binary.byteOffset, binary.byteLength);
  const start = buf.indexOf(Buffer.from("[\0[[\0", "latin1"));
  if (start < 0) return [...FALLBACK];
  const names: string[] = [];
  let off = start;
  for (;;) {
    const end = buf.indexOf(0, off);
    if (end < 0) break;
    const name = buf.toString("latin1", off, end);
    if (!APPLET_RE.test(name)) break;
    names.push(name);
    off = end + 1;
  }
  return names;
}

/** Returns the applets linked; commands that packages provide are kept. */
export function linkBusyboxApplets(root: string): string[] {
  const busybox = findBusybox(root);
  if (busybox === undefined) return [];
  const linked: string[] = [];
  const binDir = join(root, "usr/bin");
  const target = relative(binDir, busybox);
  for (const name of appletNames(readFileSync(busybox))) {
    if (name === "busybox" || hasCommand(root, name)) continue;
    symlinkSync(target, join(binDir, name));
    linked.push(name);
  }
  return linked;
}

function hasCommand(root: string, name: string): boolean {
  return DIRS_WITH_COMMANDS.some((d) => {
    try {
      lstatSync(join(root, d, name));
      return true;
    } catch {
      return false;
    }
  });
}

