import assert from "node:assert/strict";
import { test } from "node:test";
import { ImageError } from "../../src/image/errors.js";
import { loadKeyring } from "../../src/image/keyring.js";
import { parseRelease, verifyInRelease } from "../../src/image/release.js";
import { clearsign, makeTestKey } from "./fixture-archive.js";

const RELEASE = `Origin: Test\nSuite: t\nCodename: t\nAcquire-By-Hash: yes\nSHA256:\n ${"a".repeat(64)} 12 main/binary-riscv64/Packages\n`;

test("a good signature from a trusted key verifies and yields the signed text", async () => {
  const key = await makeTestKey();
  const signed = await clearsign(RELEASE, key);
  const v = await verifyInRelease(signed, [key.publicKey], "InRelease");
  assert.deepEqual(v.signers, [key.publicKey.getFingerprint()]);
  const r = parseRelease(v.text, v.signers);
  assert.equal(r.acquireByHash, true);
  assert.deepEqual(r.files.get("main/binary-riscv64/Packages"), { sha256: "a".repeat(64), size: 12 });
});

const refusedAsSignature = (e: unknown): boolean => e instanceof ImageError && e.kind === "signature";

test("a tampered InRelease is refused", async () => {
  const key = await makeTestKey();
  const signed = await clearsign(RELEASE, key);
  const tampered = signed.replace("a".repeat(64), "b".repeat(64));
  await assert.rejects(verifyInRelease(tampered, [key.publicKey], "InRelease"), refusedAsSignature);
});

test("a signature by an untrusted key is refused, as is an unsigned file", async () => {
  const [trusted, stranger] = [await makeTestKey("trusted"), await makeTestKey("stranger")];
  const signed = await clearsign(RELEASE, stranger);
  await assert.rejects(verifyInRelease(signed, [trusted.publicKey], "InRelease"), refusedAsSignature);
  await assert.rejects(verifyInRelease(RELEASE, [trusted.publicKey], "InRelease"), refusedAsSignature);
});

test("the shipped keyring holds Debian's trixie archive and release keys", async () => {
  const all = (await loadKeyring()).flatMap((k) => k.getKeys().map((s) => s.getFingerprint().toUpperCase()));
  // The trixie automatic key (primary and the subkey that signs) and the trixie release key.
  for (const f of [
    "04B54C3CDCA79751B16BC6B5225629DF75B188BD",
    "B8E5F13176D2A7A75220028078DBA3BC47EF2265",
    "41587F7DB8C774BCCF131416762F67A0B2C39DE4",
  ]) {
    assert.ok(all.includes(f), `missing key ${f}`);
  }
});
