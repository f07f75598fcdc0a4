import assert from "node:assert/strict";
import { test } from "node:test";
import { TLB_BASE, TLB_ENTRIES } from "../../src/cpu/layout.js";
import { SIGKILL } from "../../src/kernel/signal-numbers.js";
import { AddressSpace } from "../../src/mm/address-space.js";
import { MAP_ANONYMOUS, MAP_FIXED, MAP_GROWSDOWN, MAP_LOCKED, MAP_PRIVATE, MAP_SHARED, PROT_EXEC, PROT_READ } from "../../src/mm/mman.js";
import { Tlb } from "../../src/mm/tlb.js";
import { ANON, byte, machine, P, patternFile, poke, RW } from "./helpers.js";

const A = 0x40000000;

test("fork: private pages are copy-on-write, shared pages stay shared", () => {
  const { as, frames } = machine();
  as.mmap(A, 2 * P, RW, ANON | MAP_FIXED, null, 0);
  const s = as.mmap(0, P, RW, MAP_SHARED | MAP_ANONYMOUS, null, 0);
  poke(as, A, 1);
  poke(as, A + P, 2);
  poke(as, s, 3);
  const before = frames.free;
  const child = as.fork();
  assert.equal(frames.free, before, "fork copies no page");
  assert.equal(byte(child, A), 1);
  poke(child, A, 10);
  assert.equal(byte(as, A), 1, "child's write not seen by the parent");
  assert.equal(byte(child, A), 10);
  assert.equal(frames.free, before - 1, "one page copied");
  poke(as, A + P, 20);
  assert.equal(byte(child, A + P), 2, "parent's write not seen by the child");
  poke(child, s, 30);
  assert.equal(byte(as, s), 30, "shared anonymous memory is shared");
  child.destroy();
  assert.equal(frames.free, before - 1 + 1, "child's private copy freed");
  as.destroy();
  assert.equal(frames.free, frames.total - 1, "everything back (minus the zero frame)");
});

test("fork: a shared page untouched before fork is still shared after it", () => {
  const { as } = machine();
  const s = as.mmap(0, 2 * P, RW, MAP_SHARED | MAP_ANONYMOUS, null, 0);
  const child = as.fork();
  poke(child, s + P, 7);
  assert.equal(byte(as, s + P), 7);
});

test("fork: reference counts, and the sole owner writes in place", () => {
  const { as, frames, tlb } = machine();
  as.mmap(A, P, RW, ANON | MAP_FIXED, null, 0);
  poke(as, A, 1);
  const frameOf = (x: AddressSpace): number => {
    const b = x.userBuffers(A, 1, false);
    assert.ok(Array.isArray(b));
    return (b[0].byteOffset - frames.hostAddr(0)) / P;
  };
  const f = frameOf(as);
  assert.equal(frames.refCount(f), 1);
  const child = as.fork();
  assert.equal(frames.refCount(f), 2);
  assert.equal(frameOf(child), f);
  // Parent's TLB lost its write right at fork.
  const e = new BigInt64Array(frames.bytes(0).buffer, TLB_BASE + ((A / P) % TLB_ENTRIES) * 32, 4);
  assert.notEqual(e[1], BigInt(A));
  assert.equal(as.handleFault(A, "read", tlb).ok, true);
  assert.equal(e[1], -1n, "a COW-shared page is filled without write right");
  child.destroy();
  assert.equal(frames.refCount(f), 1);
  assert.equal(as.handleFault(A, "write", tlb).ok, true);
  assert.equal(frameOf(as), f, "no copy for the last owner");
  assert.equal(e[1], BigInt(A));
});

test("fork: private file pages and the zero page", () => {
  const { as, frames } = machine();
  const f = patternFile(2 * P);
  const a = as.mmap(0, 2 * P, RW, MAP_PRIVATE, f, 0);
  const z = as.mmap(0, P, RW, ANON, null, 0);
  assert.equal(byte(as, a), f.data[0]);
  assert.equal(byte(as, z), 0);
  const child = as.fork();
  poke(child, a, 0x99);
  assert.equal(byte(as, a), f.data[0]);
  poke(child, z, 1);
  assert.equal(byte(as, z), 0);
  assert.equal(child.stats().rssAnon, 2);
  assert.equal(child.stats().rssFile, 0);
  assert.equal(as.stats().rssFile, 1);
  child.destroy();
  as.destroy();
  assert.equal(frames.free, frames.total - 1);
});

