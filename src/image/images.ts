// The images in the cache: where one lives, listing and removing them.
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { ImageError } from "./errors.js";
import { readManifest, type Manifest } from "./manifest.js";
import { cacheRoot, imagesDir, isValidImageName } from "./paths.js";

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
