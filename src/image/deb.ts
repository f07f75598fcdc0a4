// A .deb is an ar archive of debian-binary, control.tar.* and data.tar.*.
// Only data.tar is unpacked: maintainer scripts are never run.
import { readAr } from "./ar.js";
import { compressionOf, decompress } from "./decompress.js";
import { ImageError } from "./errors.js";
import { unpackTar, type UnpackStats } from "./tar-unpack.js";

export async function unpackDeb(deb: Uint8Array, root: string, what: string): Promise<UnpackStats> {
  const members = readAr(deb, what);
  if (members[0]?.name !== "debian-binary") {
    throw new ImageError("format", `${what}: not a Debian package (no debian-binary member first)`);
  }
  const data = members.find((m) => m.name.startsWith("data.tar"));
  if (data === undefined) throw new ImageError("format", `${what}: no data.tar member`);
  const kind = compressionOf(data.name);
  if (kind === undefined) throw new ImageError("format", `${what}: unsupported compression in ${data.name}`);
  const tar = await decompress(data.data, kind, what);
  return unpackTar(tar, root, what);
}
