import assert from "node:assert/strict";
import { test } from "node:test";
import { TLB_BASE, TLB_ENTRIES } from "../../src/cpu/layout.js";
import { EACCES, EINVAL, ENOMEM } from "../../src/kernel/errno.js";
import { SIGSEGV } from "../../src/kernel/signal-numbers.js";
import { SEGV_ACCERR, SEGV_MAPERR } from "../../src/mm/fault-codes.js";
import { MAP_FIXED, MAP_GROWSDOWN, PROT_EXEC, PROT_GROWSDOWN, PROT_NONE, PROT_READ, PROT_SEM, PROT_WRITE } from "../../src/mm/mman.js";
import { ANON, byte, machine, mapLines, P, poke, RW } from "./helpers.js";

const A = 0x40000000;

test("munmap splits, leaves holes, and accepts unmapped ranges", () => {
  const { as } = machine();
  as.mmap(A, 8 * P, RW, ANON | MAP_FIXED, null, 0);
  assert.equal(as.munmap(A + 2 * P, 2 * P), 0);
  assert.deepEqual(mapLines(as), [`${A.toString(16)}-${(A + 2 * P).toString(16)} rw-p`, `${(A + 4 * P).toString(16)}-${(A + 8 * P).toString(16)} rw-p`]);
  assert.equal(as.munmap(A + 2 * P, 2 * P), 0, "nothing there is fine");
  assert.equal(as.munmap(A, 1), 0, "length rounds up");
  assert.equal(as.mapCount, 2);
  assert.equal(as.munmap(A, 0), -EINVAL);
  assert.equal(as.munmap(A + 1, P), -EINVAL);
  assert.equal(as.munmap(0x800000000000, P), -EINVAL);
  assert.equal(as.munmap(0x7fffffffe000, 0x4000), -EINVAL, "runs past TASK_SIZE");
  assert.equal(as.munmap(A - 4 * P, 100 * P), 0);
  assert.equal(as.mapCount, 0);
});

test("munmap'd pages fault SEGV_MAPERR; access to PROT_NONE is SEGV_ACCERR", () => {
  const { as, tlb } = machine();
  as.mmap(A, 2 * P, PROT_NONE, ANON | MAP_FIXED, null, 0);
  assert.deepEqual(as.handleFault(A + 5, "read", tlb), { ok: false, signal: SIGSEGV, code: SEGV_ACCERR, addr: A + 5 });
  assert.deepEqual(as.handleFault(A + 2 * P, "read", tlb), { ok: false, signal: SIGSEGV, code: SEGV_MAPERR, addr: A + 2 * P });
  assert.equal(as.handleFault(2 ** 47, "read", tlb).ok, false);
  assert.equal(as.handleFault(-1, "write", tlb).ok, false);
});

test("mprotect splits and merges back; rights are enforced by faults", () => {
  const { as, tlb } = machine();
  as.mmap(A, 4 * P, RW, ANON | MAP_FIXED, null, 0);
  poke(as, A + P, 7);
  assert.equal(as.mprotect(A + P, P, PROT_READ), 0);
  assert.equal(as.mapCount, 3);
  assert.deepEqual(as.handleFault(A + P, "write", tlb), { ok: false, signal: SIGSEGV, code: SEGV_ACCERR, addr: A + P });
  assert.equal(as.handleFault(A + P, "read", tlb).ok, true);
  assert.equal(byte(as, A + P), 7, "content kept");
  assert.equal(as.handleFault(A + P, "exec", tlb).ok, false);
  assert.equal(as.mprotect(A + P, P, RW), 0);
  assert.equal(as.mapCount, 1, "same flags again: merged");
  assert.equal(as.handleFault(A + P, "write", tlb).ok, true);
  assert.equal(as.mprotect(A, 4 * P, PROT_READ | PROT_EXEC), 0);
  assert.equal(as.handleFault(A, "exec", tlb).ok, true);
});

