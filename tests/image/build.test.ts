import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, rmSync, readdirSync, readlinkSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import { buildImage, type BuildOptions } from "../../src/image/build.js";
import { ImageError, type ImageErrorKind } from "../../src/image/errors.js";
import { listImages, removeImage } from "../../src/image/images.js";
import { readManifest } from "../../src/image/manifest.js";
import { imagesDir } from "../../src/image/paths.js";
import { sha256Hex } from "../../src/image/sha256.js";
import { makeArchive, makeTestKey, tempDir, type FixtureArchive, type FixturePackage, type TestKey } from "./fixture-archive.js";
import { serveDir } from "./http-server.js";

const BUSYBOX = Buffer.concat([Buffer.from("\x7fELF\x02\x01\x01busybox\0"), Buffer.from("[\0[[\0cat\0ls\0ps\0sh\0\0")]);

const PACKAGES: FixturePackage[] = [
  { name: "busybox-static", compression: "xz", entries: [{ path: "./usr/bin/busybox", type: "file", data: BUSYBOX, mode: 0o755 }] },
  { name: "libc6", compression: "zst", depends: "libgcc-s1", entries: [
    { path: "./usr/lib/riscv64-linux-gnu/libc.so.6", type: "file", data: "\x7fELF libc", mode: 0o755 },
    { path: "./lib/ld-linux-riscv64-lp64d.so.1", type: "symlink", target: "riscv64-linux-gnu/ld.so" },
  ] },
  { name: "libgcc-s1", compression: "gz", preDepends: "libc6", entries: [{ path: "./usr/lib/libgcc_s.so.1", type: "file", data: "gcc" }] },
  { name: "procps", compression: "none", depends: "libc6 (>= 2.38), libproc", entries: [
    { path: "./usr/bin/ps", type: "file", data: "\x7fELF ps", mode: 0o755 },
  ] },
  { name: "libproc2-0", provides: "libproc", entries: [{ path: "./usr/lib/libproc2.so.0", type: "file", data: "proc" }] },
  { name: "ncurses-base", arch: "all", entries: [{ path: "./usr/share/terminfo/x/xterm-256color", type: "file", data: "ti" }] },
];
const WANTED = ["busybox-static", "procps", "ncurses-base"];

let key: TestKey;
let archive: FixtureArchive;

before(async () => {
  key = await makeTestKey();
  archive = await makeArchive(key, PACKAGES);
});

function opts(extra: Partial<BuildOptions> = {}): BuildOptions {
  return { suite: archive.suite, mirror: archive.mirror, packages: WANTED, keys: [key.publicKey], cacheDir: tempDir("cache"), ...extra };
}

function assertNoImage(cacheDir: string, name = "default"): void {
  assert.equal(existsSync(join(imagesDir(cacheDir), name)), false, "no image left behind");
  const leftovers = existsSync(imagesDir(cacheDir)) ? readdirSync(imagesDir(cacheDir)) : [];
  assert.deepEqual(leftovers, [], "no temporary build directory left behind");
}

async function refuses(o: BuildOptions, kind: ImageErrorKind, text: RegExp): Promise<void> {
  await assert.rejects(buildImage(o), (e: unknown) => e instanceof ImageError && e.kind === kind && text.test(e.message));
  assertNoImage(o.cacheDir as string, o.name);
}

test("builds an image from a file:// mirror: packages, merged /usr, busybox links, /etc, manifest", async () => {
  const o = opts();
  const { dir, manifest } = await buildImage(o);
  assert.deepEqual(manifest.packages.map((p) => p.name).sort(), ["busybox-static", "libc6", "libgcc-s1", "libproc2-0", "ncurses-base", "procps"]);
  for (const p of manifest.packages) {
    assert.equal(p.sha256, sha256Hex(readFileSync(archive.debPaths.get(p.name) as string)));
  }
  assert.equal(manifest.packages.find((p) => p.name === "ncurses-base")?.architecture, "all");
  assert.equal(readlinkSync(join(dir, "lib")), "usr/lib");
  assert.equal(readlinkSync(join(dir, "usr/lib/ld-linux-riscv64-lp64d.so.1")), "riscv64-linux-gnu/ld.so");
  assert.equal(readlinkSync(join(dir, "bin/sh")), "busybox");
  assert.equal(readFileSync(join(dir, "usr/bin/ps"), "utf8"), "\x7fELF ps", "procps's ps wins over the applet");
  assert.deepEqual(manifest.busyboxApplets, ["[", "[[", "cat", "ls", "sh"]);
  assert.match(readFileSync(join(dir, "etc/passwd"), "utf8"), /^root:x:0:0:/);
  assert.match(readFileSync(join(dir, "etc/profile"), "utf8"), /PATH=.*\/usr\/bin/);
  for (const f of ["group", "hostname", "hosts", "nsswitch.conf"]) assert.ok(existsSync(join(dir, "etc", f)), f);
  assert.equal(statSync(join(dir, "tmp")).mode & 0o7777, 0o1777);
  assert.deepEqual(readManifest(dir), manifest);
  assert.deepEqual(listImages(o.cacheDir).map((i) => i.name), ["default"]);
  removeImage("default", o.cacheDir);
  assert.deepEqual(listImages(o.cacheDir), []);
});

