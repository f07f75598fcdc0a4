// A small Debian-style archive on disk, signed with a throwaway OpenPGP key:
// pool/ with .debs, dists/SUITE/main/binary-riscv64/Packages(.xz), Release
// and a clearsigned InRelease.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createCleartextMessage, generateKey, readKey, readPrivateKey, sign, type Key, type PrivateKey } from "openpgp";
import { sha256Hex } from "../../src/image/sha256.js";
import { compress, makeDeb, type Compression, type FixtureEntry } from "./fixture-debs.js";

export interface FixturePackage {
  readonly name: string;
  readonly version?: string;
  readonly arch?: string;
  readonly depends?: string;
  readonly preDepends?: string;
  readonly provides?: string;
  readonly compression?: Compression;
  readonly entries: readonly FixtureEntry[];
}

export interface FixtureArchive {
  readonly dir: string;
  readonly mirror: string;
  readonly suite: string;
  readonly packagesPath: string;
  readonly debPaths: ReadonlyMap<string, string>;
}

export interface TestKey {
  readonly publicKey: Key;
  readonly privateKey: PrivateKey;
}

export async function makeTestKey(name = "Aramid Test Archive"): Promise<TestKey> {
  const k = await generateKey({ userIDs: [{ name, email: "test@example.invalid" }], format: "armored" });
  return { publicKey: await readKey({ armoredKey: k.publicKey }), privateKey: await readPrivateKey({ armoredKey: k.privateKey }) };
}

const made: string[] = [];
process.on("exit", () => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A temporary directory removed when the test process exits. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `aramid-${prefix}-`));
  made.push(dir);
  return dir;
}

export async function makeArchive(
  key: TestKey,
  pkgs: readonly FixturePackage[],
  suite = "testsuite",
  dir = tempDir("archive"),
): Promise<FixtureArchive> {
  const debPaths = new Map<string, string>();
  const stanzas: string[] = [];
  for (const p of pkgs) {
    const { stanza, path } = await writeDeb(dir, p);
    stanzas.push(stanza);
    debPaths.set(p.name, path);
  }
  const rel = "main/binary-riscv64";
  const distDir = join(dir, "dists", suite);
  mkdirSync(join(distDir, rel), { recursive: true });
  const packages = Buffer.from(stanzas.join("\n"));
  const packagesXz = compress(packages, "xz");
  writeFileSync(join(distDir, rel, "Packages"), packages);
  writeFileSync(join(distDir, rel, "Packages.xz"), packagesXz);
  const release = releaseText(suite, [
    [`${rel}/Packages`, packages],
    [`${rel}/Packages.xz`, packagesXz],
  ]);
  writeFileSync(join(distDir, "Release"), release);
  writeFileSync(join(distDir, "InRelease"), await clearsign(release, key));
  return { dir, mirror: pathToFileURL(dir).href, suite, packagesPath: join(distDir, rel, "Packages.xz"), debPaths };
}

export async function clearsign(text: string, key: TestKey): Promise<string> {
  const message = await createCleartextMessage({ text });
  return sign({ message, signingKeys: key.privateKey });
}

async function writeDeb(dir: string, p: FixturePackage): Promise<{ stanza: string; path: string }> {
  const version = p.version ?? "1.0-1";
  const arch = p.arch ?? "riscv64";
  const fields = [`Package: ${p.name}`, `Version: ${version}`, `Architecture: ${arch}`];
  if (p.preDepends !== undefined) fields.push(`Pre-Depends: ${p.preDepends}`);
  if (p.depends !== undefined) fields.push(`Depends: ${p.depends}`);
  if (p.provides !== undefined) fields.push(`Provides: ${p.provides}`);
  const deb = await makeDeb(`${fields.join("\n")}\n`, p.entries, p.compression ?? "xz");
  const filename = `pool/main/${p.name}_${version}_${arch}.deb`;
  mkdirSync(join(dir, "pool/main"), { recursive: true });
  writeFileSync(join(dir, filename), deb);
  const stanza = [...fields, `Filename: ${filename}`, `Size: ${deb.length}`, `SHA256: ${sha256Hex(deb)}`,
    "Description: test package", " with a continuation line", ""].join("\n");
  return { stanza, path: join(dir, filename) };
}

function releaseText(suite: string, files: ReadonlyArray<readonly [string, Buffer]>): string {
  const lines = files.map(([path, data]) => ` ${sha256Hex(data)} ${String(data.length).padStart(8)} ${path}`);
  return [`Origin: Test`, `Suite: ${suite}`, `Codename: ${suite}`, "Architectures: riscv64", "Components: main",
    "SHA256:", ...lines, ""].join("\n");
}
