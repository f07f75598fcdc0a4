// Builds .deb files for tests: an ar archive with debian-binary, a control
// tarball and data.tar compressed as asked.
import { gzipSync } from "node:zlib";
import { pack, type Header } from "tar-stream";
import { xzStore, zstdStore } from "./raw-compressors.js";

export type FixtureEntry =
  | { readonly path: string; readonly type: "file"; readonly data: string | Uint8Array; readonly mode?: number }
  | { readonly path: string; readonly type: "dir"; readonly mode?: number }
  | { readonly path: string; readonly type: "symlink" | "link"; readonly target: string };

export type Compression = "xz" | "zst" | "gz" | "none";

export async function makeTar(entries: readonly FixtureEntry[]): Promise<Buffer> {
  const p = pack();
  const done = collect(p as unknown as AsyncIterable<Uint8Array>);
  for (const e of entries) {
    const h: Partial<Header> & { name: string } = { name: e.path, mtime: new Date(0) };
    if (e.type === "file") {
      p.entry({ ...h, type: "file", mode: e.mode ?? 0o644 }, Buffer.from(e.data));
    } else if (e.type === "dir") {
      p.entry({ ...h, type: "directory", mode: e.mode ?? 0o755 });
    } else {
      p.entry({ ...h, type: e.type, linkname: e.target });
    }
  }
  p.finalize();
  return done;
}

async function collect(s: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const c of s) chunks.push(c);
  return Buffer.concat(chunks);
}

export function compress(data: Buffer, kind: Compression): Buffer {
  switch (kind) {
    case "xz":
      return xzStore(data);
    case "zst":
      return zstdStore(data);
    case "gz":
      return gzipSync(data);
    case "none":
      return data;
  }
}

const SUFFIX: Record<Compression, string> = { xz: ".xz", zst: ".zst", gz: ".gz", none: "" };

export function arArchive(members: ReadonlyArray<readonly [string, Buffer]>): Buffer {
  const parts: Buffer[] = [Buffer.from("!<arch>\n")];
  for (const [name, data] of members) {
    const field = (s: string, n: number): string => s.padEnd(n, " ");
    const header = field(name, 16) + field("0", 12) + field("0", 6) + field("0", 6) + field("100644", 8) + field(String(data.length), 10) + "`\n";
    parts.push(Buffer.from(header, "latin1"), data);
    if (data.length % 2 === 1) parts.push(Buffer.from("\n"));
  }
  return Buffer.concat(parts);
}

export async function makeDeb(control: string, entries: readonly FixtureEntry[], kind: Compression): Promise<Buffer> {
  const controlTar = await makeTar([{ path: "./control", type: "file", data: control }]);
  const dataTar = await makeTar(entries);
  return arArchive([
    ["debian-binary", Buffer.from("2.0\n")],
    ["control.tar.gz", gzipSync(controlTar)],
    [`data.tar${SUFFIX[kind]}`, compress(dataTar, kind)],
  ]);
}
