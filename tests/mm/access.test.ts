import assert from "node:assert/strict";
import { test } from "node:test";
import { EFAULT, ENAMETOOLONG } from "../../src/kernel/errno.js";
import { MAP_FIXED, MAP_PRIVATE, PROT_EXEC, PROT_NONE, PROT_READ } from "../../src/mm/mman.js";
import { ANON, machine, P, patternFile, RW } from "./helpers.js";

const A = 0x40000000;

test("read/write across page boundaries; integers little-endian", () => {
  const { as } = machine();
  as.mmap(A, 2 * P, RW, ANON | MAP_FIXED, null, 0);
  const data = new Uint8Array(100).map((_, i) => i + 1);
  assert.equal(as.write(A + P - 50, data), 0);
  assert.deepEqual(as.read(A + P - 50, 100), data);
  assert.equal(as.writeU32(A + P - 2, 0xdeadbeef), 0);
  assert.equal(as.readU32(A + P - 2), 0xdeadbeef);
  assert.equal(as.writeU64(A + 8, 0x0123456789abcdefn), 0);
  assert.equal(as.readU64(A + 8), 0x0123456789abcdefn);
  assert.deepEqual([...(as.read(A + 8, 2) as Uint8Array)], [0xef, 0xcd]);
  assert.equal(as.writeU64(A + 16, -1n), 0);
  assert.equal(as.readU64(A + 16), 0xffffffffffffffffn);
  assert.deepEqual(as.read(0, 0), new Uint8Array(0), "zero length is fine anywhere");
});

test("EFAULT: unmapped, beyond TASK_SIZE, negative, PROT_NONE, read-only for write", () => {
  const { as } = machine();
  as.mmap(A, P, PROT_READ, ANON | MAP_FIXED, null, 0);
  as.mmap(A + P, P, PROT_NONE, ANON | MAP_FIXED, null, 0);
  assert.equal(as.read(A - 1, 2), -EFAULT);
  assert.equal(as.read(A + P - 1, 2), -EFAULT, "second byte in PROT_NONE");
  assert.equal(as.read(A + P, 1), -EFAULT);
  assert.equal(as.write(A, Uint8Array.of(1)), -EFAULT, "read-only");
  assert.equal(as.read(2 ** 47 - 1, 2), -EFAULT);
  assert.equal(as.read(-8, 4), -EFAULT);
  assert.equal(as.read(2 ** 64, 4), -EFAULT);
  assert.equal(as.read(1.5, 4), -EFAULT);
  assert.equal(as.readU32(0), -EFAULT);
  assert.equal(as.readU64(0), -EFAULT);
  assert.equal(as.writeU32(A, 1), -EFAULT);
  assert.equal(as.userBuffers(A, P + 1, false), -EFAULT);
  assert.equal(as.userBuffers(A, 10, true), -EFAULT);
  as.mmap(A + 2 * P, P, PROT_EXEC, ANON | MAP_FIXED, null, 0);
  assert.equal(as.read(A + 2 * P, 1), -EFAULT, "exec-only is not readable");
});

test("readCString: across pages, ENAMETOOLONG, EFAULT before the NUL", () => {
  const { as } = machine();
  as.mmap(A, 2 * P, RW, ANON | MAP_FIXED, null, 0);
  const s = new TextEncoder().encode("/usr/bin/über\0");
  as.write(A + P - 5, s);
  assert.equal(as.readCString(A + P - 5, 4096), "/usr/bin/über");
  assert.equal(as.readCString(A + P - 5, 5), -ENAMETOOLONG);
  assert.equal(as.readCString(A + P - 5, 14), -ENAMETOOLONG, "13 bytes + NUL needs 15");
  assert.equal(as.readCString(A + P - 5, 15), "/usr/bin/über");
  as.write(A + 2 * P - 3, Uint8Array.of(65, 66, 67));
  assert.equal(as.readCString(A + 2 * P - 3, 4096), -EFAULT, "runs off the mapping");
  assert.equal(as.readCString(A + 2 * P, 4096), -EFAULT);
  assert.deepEqual(as.readCStringBytes(A, 10), new Uint8Array(0));
});

test("userBuffers: page-chunked views into frames, writes land in user memory", () => {
  const { as } = machine();
  as.mmap(A, 3 * P, RW, ANON | MAP_FIXED, null, 0);
  const bufs = as.userBuffers(A + 100, 2 * P, true);
  assert.ok(Array.isArray(bufs));
  assert.deepEqual(bufs.map((b) => b.length), [P - 100, P, 100]);
  bufs[1][0] = 42;
  assert.equal((as.read(A + P, 1) as Uint8Array)[0], 42);
});

test("writeForce places data in a read-only private file mapping without touching the file", () => {
  const { as, tlb } = machine();
  const f = patternFile(2 * P);
  const a = as.mmap(0, 2 * P, PROT_READ | PROT_EXEC, MAP_PRIVATE, f, 0);
  assert.equal(as.write(a + 10, Uint8Array.of(1)), -EFAULT);
  assert.equal(as.writeForce(a + 10, Uint8Array.of(1, 2)), 0);
  assert.deepEqual([...(as.read(a + 9, 4) as Uint8Array)], [f.data[9], 1, 2, f.data[12]]);
  assert.equal(f.data[10], (10 * 7 + 3) & 0xff);
  assert.equal(as.handleFault(a + 10, "write", tlb).ok, false, "still read-only for the program");
  assert.equal(as.writeForce(0x1000, Uint8Array.of(1)), -EFAULT, "needs a mapping");
});

test("mapSpecial: a named area with content that never merges", () => {
  const { as } = machine();
  const code = new Uint8Array(5000).fill(0x13);
  const a = as.mapSpecial(0, code, PROT_READ | PROT_EXEC, "[vdso]");
  assert.ok(a > 0);
  const b = as.mmap(a - 2 * 4096, 2 * 4096, PROT_READ | PROT_EXEC, ANON | MAP_FIXED, null, 0);
  assert.equal(b, a - 2 * 4096);
  const names = [...as.vmas()].map((v) => v.name);
  assert.deepEqual(names, ["", "[vdso]"]);
  assert.equal((as.read(a + 4999, 1) as Uint8Array)[0], 0x13);
  assert.equal(as.write(a, Uint8Array.of(0)), -EFAULT, "read-only for everyone but the loader");
});

test("requests longer than MAX_RW_COUNT are refused, not walked", () => {
  const { as } = machine();
  const a = as.mmap(0, 2 ** 40, PROT_READ, ANON | 0x4000, null, 0);
  assert.equal(as.userBuffers(a, 2 ** 32, false), -EFAULT);
  assert.equal(as.read(a, 2 ** 32), -EFAULT);
  assert.equal(as.stats().rssAnon, 0);
});
