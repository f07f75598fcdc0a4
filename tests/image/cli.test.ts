import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { imageCommand } from "../../src/cli/image-command.js";
import { buildImage } from "../../src/image/build.js";
import { ensureDefaultImage } from "../../src/image/default-image.js";
import { cacheRoot } from "../../src/image/paths.js";
import { makeArchive, makeTestKey, tempDir } from "./fixture-archive.js";

// Every command here works on a throwaway cache, never the user's.
process.env["XDG_CACHE_HOME"] = tempDir("xdg");

async function quietly(run: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const w1 = process.stdout.write.bind(process.stdout);
  const w2 = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => ((err += s), true)) as typeof process.stderr.write;
  try {
    return { code: await run(), out, err };
  } finally {
    process.stdout.write = w1;
    process.stderr.write = w2;
  }
}

test("image list / rm, and the default image is reused without a rebuild", async () => {
  const key = await makeTestKey();
  const archive = await makeArchive(key, [{ name: "hello", entries: [{ path: "./usr/bin/hello", type: "file", data: "hi", mode: 0o755 }] }]);
  const built = await buildImage({ mirror: archive.mirror, suite: archive.suite, packages: ["hello"], keys: [key.publicKey] });
  assert.equal(built.dir, join(cacheRoot(), "images", "default"));
  // Built already: no network, no keys needed (the mirror here does not exist).
  assert.equal(await ensureDefaultImage({ mirror: "http://127.0.0.1:9/none" }), built.dir);

  const listed = await quietly(() => imageCommand(["list"]));
  assert.equal(listed.code, 0);
  assert.match(listed.out, /^default\ttestsuite riscv64, 1 packages/);

  assert.equal((await quietly(() => imageCommand(["rm", "default"]))).code, 0);
  assert.equal(existsSync(built.dir), false);
  const again = await quietly(() => imageCommand(["rm", "default"]));
  assert.equal(again.code, 2);
  assert.match(again.err, /no image named "default"/);
});

test("usage errors exit 2 with a message", async () => {
  assert.equal((await quietly(() => imageCommand(["frobnicate"]))).code, 2);
  assert.equal((await quietly(() => imageCommand(["build", "--bogus"]))).code, 2);
  assert.equal((await quietly(() => imageCommand(["build", "--name", "../etc"]))).code, 2);
  assert.equal((await quietly(() => imageCommand(["rm", "a/b"]))).code, 2);
});

test("image build without network reports it and suggests --rootfs", async () => {
  const r = await quietly(() => imageCommand(["build", "--name", "offline", "--mirror", "http://127.0.0.1:9/debian"]));
  assert.equal(r.code, 1);
  assert.match(r.err, /error: cannot download http:\/\/127\.0\.0\.1:9\/debian\/dists\/trixie\/InRelease/);
  assert.match(r.err, /hint: .*--rootfs DIR/);
});
