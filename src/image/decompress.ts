// Decompression by file name suffix, as Debian names its members and indexes:
// .xz (WebAssembly xz-embedded), .zst (fzstd, pure JS), .gz (Node's zlib).
import { gunzipSync } from "node:zlib";
import { Decompress as ZstdStream } from "fzstd";
import xz from "xz-decompress";
import { ImageError } from "./errors.js";

export type Compression = "xz" | "zst" | "gz" | "none";

export function compressionOf(name: string): Compression | undefined {
  if (name.endsWith(".xz")) return "xz";
  if (name.endsWith(".zst")) return "zst";
  if (name.endsWith(".gz")) return "gz";
  if (!/\.[a-z0-9]+$/.test(name) || name.endsWith(".tar")) return "none";
  return undefined;
}

export async function decompress(data: Uint8Array, kind: Compression, what: string): Promise<Uint8Array> {
  try {
    switch (kind) {
      case "xz":
        return await unxz(data);
      case "zst":
        return unzstd(data);
      case "gz":
        return gunzipSync(data);
      case "none":
        return data;
    }
  } catch (e) {
    throw new ImageError("format", `${what}: cannot decompress ${kind} data: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function unxz(data: Uint8Array): Promise<Uint8Array> {
  const input = new Blob([Buffer.from(data)]).stream();
  const out = new Response(new xz.XzReadableStream(input));
  return new Uint8Array(await out.arrayBuffer());
}

/** Streaming, because frames need not record their decompressed size. */
function unzstd(data: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  const stream = new ZstdStream((chunk) => {
    chunks.push(chunk);
  });
  stream.push(data, true);
  return Buffer.concat(chunks);
}
