import assert from "node:assert/strict";
import { lstatSync, readFileSync, readlinkSync, existsSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { appletNames, linkBusyboxApplets } from "../../src/image/busybox.js";
import { unpackDeb } from "../../src/image/deb.js";
import { ImageError } from "../../src/image/errors.js";
import { makeMergedUsr } from "../../src/image/merged-usr.js";
import { unpackTar } from "../../src/image/tar-unpack.js";
import { arArchive, makeDeb, makeTar, type Compression, type FixtureEntry } from "./fixture-debs.js";
import { tempDir } from "./fixture-archive.js";

const ENTRIES: FixtureEntry[] = [
  { path: "./", type: "dir" },
  { path: "./usr/", type: "dir" },
  { path: "./usr/bin/", type: "dir" },
  { path: "./usr/bin/tool", type: "file", data: "\x7fELF tool", mode: 0o755 },
  { path: "./usr/bin/tool-link", type: "symlink", target: "tool" },
  { path: "./usr/bin/tool-hard", type: "link", target: "./usr/bin/tool" },
  { path: "./usr/share/doc/t/README", type: "file", data: "read me" },
  { path: "./bin/", type: "dir" },
  { path: "./bin/legacy", type: "file", data: "old place", mode: 0o700 },
  { path: "./etc/private", type: "dir", mode: 0o750 },
];

for (const kind of ["xz", "zst", "gz", "none"] as Compression[]) {
  test(`unpacks a .deb whose data.tar is ${kind}: files, modes, symlinks, hard links, merged /usr`, async () => {
    const root = tempDir(`unpack-${kind}`);
    makeMergedUsr(root);
    const deb = await makeDeb("Package: t\n", ENTRIES, kind);
    await unpackDeb(deb, root, "t.deb");
    assert.equal(readFileSync(join(root, "usr/bin/tool"), "utf8"), "\x7fELF tool");
    assert.equal(statSync(join(root, "usr/bin/tool")).mode & 0o777, 0o755);
    assert.equal(readlinkSync(join(root, "usr/bin/tool-link")), "tool");
    assert.equal(statSync(join(root, "usr/bin/tool-hard")).ino, statSync(join(root, "usr/bin/tool")).ino);
    // ./bin is a symlink to usr/bin, so the legacy path lands in /usr.
    assert.equal(readlinkSync(join(root, "bin")), "usr/bin");
    assert.equal(readFileSync(join(root, "usr/bin/legacy"), "utf8"), "old place");
    assert.equal(statSync(join(root, "usr/bin/legacy")).mode & 0o777, 0o700);
    assert.equal(statSync(join(root, "etc/private")).mode & 0o777, 0o750);
  });
}

async function refused(entries: FixtureEntry[], root = tempDir("evil")): Promise<string> {
  const tar = await makeTar(entries);
  await assert.rejects(unpackTar(tar, root, "evil.deb"), (e: unknown) => e instanceof ImageError && e.kind === "unsafe-archive");
  return root;
}

test("refuses entries with .. or absolute paths", async () => {
  await refused([{ path: "../escaped", type: "file", data: "x" }]);
  await refused([{ path: "./usr/../../escaped", type: "file", data: "x" }]);
  await refused([{ path: "/etc/escaped", type: "file", data: "x" }]);
  await refused([{ path: "./a", type: "file", data: "x" }, { path: "./h", type: "link", target: "../../etc/passwd" }]);
});

test("symlinks cannot carry later entries out of the image", async () => {
  const outside = tempDir("outside");
  const root = tempDir("symlink-root");
  const tar = await makeTar([
    { path: "./abs", type: "symlink", target: outside },
    { path: "./abs/planted", type: "file", data: "x" },
    { path: "./rel", type: "symlink", target: "../../../../../../.." },
    { path: "./rel/tmp/planted2", type: "file", data: "y" },
  ]);
  await unpackTar(tar, root, "links.deb");
  assert.equal(existsSync(join(outside, "planted")), false);
  // Resolved as in a chroot: the absolute target is taken inside the image.
  assert.equal(readFileSync(join(root, outside, "planted"), "utf8"), "x");
  assert.equal(readFileSync(join(root, "tmp/planted2"), "utf8"), "y");
  assert.equal(lstatSync(join(root, "abs")).isSymbolicLink(), true);
});

test("a symlink loop is refused rather than followed forever", async () => {
  await refused([
    { path: "./a", type: "symlink", target: "b" },
    { path: "./b", type: "symlink", target: "a" },
    { path: "./a/x", type: "file", data: "x" },
  ]);
});

test("busybox applet names are read from the binary; links are made only for missing commands", () => {
  const root = tempDir("busybox");
  makeMergedUsr(root);
  const fake = Buffer.concat([Buffer.from("\x7fELF junk\0"), Buffer.from("[\0[[\0ls\0ps\0sh\0vi\0\0\x01\x02"), Buffer.from("tail")]);
  assert.deepEqual(appletNames(fake), ["[", "[[", "ls", "ps", "sh", "vi"]);
  writeFileSync(join(root, "usr/bin/busybox"), fake, { mode: 0o755 });
  mkdirSync(join(root, "usr/sbin"), { recursive: true });
  writeFileSync(join(root, "usr/bin/ps"), "procps ps", { mode: 0o755 });
  const linked = linkBusyboxApplets(root);
  assert.deepEqual(linked, ["[", "[[", "ls", "sh", "vi"]);
  assert.equal(readlinkSync(join(root, "usr/bin/sh")), "busybox");
  assert.equal(readFileSync(join(root, "bin/sh")).subarray(0, 4).toString("latin1"), "\x7fELF");
  assert.equal(readFileSync(join(root, "usr/bin/ps"), "utf8"), "procps ps");
});

test("malformed .deb files are refused: bad magic, truncated member, no data.tar, unknown compression", async () => {
  const root = tempDir("bad-deb");
  const isFormat = (e: unknown): boolean => e instanceof ImageError && e.kind === "format";
  await assert.rejects(unpackDeb(Buffer.from("not an archive"), root, "x.deb"), isFormat);
  const good = await makeDeb("Package: t\n", ENTRIES, "gz");
  await assert.rejects(unpackDeb(good.subarray(0, good.length - 10), root, "x.deb"), isFormat);
  await assert.rejects(unpackDeb(arArchive([["debian-binary", Buffer.from("2.0\n")]]), root, "x.deb"), /no data\.tar/);
  const bz2 = arArchive([["debian-binary", Buffer.from("2.0\n")], ["data.tar.bz2", Buffer.from("BZh")]]);
  await assert.rejects(unpackDeb(bz2, root, "x.deb"), /unsupported compression/);
});