test("mprotect errors and partial application before a hole", () => {
  const { as } = machine();
  as.mmap(A, 2 * P, RW, ANON | MAP_FIXED, null, 0);
  as.mmap(A + 3 * P, P, RW, ANON | MAP_FIXED, null, 0);
  assert.equal(as.mprotect(A + 1, P, PROT_READ), -EINVAL);
  assert.equal(as.mprotect(A, 0, 0x1234), 0, "length 0 succeeds before prot is checked");
  assert.equal(as.mprotect(A, P, 0x40), -EINVAL);
  assert.equal(as.mprotect(A, P, PROT_READ | PROT_SEM), 0);
  assert.equal(as.mprotect(A + 2 * P, P, PROT_READ), -ENOMEM, "unmapped");
  assert.equal(as.mprotect(A, 4 * P, PROT_READ), -ENOMEM, "hole in the middle");
  assert.deepEqual(mapLines(as).map((l) => l.split(" ")[1]), ["r--p", "rw-p"], "the part before the hole changed");
  assert.equal(as.mprotect(A, P, PROT_READ | PROT_GROWSDOWN), -EINVAL, "not a growsdown area");
  assert.equal(as.mprotect(A, P, PROT_GROWSDOWN | 0x2000000), -EINVAL);
});

test("mprotect PROT_GROWSDOWN extends to the start of a stack area", () => {
  const { as } = machine();
  as.mmap(A, 4 * P, RW, ANON | MAP_FIXED | MAP_GROWSDOWN, null, 0);
  assert.equal(as.mprotect(A + 2 * P, P, PROT_READ | PROT_EXEC | PROT_GROWSDOWN), 0);
  assert.deepEqual(mapLines(as).map((l) => l.split(" ").slice(0, 2).join(" ")), [`${A.toString(16)}-${(A + 3 * P).toString(16)} r-xp`, `${(A + 3 * P).toString(16)}-${(A + 4 * P).toString(16)} rw-p`]);
});

test("mprotect flushes the TLB entries of the range", () => {
  const { as, tlb, memory } = machine();
  as.mmap(A, P, RW, ANON | MAP_FIXED, null, 0);
  assert.equal(as.handleFault(A, "write", tlb).ok, true);
  const e = new BigInt64Array(memory.buffer, TLB_BASE + ((A / P) % TLB_ENTRIES) * 32, 4);
  assert.equal(e[1], BigInt(A), "write tag present");
  as.mprotect(A, P, PROT_READ);
  assert.equal(e[1], -1n);
  assert.equal(as.handleFault(A, "read", tlb).ok, true);
  assert.equal(e[0], BigInt(A));
  assert.equal(e[1], -1n, "refilled without write right");
  as.munmap(A, P);
  assert.equal(e[0], -1n);
});

test("read-only private mapping refuses write faults; write-only means readable on riscv", () => {
  const { as, tlb } = machine();
  as.mmap(A, P, PROT_READ, ANON | MAP_FIXED, null, 0);
  assert.equal(as.handleFault(A, "write", tlb).ok, false);
  as.mmap(A + P, P, PROT_WRITE, ANON | MAP_FIXED, null, 0);
  assert.equal(as.handleFault(A + P, "read", tlb).ok, true);
  assert.equal(as.mprotect(A, P, PROT_WRITE), 0);
  assert.equal(as.handleFault(A, "read", tlb).ok, true, "-w- still reads (write implies read)");
  assert.equal(as.mprotect(A, P, PROT_EXEC), 0);
  assert.equal(as.handleFault(A, "read", tlb).ok, false, "exec-only does not read");
  assert.equal(EACCES, 13);
});

test("mlock/munlock split areas, count VmLck and populate; mincore and msync", async () => {
  const { MS_ASYNC, MS_INVALIDATE, MS_SYNC } = await import("../../src/mm/mman.js");
  const { as } = machine();
  as.mmap(A, 4 * P, RW, ANON | MAP_FIXED, null, 0);
  assert.equal(as.mlock(A + P + 100, 10), 0, "unaligned start is fine for mlock");
  assert.equal(as.mapCount, 3);
  assert.equal(as.stats().lockedVm, 1);
  assert.equal(as.stats().rssAnon, 1, "locked pages are populated");
  assert.deepEqual([...(as.mincore(A, 4 * P) as Uint8Array)], [0, 1, 0, 0]);
  assert.equal(as.mincore(A + 1, P), -EINVAL);
  assert.equal(as.mincore(A + 3 * P, 2 * P), -ENOMEM);
  assert.equal(as.msync(A, 4 * P, MS_SYNC), 0);
  assert.equal(as.msync(A, 4 * P, MS_SYNC | MS_ASYNC), -EINVAL);
  assert.equal(as.msync(A, 4 * P, MS_INVALIDATE), -16, "EBUSY on locked pages");
  assert.equal(as.msync(A, 5 * P, MS_ASYNC), -ENOMEM);
  assert.equal(as.munlock(A, 4 * P), 0);
  assert.equal(as.mapCount, 1);
  assert.equal(as.stats().lockedVm, 0);
  assert.equal(as.mlock(A, 5 * P), -ENOMEM);
});
