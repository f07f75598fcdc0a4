// Fills an (empty, temporary) image directory: merged-/usr links, every
// package's data.tar, busybox applet links, /etc and the manifest.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { linkBusyboxApplets } from "./busybox.js";
import { unpackDeb } from "./deb.js";
import { checkHash } from "./download-cache.js";
import { writeEtc } from "./etc-files.js";
import { writeManifest, type Manifest } from "./manifest.js";
import { makeMergedUsr } from "./merged-usr.js";
import type { PackageRecord } from "./packages-index.js";
import type { Progress } from "./progress.js";

export async function populateImage(
  root: string,
  records: readonly PackageRecord[],
  store: string,
  base: Omit<Manifest, "busyboxApplets">,
  progress: Progress,
): Promise<Manifest> {
  makeMergedUsr(root);
  const total = records.reduce((n, r) => n + r.size, 0);
  progress.begin("unpack", total, records.length);
  let done = 0;
  for (const r of records) {
    const what = `${r.name}_${r.version}_${r.architecture}.deb`;
    const deb = await readFile(join(store, r.sha256));
    // Checked again here: what is unpacked is exactly what the index lists.
    checkHash(deb, r, what);
    await unpackDeb(deb, root, what);
    done += r.size;
    progress.bytes(done);
    progress.packageDone(r.name, r.size);
  }
  progress.end();
  const busyboxApplets = linkBusyboxApplets(root);
  writeEtc(root);
  const manifest: Manifest = { ...base, busyboxApplets };
  writeManifest(root, manifest);
  return manifest;
}
