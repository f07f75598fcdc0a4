import assert from "node:assert/strict";
import { test } from "node:test";
import { EACCES, EFAULT, EINVAL, ENOMEM } from "../../src/kernel/errno.js";
import {
  MADV_DODUMP,
  MADV_DONTDUMP,
  MADV_DONTFORK,
  MADV_DONTNEED,
  MADV_FREE,
  MADV_NORMAL,
  MADV_POPULATE_READ,
  MADV_POPULATE_WRITE,
  MADV_RANDOM,
  MADV_REMOVE,
  MADV_WILLNEED,
  MADV_WIPEONFORK,
  MAP_ANONYMOUS,
  MAP_FIXED,
  MAP_PRIVATE,
  MAP_SHARED,
  MREMAP_DONTUNMAP,
  MREMAP_FIXED,
  MREMAP_MAYMOVE,
  PROT_NONE,
  PROT_READ,
} from "../../src/mm/mman.js";
import { ANON, byte, machine, mapLines, maps, P, patternFile, poke, RW } from "./helpers.js";

const A = 0x40000000;

function fillPages(as: ReturnType<typeof machine>["as"], addr: number, pages: number): void {
  for (let i = 0; i < pages; i++) poke(as, addr + i * P, 0x10 + i);
}

test("mremap shrinks in place and grows in place when there is room", () => {
  const { as } = machine();
  as.mmap(A, 4 * P, RW, ANON | MAP_FIXED, null, 0);
  fillPages(as, A, 4);
  assert.equal(as.mremap(A, 4 * P, 2 * P, 0, 0), A);
  assert.equal(maps(as)[0].end, A + 2 * P);
  assert.equal(as.stats().rssAnon, 2);
  assert.equal(as.mremap(A, 2 * P, 6 * P, 0, 0), A);
  assert.equal(maps(as)[0].end, A + 6 * P);
  assert.equal(byte(as, A + P), 0x11);
  assert.equal(byte(as, A + 3 * P), 0, "the grown part is new zero memory");
  assert.equal(as.stats().totalVm, 6);
});

test("mremap without MAYMOVE fails with ENOMEM when blocked; with MAYMOVE the content moves", () => {
  const { as, frames } = machine();
  as.mmap(A, 3 * P, RW, ANON | MAP_FIXED, null, 0);
  as.mmap(A + 3 * P, P, PROT_READ, ANON | MAP_FIXED, null, 0);
  fillPages(as, A, 3);
  const free = frames.free;
  assert.equal(as.mremap(A, 3 * P, 5 * P, 0, 0), -ENOMEM);
  const b = as.mremap(A, 3 * P, 5 * P, MREMAP_MAYMOVE, 0);
  assert.ok(b > 0 && b !== A);
  assert.equal(frames.free, free, "pages moved, not copied");
  for (let i = 0; i < 3; i++) assert.equal(byte(as, b + i * P), 0x10 + i);
  assert.equal(as.read(A, 1), -EFAULT, "old range is gone");
  assert.equal(as.stats().rssAnon, 3);
  assert.equal(as.stats().totalVm, 6);
});

test("mremap MREMAP_FIXED replaces the target; overlap and alignment are EINVAL", () => {
  const { as } = machine();
  as.mmap(A, 2 * P, RW, ANON | MAP_FIXED, null, 0);
  fillPages(as, A, 2);
  const T = 0x50000000;
  as.mmap(T, 4 * P, PROT_READ, ANON | MAP_FIXED, null, 0);
  assert.equal(as.mremap(A, 2 * P, 2 * P, MREMAP_FIXED, T), -EINVAL, "FIXED needs MAYMOVE");
  assert.equal(as.mremap(A, 2 * P, 2 * P, MREMAP_FIXED | MREMAP_MAYMOVE, T + 1), -EINVAL);
  assert.equal(as.mremap(A, 2 * P, 2 * P, MREMAP_FIXED | MREMAP_MAYMOVE, A + P), -EINVAL, "overlap");
  assert.equal(as.mremap(A, 2 * P, 2 * P, MREMAP_FIXED | MREMAP_MAYMOVE, T), T);
  assert.equal(byte(as, T + P), 0x11);
  assert.deepEqual(mapLines(as), [`${T.toString(16)}-${(T + 2 * P).toString(16)} rw-p`, `${(T + 2 * P).toString(16)}-${(T + 4 * P).toString(16)} r--p`]);
});

