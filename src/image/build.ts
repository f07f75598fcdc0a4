// Builds a Debian image: signed InRelease → hash-checked Packages index →
// dependency closure → hash-checked .debs → unpacked into a temporary
// directory that is renamed into place only when everything succeeded.
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Key } from "openpgp";
import * as D from "./defaults.js";
import { ImageError } from "./errors.js";
import { fetchDebs } from "./fetch-debs.js";
import { loadKeyring } from "./keyring.js";
import type { Manifest } from "./manifest.js";
import { getPackagesIndex } from "./packages-source.js";
import { cacheRoot, downloadsDir, imagesDir, isValidImageName, releasesDir } from "./paths.js";
import { silentProgress, type Progress } from "./progress.js";
import { getRelease } from "./release-source.js";
import { resolvePackages } from "./resolve.js";
import { populateImage } from "./populate.js";

export interface BuildOptions {
  readonly suite?: string;
  readonly packages?: readonly string[];
  readonly name?: string;
  /** Defaults to $ARAMID_DEBIAN_MIRROR, then Debian's public mirror. */
  readonly mirror?: string;
  readonly arch?: string;
  readonly component?: string;
  /** Root of the cache; defaults to $XDG_CACHE_HOME/aramid. */
  readonly cacheDir?: string;
  /** Trusted signing keys; defaults to the Debian keys shipped in keys/. */
  readonly keys?: readonly Key[];
  readonly progress?: Progress;
  /** Age under which a cached InRelease is reused offline (default 24 h). */
  readonly releaseMaxAgeMs?: number;
}

export interface BuildResult {
  readonly dir: string;
  readonly manifest: Manifest;
  /** Bytes fetched from the mirror for indexes and packages (InRelease aside). */
  readonly downloadedBytes: number;
}

export async function buildImage(opts: BuildOptions = {}): Promise<BuildResult> {
  const name = opts.name ?? D.DEFAULT_IMAGE_NAME;
  if (!isValidImageName(name)) throw new ImageError("usage", `invalid image name "${name}"`);
  const cache = opts.cacheDir ?? cacheRoot();
  const mirror = (opts.mirror ?? D.mirrorFromEnv()).replace(/\/+$/, "");
  const suite = opts.suite ?? D.DEFAULT_SUITE;
  const arch = opts.arch ?? D.DEFAULT_ARCH;
  const component = opts.component ?? D.DEFAULT_COMPONENT;
  const requested = opts.packages ?? D.DEFAULT_PACKAGES;
  const progress = opts.progress ?? silentProgress;
  const keys = opts.keys ?? (await loadKeyring());

  progress.note(`${suite} from ${mirror}: checking the signed InRelease`);
  const maxAgeMs = opts.releaseMaxAgeMs ?? 24 * 3600 * 1000;
  const release = await getRelease({ mirror, suite, keys, cacheDir: releasesDir(cache), maxAgeMs, progress });
  const store = downloadsDir(cache);
  const idx = await getPackagesIndex(release, { mirror, suite, component, arch, store, progress });
  const records = resolvePackages(idx.index, requested, `${suite}/${component} (${arch}) at ${mirror}`);
  progress.note(`${records.length} packages: ${records.map((r) => r.name).join(" ")}`);
  const debBytes = await fetchDebs(mirror, records, store, progress);

  const base: Omit<Manifest, "busyboxApplets"> = {
    format: 1, name, suite, codename: release.codename, mirror, architecture: arch, component,
    created: new Date().toISOString(), requested: [...requested], signedBy: release.signedBy,
    packagesIndex: { path: idx.path, sha256: idx.sha256 },
    packages: records.map((r) => ({
      name: r.name, version: r.version, architecture: r.architecture,
      sha256: r.sha256, size: r.size, filename: r.filename,
    })),
  };
  const dir = join(imagesDir(cache), name);
  const manifest = await buildInto(dir, (tmp) => populateImage(tmp, records, store, base, progress));
  progress.note(`image ${name} ready at ${dir}`);
  return { dir, manifest, downloadedBytes: idx.downloaded + debBytes };
}

/** Fills a temporary sibling directory, then swaps it in; removes it on error. */
async function buildInto<T>(dir: string, fill: (tmp: string) => Promise<T>): Promise<T> {
  const parent = join(dir, "..");
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${baseName(dir)}.building-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { mode: 0o755 });
  try {
    const result = await fill(tmp);
    const old = join(parent, `.${baseName(dir)}.old-${process.pid}`);
    if (existsSync(dir)) renameSync(dir, old);
    renameSync(tmp, dir);
    rmSync(old, { recursive: true, force: true });
    return result;
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

function baseName(dir: string): string {
  return dir.split("/").pop() ?? dir;
}