test("accounting: VmSize, VmPeak, RSS, VmHWM, data/stack/exec, VmLck, VmPTE", () => {
  const { as } = machine();
  const s0 = as.stats();
  assert.deepEqual(Object.values(s0).every((v) => v === 0), true);
  as.mmap(A, 8 * P, RW, ANON | MAP_FIXED, null, 0);
  as.mmap(A + 16 * P, 2 * P, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED, patternFile(2 * P), 0);
  as.mmap(A + 32 * P, 4 * P, RW, ANON | MAP_FIXED | MAP_GROWSDOWN, null, 0);
  as.mmap(A + 40 * P, P, RW, ANON | MAP_FIXED | MAP_LOCKED, null, 0);
  let s = as.stats();
  assert.equal(s.totalVm, 15);
  assert.equal(s.dataVm, 9);
  assert.equal(s.execVm, 2);
  assert.equal(s.stackVm, 4);
  assert.equal(s.lockedVm, 1);
  for (let i = 0; i < 8; i++) poke(as, A + i * P, 1);
  byte(as, A + 16 * P);
  s = as.stats();
  assert.equal(s.rssAnon, 9, "8 touched + the MAP_LOCKED page, populated at mmap");
  assert.equal(s.rssFile, 1);
  assert.equal(s.hiwaterRss, 10);
  assert.equal(s.pageTableBytes, P, "one leaf table covers all of it");
  as.munmap(A, 8 * P);
  s = as.stats();
  assert.equal(s.rssAnon, 1);
  assert.equal(s.hiwaterRss, 10, "high-water mark stays");
  assert.equal(s.totalVm, 7);
  assert.equal(s.peakVm, 15);
  assert.equal(s.dataVm, 1);
  as.mprotect(A + 40 * P, P, PROT_READ);
  assert.equal(as.stats().dataVm, 0, "read-only is not data");
  as.destroy();
  s = as.stats();
  assert.equal(s.totalVm + s.rssAnon + s.rssFile + s.rssShmem + s.dataVm + s.stackVm + s.execVm + s.pageTableBytes, 0);
});

test("out of memory: the fault reports SIGKILL, kernel access -ENOMEM, nothing throws", () => {
  const { as, frames, tlb } = machine(8);
  const a = as.mmap(0, 64 * P, RW, ANON, null, 0);
  let va = a;
  for (; va < a + 64 * P; va += P) {
    const r = as.handleFault(va, "write", tlb);
    if (!r.ok) {
      assert.equal(r.signal, SIGKILL);
      assert.equal(r.oom, true);
      break;
    }
  }
  assert.equal(frames.free, 0);
  assert.equal(as.write(va, Uint8Array.of(1)), -12);
  assert.equal(as.read(va, 1) instanceof Uint8Array, true, "reads map the zero page, no memory needed");
  const child = as.fork();
  assert.equal(child.handleFault(a, "write", tlb).ok, false, "COW copy needs a frame");
  child.destroy();
  as.destroy();
  assert.equal(frames.free, 7);
});

test("destroy flushes the TLB and leaves a usable empty space", () => {
  const { as, frames, memory } = machine();
  const t2 = new Tlb(memory, 2);
  as.attachTlb(t2);
  as.mmap(A, P, RW, ANON | MAP_FIXED, null, 0);
  assert.equal(as.handleFault(A, "write", t2).ok, true);
  as.destroy();
  assert.equal(as.mapCount, 0);
  assert.equal(frames.free, frames.total - 1);
  assert.equal(as.mmap(A, P, RW, ANON | MAP_FIXED, null, 0), A);
  as.detachTlb(t2);
});

test("vmaAt and residentIn (for smaps)", () => {
  const { as } = machine();
  as.mmap(A, 4 * P, RW, ANON | MAP_FIXED, null, 0);
  poke(as, A, 1);
  byte(as, A + P); // zero page: not resident memory
  assert.equal(as.vmaAt(A + 5)?.start, A);
  assert.equal(as.vmaAt(A + 4 * P), null);
  assert.equal(as.vmaAt(NaN), null);
  assert.deepEqual(as.residentIn(A, A + 4 * P), { anon: 1, file: 0, shmem: 0 });
});
