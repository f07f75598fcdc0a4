// The one networked test: builds the real default image from Debian's
// archive (or from the user's cache, offline, on a rerun) and checks that
// its ELF files are the bytes of the hash-checked .debs. Skipped, with a
// message, when the archive cannot be reached and nothing is cached.
import assert from "node:assert/strict";
import { lstatSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { extract } from "tar-stream";
import { readAr } from "../../src/image/ar.js";
import { buildImage, type BuildResult } from "../../src/image/build.js";
import { compressionOf, decompress } from "../../src/image/decompress.js";
import { ImageError } from "../../src/image/errors.js";
import { cacheRoot, downloadsDir } from "../../src/image/paths.js";
import { sha256Hex } from "../../src/image/sha256.js";

const NAME = "aramid-test-default";

test("builds the real default Debian trixie riscv64 image", { timeout: 15 * 60_000 }, async (t) => {
  let first: BuildResult;
  try {
    first = await buildImage({ name: NAME });
  } catch (e) {
    if (e instanceof ImageError && e.kind === "network") {
      t.skip(`Debian's archive cannot be reached: ${e.message}`);
      return;
    }
    throw e;
  }
  try {
    const names = first.manifest.packages.map((p) => p.name);
    for (const p of ["busybox-static", "procps", "htop", "ncurses-base", "ncurses-term", "libc6", "libncursesw6"]) {
      assert.ok(names.includes(p), `${p} in the image`);
    }
    const root = first.dir;
    assert.equal(readlinkSync(join(root, "bin")), "usr/bin");
    assert.equal(readlinkSync(join(root, "bin/sh")), "busybox");
    assertRiscvElf(join(root, "usr/bin/busybox"));
    assertRiscvElf(join(root, "usr/bin/htop"));
    assertRiscvElf(join(root, "usr/lib/riscv64-linux-gnu/libc.so.6"));
    for (const ti of ["x/xterm-256color", "l/linux", "s/screen", "t/tmux"]) {
      assert.ok(lstatSync(join(root, "usr/share/terminfo", ti)).isFile(), ti);
    }
    const checked = await assertElfFilesAreDebianBytes(first);
    assert.ok(checked > 20, `checked ${checked} ELF files`);
    const second = await buildImage({ name: NAME });
    assert.equal(second.downloadedBytes, 0, "a second build downloads nothing");
  } finally {
    rmSync(first.dir, { recursive: true, force: true });
  }
});

function assertRiscvElf(path: string): void {
  const h = readFileSync(path).subarray(0, 20);
  assert.equal(h.subarray(0, 4).toString("latin1"), "\x7fELF", path);
  assert.equal(h[4], 2, `${path} is 64-bit`);
  assert.equal(h.readUInt16LE(18), 243, `${path} is RISC-V`);
}

/** Re-reads every cached .deb (hash-checked) and compares its ELF members. */
async function assertElfFilesAreDebianBytes(result: BuildResult): Promise<number> {
  let count = 0;
  for (const p of result.manifest.packages) {
    const deb = readFileSync(join(downloadsDir(cacheRoot()), p.sha256));
    assert.equal(sha256Hex(deb), p.sha256, `${p.name} .deb hash`);
    const data = readAr(deb, p.name).find((m) => m.name.startsWith("data.tar"));
    assert.ok(data !== undefined);
    const tar = await decompress(data.data, compressionOf(data.name) ?? "none", p.name);
    for (const [path, bytes] of await elfEntries(tar)) {
      const mapped = path.replace(/^(bin|sbin|lib)\//, "usr/$1/");
      assert.equal(sha256Hex(readFileSync(join(result.dir, mapped))), sha256Hex(bytes), `${p.name}: ${path}`);
      count++;
    }
  }
  return count;
}

async function elfEntries(tar: Uint8Array): Promise<Array<[string, Buffer]>> {
  const out: Array<[string, Buffer]> = [];
  const ex = extract();
  ex.end(Buffer.from(tar));
  for await (const entry of ex) {
    const chunks: Uint8Array[] = [];
    for await (const c of entry as unknown as AsyncIterable<Uint8Array>) chunks.push(c);
    const bytes = Buffer.concat(chunks);
    if (entry.header.type === "file" && bytes.subarray(0, 4).toString("latin1") === "\x7fELF") {
      out.push([entry.header.name.replace(/^\.\//, ""), bytes]);
    }
  }
  return out;
}
