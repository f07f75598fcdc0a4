// Where images and downloads live: under the user's cache directory, following
// the XDG base directory spec, so nothing needs root.
import { homedir } from "node:os";
import { join } from "node:path";

export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env["XDG_CACHE_HOME"];
  const base = xdg !== undefined && xdg !== "" ? xdg : join(homedir(), ".cache");
  return join(base, "aramid");
}

export function imagesDir(root: string = cacheRoot()): string {
  return join(root, "images");
}

/** Content-addressed store: a file's name is its SHA256, so reuse is safe. */
export function downloadsDir(root: string = cacheRoot()): string {
  return join(root, "downloads", "sha256");
}

/** Signed release files, kept by mirror and suite for offline rebuilds. */
export function releasesDir(root: string = cacheRoot()): string {
  return join(root, "releases");
}

/** Inside an image: the manifest sits where dpkg keeps its own database. */
export const MANIFEST_PATH = "var/lib/aramid/manifest.json";

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function isValidImageName(name: string): boolean {
  return NAME_RE.test(name) && !name.includes("..");
}
