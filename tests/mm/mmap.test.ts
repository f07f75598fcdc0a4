import assert from "node:assert/strict";
import { test } from "node:test";
import { EACCES, EBADF, EEXIST, EINVAL, ENOMEM, EOPNOTSUPP, EPERM } from "../../src/kernel/errno.js";
import { SIGBUS } from "../../src/kernel/signal-numbers.js";
import { BUS_ADRERR } from "../../src/mm/fault-codes.js";
import {
  MAP_ANONYMOUS,
  MAP_FIXED,
  MAP_FIXED_NOREPLACE,
  MAP_GROWSDOWN,
  MAP_HUGETLB,
  MAP_NORESERVE,
  MAP_POPULATE,
  MAP_PRIVATE,
  MAP_SHARED,
  MAP_SHARED_VALIDATE,
  MAP_SYNC,
  PROT_EXEC,
  PROT_NONE,
  PROT_READ,
  PROT_WRITE,
} from "../../src/mm/mman.js";
import { DEFAULT_MMAP_BASE, TASK_SIZE } from "../../src/mm/vm-layout.js";
import { ANON, byte, machine, mapLines, maps, P, patternFile, poke, RW } from "./helpers.js";

const BASE = DEFAULT_MMAP_BASE;

test("mmap places top-down below mmap_base and merges compatible anonymous areas", () => {
  const { as } = machine();
  const a = as.mmap(0, 3 * P, RW, ANON, null, 0);
  assert.equal(a, BASE - 3 * P);
  const b = as.mmap(0, P, RW, ANON, null, 0);
  assert.equal(b, BASE - 4 * P);
  assert.deepEqual(mapLines(as), [`${b.toString(16)}-${BASE.toString(16)} rw-p`]);
  const c = as.mmap(0, P, PROT_READ, ANON, null, 0);
  assert.equal(c, BASE - 5 * P);
  assert.equal(as.mapCount, 2, "different protection does not merge");
});

test("mmap: length is rounded up, fd ignored with MAP_ANONYMOUS, write implies read", () => {
  const { as } = machine();
  const a = as.mmap(0, 5000, PROT_WRITE, ANON, patternFile(P), 0);
  assert.equal(a, BASE - 2 * P);
  const [v] = maps(as);
  assert.equal(v.end - v.start, 2 * P);
  assert.equal(v.flags & 7, PROT_READ | PROT_WRITE);
  assert.equal(v.name, "");
});

test("mmap hint: taken when free, ignored when taken, rounded to mmap_min_addr", () => {
  const { as } = machine();
  assert.equal(as.mmap(0x10000000, P, RW, ANON, null, 0), 0x10000000);
  assert.equal(as.mmap(0x10000000, P, RW, ANON, null, 0), BASE - P);
  assert.equal(as.mmap(0x10002123, P, RW, ANON, null, 0), 0x10002000, "hint is page-aligned down");
  assert.equal(as.mmap(0x1000, P, RW, ANON, null, 0), 0x10000, "below mmap_min_addr goes to it");
  assert.equal(as.mmap(TASK_SIZE + 0x1000, P, RW, ANON, null, 0), BASE - 2 * P, "a hint beyond TASK_SIZE is ignored");
  assert.equal(as.mapCount, 4, "0x10000000 and 0x10002000 do not touch; two pages at the top merged");
});

test("MAP_FIXED replaces, MAP_FIXED_NOREPLACE refuses with EEXIST", () => {
  const { as } = machine();
  const a = as.mmap(0x20000000, 4 * P, RW, ANON, null, 0);
  poke(as, a + P, 9);
  assert.equal(as.mmap(a + P, P, PROT_READ, ANON | MAP_FIXED, null, 0), a + P);
  assert.equal(byte(as, a + P), 0, "the replaced page is new");
  assert.equal(as.mapCount, 3);
  assert.equal(as.mmap(a + 2 * P, P, RW, ANON | MAP_FIXED_NOREPLACE, null, 0), -EEXIST);
  assert.equal(as.mmap(a + 4 * P, P, RW, ANON | MAP_FIXED_NOREPLACE, null, 0), a + 4 * P);
  assert.equal(as.mmap(a + 5 * P + 1, P, RW, ANON | MAP_FIXED_NOREPLACE, null, 0), -EINVAL);
});

