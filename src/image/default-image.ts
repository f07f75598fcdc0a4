// The image that `aramid` and `aramid run` use when no --rootfs is given:
// reused when present, built (with progress on stderr) on first use.
import type { BuildOptions } from "./build.js";
import { DEFAULT_IMAGE_NAME } from "./defaults.js";
import { imageDir } from "./images.js";
import { readManifest } from "./manifest.js";
import { stderrProgress } from "./progress.js";

/**
 * Directory of the default image (a root filesystem). A finished image always
 * has its manifest, written before the final rename, so a directory without
 * one is an interrupted build and is rebuilt. Throws ImageError on failure
 * (describeImageError gives the lines to print).
 */
export async function ensureDefaultImage(opts: BuildOptions = {}): Promise<string> {
  const name = opts.name ?? DEFAULT_IMAGE_NAME;
  const dir = imageDir(name, opts.cacheDir);
  if (readManifest(dir) !== undefined) return dir;
  // The builder (OpenPGP, decompressors) loads only when there is something to build: not on every boot.
  const { buildImage } = await import("./build.js");
  const result = await buildImage({ progress: stderrProgress(), ...opts, name });
  return result.dir;
}
