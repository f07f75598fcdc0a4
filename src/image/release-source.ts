// Gets a suite's InRelease: from the network, or from the copy kept by the
// last build when it is recent (so a rebuild is offline) or the network is
// down. Every copy, cached or not, is signature-checked before use.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Key } from "openpgp";
import { ImageError } from "./errors.js";
import { fetchBytes } from "./fetcher.js";
import type { Progress } from "./progress.js";
import { parseRelease, verifyInRelease, type Release } from "./release.js";

export interface ReleaseRequest {
  readonly mirror: string;
  readonly suite: string;
  readonly keys: readonly Key[];
  readonly cacheDir: string;
  /** A cached InRelease younger than this is used without asking the mirror. */
  readonly maxAgeMs: number;
  readonly progress: Progress;
}

export interface GotRelease {
  readonly release: Release;
  /** True when the cached copy was used without asking the mirror. */
  readonly cached: boolean;
}

export async function getRelease(req: ReleaseRequest): Promise<GotRelease> {
  const url = `${req.mirror}/dists/${req.suite}/InRelease`;
  const cachePath = join(req.cacheDir, cacheKey(req.mirror), req.suite, "InRelease");
  const cached = readCached(cachePath);
  if (cached !== undefined && Date.now() - cached.mtimeMs < req.maxAgeMs) {
    return { release: await checked(cached.text, url, req.keys), cached: true };
  }
  let text: string;
  try {
    text = Buffer.from(await fetchBytes(url)).toString("utf8");
  } catch (e) {
    if (e instanceof ImageError && e.kind === "not-found") {
      throw new ImageError("not-found", `no suite "${req.suite}" at ${req.mirror} (${url} not found)`, "check --suite and --mirror");
    }
    if (cached === undefined || !(e instanceof ImageError) || e.kind !== "network") throw e;
    req.progress.note(`${e.message}; using the InRelease cached on ${new Date(cached.mtimeMs).toISOString()}`);
    return { release: await checked(cached.text, url, req.keys), cached: true };
  }
  const release = await checked(text, url, req.keys);
  store(cachePath, text);
  return { release, cached: false };
}

async function checked(text: string, url: string, keys: readonly Key[]): Promise<Release> {
  const verified = await verifyInRelease(text, keys, url);
  const release = parseRelease(verified.text, verified.signers);
  if (release.validUntil !== undefined && release.validUntil.getTime() < Date.now()) {
    throw new ImageError("signature", `${url} expired on ${release.validUntil.toISOString()} (Valid-Until)`);
  }
  return release;
}

function cacheKey(mirror: string): string {
  return mirror.replace(/^[a-z]+:\/+/, "").replace(/[^A-Za-z0-9.-]+/g, "_");
}

function readCached(path: string): { text: string; mtimeMs: number } | undefined {
  try {
    return { text: readFileSync(path, "utf8"), mtimeMs: statSync(path).mtimeMs };
  } catch {
    return undefined;
  }
}

function store(path: string, text: string): void {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}
