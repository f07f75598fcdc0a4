// Unpacks a tar archive into an image directory: regular files with their
// modes, directories, symlinks and hard links. Paths go through resolveInRoot
// so no entry can land outside the image.
import { chmodSync, linkSync, lstatSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { extract, type Header } from "tar-stream";
import { ImageError } from "./errors.js";
import { entryParts, resolveInRoot } from "./safe-path.js";

export interface UnpackStats {
  files: number;
  bytes: number;
  /** Device nodes and fifos: an unprivileged build cannot make them. */
  skipped: number;
}

export async function unpackTar(tar: Uint8Array, root: string, what: string): Promise<UnpackStats> {
  const stats: UnpackStats = { files: 0, bytes: 0, skipped: 0 };
  const ex = extract();
  ex.end(Buffer.from(tar.buffer, tar.byteOffset, tar.byteLength));
  for await (const entry of ex) {
    // streamx readables are async-iterable at run time; its typings omit it.
    const data = await readEntry(entry as unknown as AsyncIterable<Uint8Array>);
    const parts = entryParts(entry.header.name, what);
    if (parts.length === 0) continue; // "./" itself: the image root
    placeEntry(root, parts, entry.header, data, stats, what);
  }
  return stats;
}

async function readEntry(entry: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of entry) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function placeEntry(root: string, parts: string[], h: Header, data: Buffer, stats: UnpackStats, what: string): void {
  const mode = h.mode ?? 0o644;
  switch (h.type) {
    case "directory":
      makeDir(resolveInRoot(root, parts, true, what), mode);
      return;
    case "file":
    case "contiguous-file": {
      const path = prepare(root, parts, what);
      // Set-id bits mean nothing in a user's cache; plain permissions stay.
      writeFileSync(path, data, { mode: mode & 0o777 });
      chmodSync(path, mode & 0o777);
      stats.files++;
      stats.bytes += data.length;
      return;
    }
    case "symlink":
      // As dpkg does, a directory already there wins over a symlink.
      if (lstatOrUndefined(resolveInRoot(root, parts, false, what))?.isDirectory()) return;
      symlinkSync(h.linkname, prepare(root, parts, what));
      return;
    case "link":
      hardLink(root, parts, h.linkname, what);
      return;
    default:
      stats.skipped++;
  }
}

/** Makes the parent and clears the way: a new entry replaces an old file. */
function prepare(root: string, parts: string[], what: string): string {
  const parent = resolveInRoot(root, parts.slice(0, -1), true, what);
  mkdirSync(parent, { recursive: true });
  const path = resolveInRoot(root, parts, false, what);
  const old = lstatOrUndefined(path);
  if (old?.isDirectory()) {
    throw new ImageError("format", `${what}: "${parts.join("/")}" would replace a directory`);
  }
  if (old !== undefined) rmSync(path);
  return path;
}

function hardLink(root: string, parts: string[], linkname: string, what: string): void {
  const target = resolveInRoot(root, entryParts(linkname, what), false, what);
  if (!lstatOrUndefined(target)?.isFile()) {
    throw new ImageError("unsafe-archive", `${what}: hard link "${parts.join("/")}" to a missing file "${linkname}"`);
  }
  linkSync(target, prepare(root, parts, what));
}

function makeDir(path: string, mode: number): void {
  mkdirSync(path, { recursive: true });
  // Keep the owner able to write, or later packages could not add files.
  chmodSync(path, (mode & 0o1777) | 0o700);
}

function lstatOrUndefined(path: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
