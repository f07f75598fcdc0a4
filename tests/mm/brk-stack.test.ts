import assert from "node:assert/strict";
import { test } from "node:test";
import { SIGSEGV } from "../../src/kernel/signal-numbers.js";
import { SEGV_MAPERR } from "../../src/mm/fault-codes.js";
import { MAP_FIXED, MAP_GROWSDOWN, MAP_STACK, PROT_READ } from "../../src/mm/mman.js";
import { ANON, byte, machine, mapLines, maps, P, poke, RW } from "./helpers.js";

test("brk: query, grow, shrink, unaligned values, [heap] naming", () => {
  const { as } = machine();
  as.setBrkStart(0x7d000);
  assert.equal(as.brk(0), 0x7d000);
  assert.equal(as.brk(0x7db00), 0x7db00);
  assert.deepEqual(mapLines(as), ["7d000-7e000 rw-p [heap]"]);
  poke(as, 0x7da00, 5);
  assert.equal(as.brk(0x9eb00), 0x9eb00);
  assert.equal(as.brk(0x9f000), 0x9f000);
  assert.deepEqual(mapLines(as), ["7d000-9f000 rw-p [heap]"]);
  assert.equal(byte(as, 0x7da00), 5);
  assert.equal(as.brk(0x7e001), 0x7e001);
  assert.deepEqual(mapLines(as), ["7d000-7f000 rw-p [heap]"]);
  assert.equal(as.brk(0x7c000), 0x7e001, "below the start: unchanged");
  assert.equal(as.brk(0x7d000), 0x7d000, "back to the start");
  assert.equal(as.mapCount, 0);
  assert.equal(as.brk(-5), 0x7d000);
  assert.equal(as.brk(2 ** 60), 0x7d000);
});

test("brk keeps a page free below the next mapping, and merges with bss", () => {
  const { as } = machine();
  as.mmap(0x70000, 0xd000, RW, ANON | MAP_FIXED, null, 0); // bss ending at 0x7d000
  as.setBrkStart(0x7d000);
  as.mmap(0x90000, P, PROT_READ, ANON | MAP_FIXED, null, 0);
  assert.equal(as.brk(0x8f000), 0x8f000);
  assert.equal(as.brk(0x8f001), 0x8f000, "would leave no gap page");
  assert.deepEqual(mapLines(as)[0], "70000-8f000 rw-p [heap]", "bss and heap are one area, as in Linux");
});

test("a brk area is named [heap] and counted as data", () => {
  const { as } = machine();
  as.setBrkStart(0x100000);
  as.brk(0x104000);
  assert.equal(as.stats().dataVm, 4);
  assert.equal(maps(as)[0].name, "[heap]");
});

test("stack: growsdown area grows on faults below it, up to RLIMIT_STACK", () => {
  const { as, tlb } = machine();
  const top = 0x7ffffffff000;
  const s = as.mmap(top - 32 * P, 32 * P, RW, ANON | MAP_FIXED | MAP_GROWSDOWN | MAP_STACK, null, 0);
  as.startStack = top - 16;
  assert.equal(maps(as)[0].name, "[stack]");
  assert.equal(as.stats().stackVm, 32);
  assert.equal(as.handleFault(s - 10 * P + 8, "write", tlb).ok, true);
  assert.equal(maps(as)[0].start, s - 10 * P);
  assert.equal(as.stats().stackVm, 42);
  const limitBottom = top - 8 * 1024 * 1024;
  assert.equal(as.handleFault(limitBottom, "write", tlb).ok, true, "exactly 8 MiB");
  assert.deepEqual(as.handleFault(limitBottom - 1, "write", tlb), { ok: false, signal: SIGSEGV, code: SEGV_MAPERR, addr: limitBottom - 1 });
  as.stackLimit = 16 * 1024 * 1024;
  assert.equal(as.handleFault(limitBottom - 1, "read", tlb).ok, true, "a raised limit allows more");
});

test("stack growth keeps stack_guard_gap from the area below; mmap avoids the gap", () => {
  const { as, tlb } = machine();
  const top = 0x7ffffffff000;
  const s = as.mmap(top - 4 * P, 4 * P, RW, ANON | MAP_FIXED | MAP_GROWSDOWN, null, 0);
  const below = s - 300 * P;
  as.mmap(below - P, P, RW, ANON | MAP_FIXED, null, 0);
  assert.equal(as.handleFault(below + 256 * P, "write", tlb).ok, true, "exactly the gap left");
  assert.equal(as.handleFault(below + 255 * P, "write", tlb).ok, false, "inside the gap");
  assert.equal(as.read(below + 200 * P, 1), -14, "kernel access below it is EFAULT too");
  // A hint inside the guard gap of a stack is refused and placed elsewhere.
  const t = as.mmap(0, P, RW, ANON, null, 0);
  assert.ok(t < below || t >= top);
  // read of an untouched stack page from the kernel grows it as well
  const { as: as2 } = machine();
  const s2 = as2.mmap(top - P, P, RW, ANON | MAP_FIXED | MAP_GROWSDOWN, null, 0);
  assert.equal(as2.write(s2 - 16, new Uint8Array(32)), 0);
  assert.equal(maps(as2)[0].start, s2 - P);
});

test("an area ending where an empty heap starts is not [heap]", () => {
  const { as } = machine();
  as.mmap(0x70000, 0xd000, RW, ANON | MAP_FIXED, null, 0);
  as.setBrkStart(0x7d000);
  assert.equal(maps(as)[0].name, "");
  as.brk(0x7d001);
  assert.equal(maps(as)[0].name, "[heap]");
});

test("mmap_base follows RLIMIT_STACK as Linux's mmap_base()", async () => {
  const { mmapBaseFor, DEFAULT_MMAP_BASE } = await import("../../src/mm/vm-layout.js");
  assert.equal(mmapBaseFor(8 * 1024 * 1024), DEFAULT_MMAP_BASE);
  assert.equal(mmapBaseFor(1024 * 1024 * 1024), 0x800000000000 - 1024 * 1024 * 1024 - 256 * 4096);
  assert.equal(mmapBaseFor(2 ** 60), 0x155555556000, "clamped to 5/6 of the space");
});