test("mmap errors follow Linux", () => {
  const { as } = machine();
  const f = patternFile(3 * P);
  assert.equal(as.mmap(0, 0, RW, ANON, null, 0), -EINVAL, "length 0");
  assert.equal(as.mmap(0x20000001, P, RW, ANON | MAP_FIXED, null, 0), -EINVAL, "unaligned fixed");
  assert.equal(as.mmap(0, P, RW, MAP_ANONYMOUS, null, 0), -EINVAL, "neither shared nor private");
  assert.equal(as.mmap(0, P, RW, MAP_SHARED_VALIDATE | MAP_ANONYMOUS, null, 0), -EINVAL, "anonymous SHARED_VALIDATE");
  assert.equal(as.mmap(0, P, RW, 0x0f | MAP_ANONYMOUS, null, 0), -EINVAL, "bad type");
  assert.equal(as.mmap(0, P, PROT_READ, MAP_PRIVATE, f, 100), -EINVAL, "unaligned offset");
  assert.equal(as.mmap(0, P, PROT_READ, MAP_PRIVATE, null, 0), -EBADF, "no file");
  assert.equal(as.mmap(0, P, PROT_READ, MAP_SHARED_VALIDATE | MAP_SYNC, f, 0), -EOPNOTSUPP);
  assert.equal(as.mmap(0, P, PROT_READ, MAP_SHARED | MAP_SYNC, f, 0) > 0, true, "MAP_SHARED ignores unknown flags");
  assert.equal(as.mmap(0, P, RW, MAP_SHARED, f, 0), -EACCES, "writable shared map of a read-only file");
  assert.equal(as.mmap(0, P, RW, MAP_PRIVATE, f, 0) > 0, true, "private writable map of a read-only file");
  assert.equal(as.mmap(0, P, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_GROWSDOWN, null, 0), -EINVAL);
  assert.equal(as.mmap(0, P, PROT_READ, MAP_PRIVATE | MAP_GROWSDOWN, f, 0), -EINVAL, "growsdown file");
  assert.equal(as.mmap(0, TASK_SIZE, RW, ANON, null, 0), -ENOMEM, "bigger than the space");
  assert.equal(as.mmap(0, 2 ** 60, RW, ANON, null, 0), -ENOMEM);
  assert.equal(as.mmap(TASK_SIZE - P, 2 * P, RW, ANON | MAP_FIXED, null, 0), -ENOMEM, "fixed past TASK_SIZE");
  assert.equal(as.mmap(0x1000, P, RW, ANON | MAP_FIXED, null, 0), -EPERM, "below mmap_min_addr");
  assert.equal(as.mmap(0, P, RW, ANON | MAP_HUGETLB, null, 0), -ENOMEM, "no huge pages reserved");
  assert.equal(as.mmap(-4096, P, RW, ANON | MAP_FIXED, null, 0), -EINVAL);
  assert.equal(as.mmap(NaN, P, RW, ANON, null, 0), -EINVAL);
});

test("huge MAP_NORESERVE mapping allocates nothing, touching allocates one page", () => {
  const { as, frames } = machine();
  const free = frames.free;
  const a = as.mmap(0, 2 ** 46, PROT_READ | PROT_WRITE, ANON | MAP_NORESERVE, null, 0);
  assert.ok(a > 0);
  assert.equal(frames.free, free);
  assert.equal(as.stats().totalVm, 2 ** 46 / P);
  poke(as, a + 2 ** 45, 1);
  assert.equal(frames.free, free - 1);
  assert.equal(as.munmap(a, 2 ** 46), 0);
  assert.equal(frames.free, free);
  assert.equal(as.stats().totalVm, 0);
});

test("anonymous mappings of a multiple of 2 MiB are 2 MiB aligned (Linux 6.7+ THP)", () => {
  const { as } = machine();
  as.mmap(0, P, RW, ANON, null, 0);
  const a = as.mmap(0, 4 * 1024 * 1024, RW, ANON | MAP_NORESERVE, null, 0);
  assert.equal(a % (2 * 1024 * 1024), 0);
  assert.ok(a + 4 * 1024 * 1024 <= BASE - P);
});

test("MAP_POPULATE makes pages resident up front", () => {
  const { as } = machine();
  as.mmap(0, 4 * P, RW, ANON | MAP_POPULATE, null, 0);
  assert.equal(as.stats().rssAnon, 4);
  const f = patternFile(2 * P);
  as.mmap(0, 2 * P, PROT_READ, MAP_PRIVATE | MAP_POPULATE, f, 0);
  assert.equal(as.stats().rssFile, 2);
});

