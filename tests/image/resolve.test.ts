import assert from "node:assert/strict";
import { test } from "node:test";
import { parseDepends } from "../../src/image/depends.js";
import { ImageError } from "../../src/image/errors.js";
import { parsePackagesIndex } from "../../src/image/packages-index.js";
import { resolvePackages } from "../../src/image/resolve.js";

function stanza(name: string, extra: Record<string, string> = {}, arch = "riscv64"): string {
  const lines = [`Package: ${name}`, "Version: 1", `Architecture: ${arch}`, `Filename: pool/${name}.deb`, "Size: 1",
    `SHA256: ${"0".repeat(64)}`];
  for (const [k, v] of Object.entries(extra)) lines.push(`${k}: ${v}`);
  return `${lines.join("\n")}\n`;
}

const INDEX = [
  stanza("app", { "Pre-Depends": "libc6 (>= 2.38)", Depends: "libfoo:any (>= 1) [riscv64], mta | exim4, shell | dash" }),
  stanza("libc6", { Depends: "libgcc-s1" }),
  stanza("libgcc-s1", { Depends: "libc6" }), // a cycle, as in Debian
  stanza("libfoo", {}),
  stanza("postfix", { Provides: "mta, mail-transport-agent (= 1)" }),
  stanza("exim4", { Provides: "mta" }),
  stanza("dash", {}),
  stanza("amd64-only", {}, "amd64"),
  stanza("docs", {}, "all"),
].join("\n");

const names = (wanted: string[]): string[] =>
  resolvePackages(parsePackagesIndex(INDEX, "riscv64"), wanted, "test").map((r) => r.name).sort();

test("dependency fields: groups, alternatives, arch qualifiers and version constraints", () => {
  assert.deepEqual(parseDepends("a (>= 1), b:any | c [amd64], d:native (<< 2) | e"), [["a"], ["b", "c"], ["d", "e"]]);
  assert.deepEqual(parseDepends(""), []);
  assert.deepEqual(parseDepends(undefined), []);
});

test("closure follows Pre-Depends and Depends, cycles terminate", () => {
  assert.deepEqual(names(["libc6"]), ["libc6", "libgcc-s1"]);
});

test("first alternative wins; a virtual one goes to its first provider; unknown alternatives are skipped", () => {
  // mta is virtual: postfix provides it first. "shell" exists nowhere, so dash.
  assert.deepEqual(names(["app"]), ["app", "dash", "libc6", "libfoo", "libgcc-s1", "postfix"]);
});

test("a provider already chosen satisfies a virtual dependency", () => {
  assert.deepEqual(names(["exim4", "app"]), ["app", "dash", "exim4", "libc6", "libfoo", "libgcc-s1"]);
});

test("a requested virtual package resolves through Provides; arch:all is kept", () => {
  assert.deepEqual(names(["mail-transport-agent", "docs"]), ["docs", "postfix"]);
});

test("packages of another architecture and unknown names are refused clearly", () => {
  for (const wanted of ["amd64-only", "no-such-package"]) {
    assert.throws(() => names([wanted]), (e: unknown) => e instanceof ImageError && e.kind === "missing-package" && e.message.includes(wanted));
  }
});

test("a dependency with no available alternative names who needed it", () => {
  const idx = parsePackagesIndex(stanza("x", { Depends: "gone1 | gone2" }), "riscv64");
  assert.throws(() => resolvePackages(idx, ["x"], "test"), /gone1 \| gone2 \(needed by x\)/);
});
