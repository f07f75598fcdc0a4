// Content-addressed download cache. A file is stored under its SHA256 only
// after its hash and size are checked, so a cached file is always good and a
// second build needs no network.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ImageError } from "./errors.js";
import { fetchBytes, type ByteProgress } from "./fetcher.js";
import { sha256Hex } from "./sha256.js";

export interface Expected {
  readonly sha256: string;
  readonly size: number;
}

export interface CachedFetch {
  readonly data: Uint8Array;
  /** Bytes taken from the network (0 when the cache had the file). */
  readonly downloaded: number;
}

export async function fetchVerified(
  store: string,
  urls: readonly string[],
  want: Expected,
  what: string,
  onBytes?: ByteProgress,
): Promise<CachedFetch> {
  const path = join(store, want.sha256);
  const cached = await readIfGood(path, want);
  if (cached !== undefined) return { data: cached, downloaded: 0 };
  const data = await fetchFirst(urls, onBytes);
  checkHash(data, want, what);
  await mkdir(store, { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, path);
  return { data, downloaded: data.length };
}

export function checkHash(data: Uint8Array, want: Expected, what: string): void {
  const got = sha256Hex(data);
  if (data.length !== want.size || got !== want.sha256) {
    throw new ImageError(
      "hash",
      `${what}: SHA256 mismatch (expected ${want.sha256}, ${want.size} bytes; ` +
        `got ${got}, ${data.length} bytes); refusing it`,
      "the mirror served altered or truncated data",
    );
  }
}

async function readIfGood(path: string, want: Expected): Promise<Uint8Array | undefined> {
  try {
    const data = await readFile(path);
    if (data.length === want.size && sha256Hex(data) === want.sha256) return data;
  } catch {
    // Not cached yet.
  }
  return undefined;
}

/** Tries each URL in turn (by-hash first, then the plain path) on 404s. */
async function fetchFirst(urls: readonly string[], onBytes?: ByteProgress): Promise<Uint8Array> {
  let last: unknown;
  for (const url of urls) {
    try {
      return await fetchBytes(url, { onBytes });
    } catch (e) {
      last = e;
      if (!(e instanceof ImageError) || e.kind !== "not-found") throw e;
    }
  }
  throw last;
}