test("over HTTP, a second build downloads nothing and works with the server gone", async () => {
  const server = await serveDir(archive.dir);
  const o = opts({ mirror: server.url, name: "web" });
  const first = await buildImage(o);
  assert.ok(first.downloadedBytes > 0);
  await server.close();
  const second = await buildImage(o);
  assert.equal(second.downloadedBytes, 0);
  assert.equal(second.dir, first.dir);
  assert.ok(existsSync(join(second.dir, "usr/bin/busybox")));
});

test("a cached InRelease that the archive has moved past is refreshed", async () => {
  const dir = tempDir("moving-archive");
  const v1 = await makeArchive(key, PACKAGES, "moving", dir);
  const server = await serveDir(dir);
  try {
    const o = opts({ mirror: server.url, suite: "moving", name: "moving" });
    await buildImage(o);
    rmSync(join(o.cacheDir as string, "downloads"), { recursive: true });
    rmSync(v1.debPaths.get("procps") as string);
    const next = PACKAGES.map((p) => (p.name === "procps" ? { ...p, version: "2.0-1" } : p));
    await makeArchive(key, next, "moving", dir);
    const { manifest } = await buildImage(o);
    assert.equal(manifest.packages.find((p) => p.name === "procps")?.version, "2.0-1");
  } finally {
    await server.close();
  }
});

test("a missing package is refused and names the package", async () => {
  await refuses(opts({ packages: ["procps", "no-such-thing"] }), "missing-package", /no-such-thing/);
});

test("an InRelease signed by an unknown key is refused", async () => {
  const stranger = await makeTestKey("stranger");
  await refuses(opts({ keys: [stranger.publicKey] }), "signature", /no valid signature/);
});

test("a tampered Packages index is refused", async () => {
  const copy = await makeArchive(key, PACKAGES);
  const data = readFileSync(copy.packagesPath);
  data[data.length - 20] ^= 0xff;
  writeFileSync(copy.packagesPath, data);
  await refuses(opts({ mirror: copy.mirror }), "hash", /Packages\.xz: SHA256 mismatch/);
});

test("a tampered .deb is refused and no image is left behind", async () => {
  const copy = await makeArchive(key, PACKAGES);
  const deb = copy.debPaths.get("libgcc-s1") as string;
  const data = readFileSync(deb);
  data[data.length - 1] ^= 0x01;
  writeFileSync(deb, data);
  await refuses(opts({ mirror: copy.mirror }), "hash", /libgcc-s1.*SHA256 mismatch/);
});

test("a failed rebuild leaves the previous image in place", async () => {
  const o = opts({ name: "keep" });
  const { dir } = await buildImage(o);
  await assert.rejects(buildImage({ ...o, packages: ["no-such-thing"] }));
  assert.ok(existsSync(join(dir, "usr/bin/busybox")));
});

test("leftovers of a killed build are cleared by the next build", async () => {
  const o = opts({ name: "again" });
  const stale = join(imagesDir(o.cacheDir as string), ".again.building-2147483646-0badf00d");
  mkdirSync(join(stale, "usr"), { recursive: true });
  await buildImage(o);
  assert.deepEqual(readdirSync(imagesDir(o.cacheDir as string)), ["again"]);
});

test("no network: a clear error that suggests --rootfs", async () => {
  const server = await serveDir(archive.dir);
  const url = server.url;
  await server.close(); // nothing listens on this port now
  await assert.rejects(buildImage(opts({ mirror: url })), (e: unknown) =>
    e instanceof ImageError && e.kind === "network" && /cannot download/.test(e.message) && /--rootfs DIR/.test(e.hint ?? ""));
});
