// Fetches one URL into memory: http(s) through Node's fetch, file:// from
// disk (a local mirror, as the tests use). Reports bytes as they arrive.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { ImageError, NETWORK_HINT } from "./errors.js";

export type ByteProgress = (received: number) => void;

export interface FetchOptions {
  readonly onBytes?: ByteProgress;
  /** Time allowed with no data arriving; a dead network fails fast. */
  readonly idleTimeoutMs?: number;
}

export async function fetchBytes(url: string, opts: FetchOptions = {}): Promise<Uint8Array> {
  if (url.startsWith("file:")) return fetchFile(url, opts);
  const ctrl = new AbortController();
  const idle = opts.idleTimeoutMs ?? 30_000;
  let timer = setTimeout(() => ctrl.abort(), idle);
  try {
    const res = await fetch(url, { signal: ctrl.signal });
    if (!res.ok) throw notFound(url, res.status);
    if (res.body === null) return new Uint8Array();
    return await readBody(res.body, opts.onBytes, () => {
      clearTimeout(timer);
      timer = setTimeout(() => ctrl.abort(), idle);
    });
  } catch (e) {
    if (e instanceof ImageError) throw e;
    throw new ImageError("network", `cannot download ${url}: ${networkReason(e)}`, NETWORK_HINT);
  } finally {
    clearTimeout(timer);
  }
}

async function readBody(
  body: ReadableStream<Uint8Array>,
  onBytes: ByteProgress | undefined,
  onChunk: () => void,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.length;
    onChunk();
    onBytes?.(total);
  }
  return Buffer.concat(chunks, total);
}

async function fetchFile(url: string, opts: FetchOptions): Promise<Uint8Array> {
  try {
    const data = await readFile(fileURLToPath(url));
    opts.onBytes?.(data.length);
    return data;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw notFound(url, 404);
    throw new ImageError("network", `cannot read ${url}: ${networkReason(e)}`, NETWORK_HINT);
  }
}

function notFound(url: string, status: number): ImageError {
  const kind = status === 404 || status === 410 ? "not-found" : "network";
  return new ImageError(kind, `the mirror answered HTTP ${status} for ${url}`, NETWORK_HINT);
}

/** Undici hides the useful part (ENOTFOUND, ECONNREFUSED) in `cause`. */
function networkReason(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  if (e.name === "AbortError") return "timed out waiting for data";
  const cause = (e as Error & { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code !== undefined ? `${code} (${cause.message})` : cause.message;
  }
  return e.message;
}
