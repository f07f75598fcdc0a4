// Builds a Debian image: signed InRelease → hash-checked Packages index →
// dependency closure → hash-checked .debs → unpacked into a temporary
// directory that is renamed into place only when everything succeeded.
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Key } from "openpgp";
import * as D from "./defaults.js";
import { ImageError } from "./errors.js";
import { fetchDebs } from "./fetch-debs.js";
import { loadKeyring } from "./keyring.js";
import type { Manifest } from "./manifest.js";
import type { PackageRecord } from "./packages-index.js";
import { getPackagesIndex, type FetchedIndex } from "./packages-source.js";
import { cacheRoot, downloadsDir, imagesDir, isValidImageName, releasesDir } from "./paths.js";
import { populateImage } from "./populate.js";
import { silentProgress, type Progress } from "./progress.js";
import type { Release } from "./release.js";
import { getRelease } from "./release-source.js";
import { resolvePackages } from "./resolve.js";
import { removeStaleBuilds, tempName } from "./stale-builds.js";

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

type Config = Required<Omit<BuildOptions, "keys">> & { readonly keys: readonly Key[] };

interface Fetched {
  readonly release: Release;
  readonly idx: FetchedIndex;
  readonly records: readonly PackageRecord[];
  readonly downloadedBytes: number;
}

export async function buildImage(opts: BuildOptions = {}): Promise<BuildResult> {
  const c = await configure(opts);
  const f = await fetchEverything(c);
  const dir = join(imagesDir(c.cacheDir), c.name);
  const store = downloadsDir(c.cacheDir);
  const manifest = await buildInto(dir, (tmp) => populateImage(tmp, f.records, store, manifestBase(c, f), c.progress));
  c.progress.note(`image ${c.name} ready at ${dir}`);
  return { dir, manifest, downloadedBytes: f.downloadedBytes };
}

async function configure(o: BuildOptions): Promise<Config> {
  const name = o.name ?? D.DEFAULT_IMAGE_NAME;
  if (!isValidImageName(name)) throw new ImageError("usage", `invalid image name "${name}"`);
  return {
    name,
    suite: o.suite ?? D.DEFAULT_SUITE,
    packages: o.packages ?? D.DEFAULT_PACKAGES,
    mirror: (o.mirror ?? D.mirrorFromEnv()).replace(/\/+$/, ""),
    arch: o.arch ?? D.DEFAULT_ARCH,
    component: o.component ?? D.DEFAULT_COMPONENT,
    cacheDir: o.cacheDir ?? cacheRoot(),
    keys: o.keys ?? (await loadKeyring()),
    progress: o.progress ?? silentProgress,
    releaseMaxAgeMs: o.releaseMaxAgeMs ?? 24 * 3600 * 1000,
  };
}

/**
 * A cached InRelease can name files the mirror has since replaced (a 404, or
 * an index whose hash no longer matches): the fetch is then redone once with
 * a fresh InRelease, which still has to verify.
 */
async function fetchEverything(c: Config): Promise<Fetched> {
  c.progress.note(`${c.suite} from ${c.mirror}: checking the signed InRelease`);
  const got = await getRelease({ ...c, cacheDir: releasesDir(c.cacheDir), maxAgeMs: c.releaseMaxAgeMs });
  try {
    return await fetchFor(c, got.release);
  } catch (e) {
    if (!got.cached || !(e instanceof ImageError) || (e.kind !== "not-found" && e.kind !== "hash")) throw e;
    c.progress.note("the cached InRelease is out of date; fetching a fresh one");
    const fresh = await getRelease({ ...c, cacheDir: releasesDir(c.cacheDir), maxAgeMs: 0 });
    return fetchFor(c, fresh.release);
  }
}

async function fetchFor(c: Config, release: Release): Promise<Fetched> {
  const store = downloadsDir(c.cacheDir);
  const idx = await getPackagesIndex(release, { ...c, store });
  const records = resolvePackages(idx.index, c.packages, `${c.suite}/${c.component} (${c.arch}) at ${c.mirror}`);
  c.progress.note(`${records.length} packages: ${records.map((r) => r.name).join(" ")}`);
  const debBytes = await fetchDebs(c.mirror, records, store, c.progress);
  return { release, idx, records, downloadedBytes: idx.downloaded + debBytes };
}

function manifestBase(c: Config, f: Fetched): Omit<Manifest, "busyboxApplets"> {
  return {
    format: 1, name: c.name, suite: c.suite, codename: f.release.codename, mirror: c.mirror,
    architecture: c.arch, component: c.component, created: new Date().toISOString(),
    requested: [...c.packages], signedBy: f.release.signedBy,
    packagesIndex: { path: f.idx.path, sha256: f.idx.sha256 },
    packages: f.records.map((r) => ({
      name: r.name, version: r.version, architecture: r.architecture,
      sha256: r.sha256, size: r.size, filename: r.filename,
    })),
  };
}

/** Fills a temporary sibling directory, then swaps it in; removes it on error. */
async function buildInto<T>(dir: string, fill: (tmp: string) => Promise<T>): Promise<T> {
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  removeStaleBuilds(parent, basename(dir));
  const tmp = join(parent, tempName(basename(dir), "building"));
  mkdirSync(tmp, { mode: 0o755 });
  try {
    const result = await fill(tmp);
    const old = join(parent, tempName(basename(dir), "old"));
    if (existsSync(dir)) renameSync(dir, old);
    renameSync(tmp, dir);
    rmSync(old, { recursive: true, force: true });
    return result;
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}