test("mremap MREMAP_DONTUNMAP moves pages and leaves an empty mapping behind", () => {
  const { as } = machine();
  as.mmap(A, 2 * P, RW, ANON | MAP_FIXED, null, 0);
  fillPages(as, A, 2);
  assert.equal(as.mremap(A, 2 * P, 3 * P, MREMAP_DONTUNMAP | MREMAP_MAYMOVE, 0), -EINVAL, "lengths must match");
  assert.equal(as.mremap(A, 2 * P, 2 * P, MREMAP_DONTUNMAP, 0), -EINVAL, "needs MAYMOVE");
  const b = as.mremap(A, 2 * P, 2 * P, MREMAP_DONTUNMAP | MREMAP_MAYMOVE, 0);
  assert.ok(b > 0);
  assert.equal(byte(as, b + P), 0x11);
  assert.equal(byte(as, A + P), 0, "old range still mapped, now zero");
  assert.equal(as.mapCount, 2);
});

test("mremap errors", () => {
  const { as } = machine();
  as.mmap(A, 2 * P, RW, ANON | MAP_FIXED, null, 0);
  assert.equal(as.mremap(A, P, 2 * P, 8, 0), -EINVAL, "unknown flag");
  assert.equal(as.mremap(A + 1, P, 2 * P, 0, 0), -EINVAL);
  assert.equal(as.mremap(A, P, 0, 0, 0), -EINVAL);
  assert.equal(as.mremap(0x60000000, P, 2 * P, MREMAP_MAYMOVE, 0), -EFAULT, "nothing mapped");
  assert.equal(as.mremap(A, 3 * P, 4 * P, MREMAP_MAYMOVE, 0), -EFAULT, "beyond the area");
  assert.equal(as.mremap(A, 0, P, MREMAP_MAYMOVE, 0), -EINVAL, "old_len 0 of a private mapping");
});

test("mremap of a shared mapping keeps sharing; old_len 0 duplicates it", () => {
  const { as } = machine();
  const a = as.mmap(0, 2 * P, RW, MAP_SHARED | MAP_ANONYMOUS, null, 0);
  poke(as, a, 1);
  const b = as.mremap(a, 0, 2 * P, MREMAP_MAYMOVE, 0);
  assert.ok(b > 0);
  assert.equal(byte(as, b), 1);
  poke(as, b + P, 2);
  assert.equal(byte(as, a + P), 2, "both map the same object");
  const c = as.mremap(a, 2 * P, 4 * P, MREMAP_MAYMOVE, 0);
  assert.equal(byte(as, c + P), 2);
});

test("mremap of a file mapping keeps its offset", () => {
  const { as } = machine();
  const f = patternFile(8 * P);
  const a = as.mmap(A, 2 * P, PROT_READ, MAP_PRIVATE | MAP_FIXED, f, 2 * P);
  as.mmap(A + 2 * P, P, PROT_NONE, ANON | MAP_FIXED, null, 0);
  const b = as.mremap(a, 2 * P, 4 * P, MREMAP_MAYMOVE, 0);
  assert.equal(byte(as, b + 3 * P + 1), f.data[5 * P + 1]);
  assert.equal(maps(as).find((m) => m.start === b)?.offset, 2 * P);
});

test("MADV_DONTNEED: anonymous pages read back zero, file pages come back from the file", () => {
  const { as, frames } = machine();
  as.mmap(A, 2 * P, RW, ANON | MAP_FIXED, null, 0);
  fillPages(as, A, 2);
  const free = frames.free;
  assert.equal(as.madvise(A, 2 * P, MADV_DONTNEED), 0);
  assert.equal(frames.free, free + 2);
  assert.equal(byte(as, A), 0);
  const f = patternFile(P);
  const b = as.mmap(0, P, RW, MAP_PRIVATE, f, 0);
  poke(as, b, 0xff);
  as.madvise(b, P, MADV_DONTNEED);
  assert.equal(byte(as, b), f.data[0]);
  const s = as.mmap(0, P, RW, MAP_SHARED | MAP_ANONYMOUS, null, 0);
  poke(as, s, 4);
  as.madvise(s, P, MADV_DONTNEED);
  assert.equal(byte(as, s), 4, "shared content survives");
  as.madvise(s, P, MADV_REMOVE);
  assert.equal(byte(as, s), 0, "MADV_REMOVE frees the shared page");
});

