// The images in the cache: list, remove, and the default one that `aramid`
// and `aramid run` use when no --rootfs is given.
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { buildImage, type BuildOptions } from "./build.js";
import { DEFAULT_IMAGE_NAME } from "./defaults.js";
import { ImageError } from "./errors.js";
import { readManifest, type Manifest } from "./manifest.js";
import { cacheRoot, imagesDir, isValidImageName } from "./paths.js";
import { stderrProgress } from "./progress.js";

export interface ImageInfo {
  readonly name: string;
  readonly dir: string;
  /** Undefined for a directory without a readable manifest. */
  readonly manifest: Manifest | undefined;
}

export function listImages(cacheDir: string = cacheRoot()): ImageInfo[] {
  const dir = imagesDir(cacheDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => !n.startsWith(".") && statSync(join(dir, n)).isDirectory())
    .sort()
    .map((name) => ({ name, dir: join(dir, name), manifest: readManifest(join(dir, name)) }));
}

export function imageDir(name: string, cacheDir: string = cacheRoot()): string {
  if (!isValidImageName(name)) throw new ImageError("usage", `invalid image name "${name}"`);
  return join(imagesDir(cacheDir), name);
}

export function removeImage(name: string, cacheDir: string = cacheRoot()): void {
  const dir = imageDir(name, cacheDir);
  if (!existsSync(dir)) throw new ImageError("usage", `no image named "${name}"`);
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Directory of the default image, built on first use (with progress on
 * stderr unless opts.progress says otherwise). A finished image always has
 * its manifest, since it is written before the final rename.
 */
export async function ensureDefaultImage(opts: BuildOptions = {}): Promise<string> {
  const name = opts.name ?? DEFAULT_IMAGE_NAME;
  const dir = imageDir(name, opts.cacheDir);
  if (readManifest(dir) !== undefined) return dir;
  const result = await buildImage({ progress: stderrProgress(), ...opts, name });
  return result.dir;
}
