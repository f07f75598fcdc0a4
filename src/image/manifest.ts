// The manifest: what an image is made of, so `image list` can describe it
// and anyone can check its files against Debian's hashes.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { MANIFEST_PATH } from "./paths.js";

export interface ManifestPackage {
  readonly name: string;
  readonly version: string;
  readonly architecture: string;
  /** SHA256 of the .deb, as the signed Packages index lists it. */
  readonly sha256: string;
  readonly size: number;
  readonly filename: string;
}

export interface Manifest {
  readonly format: 1;
  readonly name: string;
  readonly suite: string;
  readonly codename: string;
  readonly mirror: string;
  readonly architecture: string;
  readonly component: string;
  readonly created: string;
  readonly requested: readonly string[];
  /** Fingerprints of the archive keys whose signatures on InRelease verified. */
  readonly signedBy: readonly string[];
  readonly packagesIndex: { readonly path: string; readonly sha256: string };
  readonly packages: readonly ManifestPackage[];
  readonly busyboxApplets: readonly string[];
}

export function writeManifest(root: string, m: Manifest): void {
  const path = join(root, MANIFEST_PATH);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(m, null, 2)}\n`);
}

export function readManifest(root: string): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(join(root, MANIFEST_PATH), "utf8")) as Manifest;
  } catch {
    return undefined;
  }
}