test("madvise errors: unknown advice, alignment, holes, mapping kinds", () => {
  const { as } = machine();
  as.mmap(A, 2 * P, RW, ANON | MAP_FIXED, null, 0);
  as.mmap(A + 3 * P, P, RW, ANON | MAP_FIXED, null, 0);
  assert.equal(as.madvise(A, P, 99), -EINVAL);
  assert.equal(as.madvise(A, P, 100), -EINVAL, "MADV_HWPOISON is not offered");
  assert.equal(as.madvise(A + 1, P, MADV_WILLNEED), -EINVAL);
  assert.equal(as.madvise(A, 0, MADV_DONTNEED), 0);
  assert.equal(as.madvise(A, 4 * P, MADV_WILLNEED), -ENOMEM, "hole");
  poke(as, A + 3 * P, 1);
  assert.equal(as.madvise(A, 4 * P, MADV_DONTNEED), -ENOMEM, "hole, but the mapped parts are done");
  assert.equal(byte(as, A + 3 * P), 0);
  assert.equal(as.madvise(A, P, MADV_REMOVE), -EINVAL, "private anonymous");
  const f = as.mmap(0, P, PROT_READ, MAP_PRIVATE, patternFile(P), 0);
  assert.equal(as.madvise(f, P, MADV_REMOVE), -EACCES);
  assert.equal(as.madvise(f, P, MADV_FREE), -EINVAL);
  assert.equal(as.madvise(f, P, MADV_WIPEONFORK), -EINVAL);
  assert.equal(as.madvise(A, P, MADV_FREE), 0);
});

test("flag-changing advice splits and merges areas", () => {
  const { as } = machine();
  as.mmap(A, 4 * P, RW, ANON | MAP_FIXED, null, 0);
  assert.equal(as.madvise(A + P, P, MADV_DONTDUMP), 0);
  assert.equal(as.mapCount, 3);
  assert.equal(as.madvise(A + P, P, MADV_DODUMP), 0);
  assert.equal(as.mapCount, 1);
  assert.equal(as.madvise(A, P, MADV_RANDOM), 0);
  assert.equal(as.madvise(A, 4 * P, MADV_NORMAL), 0);
  assert.equal(as.mapCount, 1);
});

test("MADV_POPULATE_READ/WRITE fault pages in; errors per Linux", () => {
  const { as } = machine();
  as.mmap(A, 4 * P, RW, ANON | MAP_FIXED, null, 0);
  assert.equal(as.madvise(A, 2 * P, MADV_POPULATE_WRITE), 0);
  assert.equal(as.stats().rssAnon, 2);
  assert.equal(as.madvise(A + 2 * P, 2 * P, MADV_POPULATE_READ), 0);
  assert.equal(as.stats().rssAnon, 2, "read-populated anonymous pages map the zero page");
  as.mmap(A + 4 * P, P, PROT_READ, ANON | MAP_FIXED, null, 0);
  assert.equal(as.madvise(A + 4 * P, P, MADV_POPULATE_WRITE), -EINVAL);
  assert.equal(as.madvise(A + 5 * P, P, MADV_POPULATE_READ), -ENOMEM);
  const f = as.mmap(0, 2 * P, PROT_READ, MAP_PRIVATE, patternFile(10), 0);
  assert.equal(as.madvise(f, 2 * P, MADV_POPULATE_READ), -EFAULT, "SIGBUS page");
});

test("fork honours MADV_DONTFORK and MADV_WIPEONFORK", () => {
  const { as } = machine();
  as.mmap(A, P, RW, ANON | MAP_FIXED, null, 0);
  as.mmap(A + 2 * P, P, RW, ANON | MAP_FIXED, null, 0);
  poke(as, A, 1);
  poke(as, A + 2 * P, 2);
  as.madvise(A, P, MADV_DONTFORK);
  as.madvise(A + 2 * P, P, MADV_WIPEONFORK);
  const child = as.fork();
  assert.equal(child.read(A, 1), -EFAULT);
  assert.equal(byte(child, A + 2 * P), 0);
  assert.equal(byte(as, A + 2 * P), 2);
  child.destroy();
});
