// Resolving archive paths inside an image the way a chroot would: symlinks
// met on the way are followed, but absolute targets restart at the image
// root and `..` stops at it. Whatever a package's links say, the host path
// that comes out is inside the image.
import { lstatSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { ImageError } from "./errors.js";

const MAX_LINKS = 40; // as Linux's own limit on nested symlinks

/** Splits a tar entry name, refusing absolute paths and `..` outright. */
export function entryParts(name: string, what: string): string[] {
  if (name.startsWith("/")) throw unsafe(what, name, "absolute path");
  const parts = name.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.includes("..")) throw unsafe(what, name, "path with ..");
  return parts;
}

/**
 * Host path for `parts` under `root`. The last component is followed only
 * when `followLast` (directories may already be symlinks, as /bin is).
 */
export function resolveInRoot(root: string, parts: readonly string[], followLast: boolean, what: string): string {
  const stack: string[] = [];
  const queue = [...parts];
  let links = 0;
  while (queue.length > 0) {
    const part = queue.shift() as string;
    if (part === "" || part === ".") continue;
    if (part === "..") {
      stack.pop();
      continue;
    }
    const target = queue.length === 0 && !followLast ? undefined : linkTarget(join(root, ...stack, part));
    if (target === undefined) {
      stack.push(part);
      continue;
    }
    if (++links > MAX_LINKS) throw unsafe(what, parts.join("/"), "too many levels of symlinks");
    if (target.startsWith("/")) stack.length = 0;
    queue.unshift(...target.split("/"));
  }
  return join(root, ...stack);
}

function linkTarget(path: string): string | undefined {
  try {
    return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : undefined;
  } catch {
    return undefined; // not there yet: it will be created as a real directory
  }
}

function unsafe(what: string, name: string, why: string): ImageError {
  return new ImageError("unsafe-archive", `${what}: refusing tar entry "${name}" (${why})`);
}