test("private file mapping: content from the file, zero past EOF, SIGBUS beyond the last page", () => {
  const { as, tlb } = machine();
  const f = patternFile(P + 100);
  const a = as.mmap(0, 3 * P, PROT_READ | PROT_EXEC, MAP_PRIVATE, f, 0);
  assert.equal(byte(as, a + 5), f.data[5]);
  assert.equal(byte(as, a + P + 99), f.data[P + 99]);
  assert.equal(byte(as, a + P + 100), 0, "rest of the last page is zero");
  const r = as.handleFault(a + 2 * P + 8, "read", tlb);
  assert.deepEqual(r, { ok: false, signal: SIGBUS, code: BUS_ADRERR, addr: a + 2 * P + 8 });
  const [v] = maps(as);
  assert.equal(v.name, "/lib/test.so");
  assert.equal(v.ino, 42);
  // An offset mapping sees the right page.
  const b = as.mmap(0, P, PROT_READ, MAP_PRIVATE, f, P);
  assert.equal(byte(as, b + 1), f.data[P + 1]);
  assert.equal(maps(as).find((m) => m.start === b)?.offset, P);
  assert.equal(as.stats().rssFile, 3);
});

test("private file mapping: writes are private and turn the page anonymous", () => {
  const { as } = machine();
  const f = patternFile(2 * P);
  const a = as.mmap(0, 2 * P, RW, MAP_PRIVATE, f, 0);
  assert.equal(byte(as, a), f.data[0]);
  poke(as, a, 0xee);
  assert.equal(byte(as, a), 0xee);
  assert.equal(f.data[0], 3, "the file is unchanged");
  const s = as.stats();
  assert.equal(s.rssFile, 0);
  assert.equal(s.rssAnon, 1);
});

test("adjacent private mappings of one file with continuous offsets merge", () => {
  const { as } = machine();
  const f = patternFile(4 * P);
  const a = as.mmap(0x30000000, 2 * P, PROT_READ, MAP_PRIVATE | MAP_FIXED, f, 0);
  as.mmap(a + 2 * P, 2 * P, PROT_READ, MAP_PRIVATE | MAP_FIXED, f, 2 * P);
  assert.equal(as.mapCount, 1);
  as.mmap(a + 4 * P, P, PROT_READ, MAP_PRIVATE | MAP_FIXED, f, 0);
  assert.equal(as.mapCount, 2, "offset not continuous");
});

test("shared anonymous mapping: one object, shown as /dev/zero (deleted), counted as shmem", () => {
  const { as } = machine();
  const a = as.mmap(0, 2 * P, RW, MAP_SHARED | MAP_ANONYMOUS, null, 0);
  const b = as.mmap(0, 2 * P, RW, MAP_SHARED | MAP_ANONYMOUS, null, 0);
  assert.equal(as.mapCount, 2, "distinct shared objects never merge");
  poke(as, a, 5);
  assert.equal(byte(as, b), 0);
  const [v] = maps(as);
  assert.equal(v.name, "/dev/zero (deleted)");
  assert.equal(v.shared, true);
  assert.equal(as.stats().rssShmem, 2, "the read of b mapped a real shared page");
});

test("MAP_SHARED of a read-only file: r--s, readable, mprotect write refused", () => {
  const { as } = machine();
  const f = patternFile(P);
  const a = as.mmap(0, P, PROT_READ, MAP_SHARED, f, 0);
  assert.equal(byte(as, a + 7), f.data[7]);
  assert.equal(mapLines(as)[0].split(" ")[1], "r--s");
  assert.equal(as.mprotect(a, P, RW), -EACCES);
  const w = patternFile(P, true);
  const b = as.mmap(0, P, RW, MAP_SHARED, w, 0);
  poke(as, b, 1);
  assert.equal(byte(as, b), 1);
  assert.equal(as.stats().rssFile, 2);
});

test("PROT_NONE reservation then MAP_FIXED commit, as glibc malloc does", () => {
  const { as } = machine();
  const a = as.mmap(0, 64 * P, PROT_NONE, ANON | MAP_NORESERVE, null, 0);
  assert.equal(as.mprotect(a, 4 * P, RW), 0);
  assert.equal(as.mapCount, 2);
  poke(as, a + 3 * P, 1);
  assert.deepEqual(mapLines(as).map((l) => l.split(" ")[1]), ["rw-p", "---p"]);
});

test("mmap: ENOMEM when no gap is big enough, after trying top-down then bottom-up", () => {
  const { as } = machine();
  const low = 0x10000;
  assert.equal(as.mmap(low, TASK_SIZE - low - 16 * P, PROT_NONE, ANON | MAP_FIXED | MAP_NORESERVE, null, 0), low);
  assert.equal(as.mmap(0, 32 * P, RW, ANON, null, 0), -ENOMEM);
  assert.equal(as.mmap(0, 8 * P, RW, ANON, null, 0), TASK_SIZE - 16 * P, "bottom-up fallback finds the top gap");
  as.destroy();
});
