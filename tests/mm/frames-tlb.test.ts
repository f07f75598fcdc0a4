import assert from "node:assert/strict";
import { test } from "node:test";
import { TLB_ITLB_OFFSET, FRAMES_BASE, PAGE_SIZE, TLB_BASE, TLB_BYTES, TLB_ENTRIES } from "../../src/cpu/layout.js";
import { FrameAllocator } from "../../src/mm/frames.js";
import { Tlb } from "../../src/mm/tlb.js";

function memory(frames: number): WebAssembly.Memory {
  return new WebAssembly.Memory({ initial: Math.ceil((FRAMES_BASE + frames * PAGE_SIZE) / 65536) });
}

test("frames: zeroed allocation, counts, exhaustion returns -1", () => {
  const fa = new FrameAllocator(memory(16), 16);
  assert.equal(fa.total, 16);
  assert.equal(fa.free, 15); // one is the zero frame
  const got: number[] = [];
  for (;;) {
    const f = fa.alloc();
    if (f < 0) break;
    assert.ok(fa.bytes(f).every((b) => b === 0));
    fa.bytes(f).fill(0xaa);
    got.push(f);
  }
  assert.equal(got.length, 15);
  assert.equal(fa.free, 0);
  assert.equal(fa.alloc(), -1);
  for (const f of got) fa.unref(f);
  assert.equal(fa.free, 15);
  const again = fa.alloc();
  assert.ok(fa.bytes(again).every((b) => b === 0), "reused frame is zeroed");
});

test("frames: reference counting and host addresses", () => {
  const fa = new FrameAllocator(memory(8), 8);
  const f = fa.alloc();
  assert.equal(fa.refCount(f), 1);
  fa.ref(f);
  assert.equal(fa.refCount(f), 2);
  const before = fa.free;
  fa.unref(f);
  assert.equal(fa.free, before);
  fa.unref(f);
  assert.equal(fa.free, before + 1);
  assert.equal(fa.hostAddr(3), FRAMES_BASE + 3 * PAGE_SIZE);
  assert.throws(() => new FrameAllocator(memory(8), 100000));
});

test("tlb: a code page and a data page with the same index do not evict each other", () => {
  const mem = memory(4);
  const tlb = new Tlb(mem, 0);
  tlb.flushAll();
  const code = 0x10000;
  const data = code + TLB_ENTRIES * PAGE_SIZE; // same index, 32 MiB higher
  tlb.fill(code, FRAMES_BASE, true, false, true, true);
  tlb.fill(data, FRAMES_BASE + PAGE_SIZE, true, true, false, false);
  const e = ((code / PAGE_SIZE) % TLB_ENTRIES) * 4;
  const dtlb = new BigInt64Array(mem.buffer, TLB_BASE, TLB_ENTRIES * 4);
  const itlb = new BigInt64Array(mem.buffer, TLB_BASE + TLB_ITLB_OFFSET, TLB_ENTRIES * 4);
  assert.equal(dtlb[e + 1], BigInt(data), "data page writable through the data table");
  assert.equal(itlb[e + 2], BigInt(code), "code page still executable through the instruction table");
});

test("tlb: a fetch from P loading from executable Q with P's index: each fill keeps to its table", () => {
  const mem = memory(4);
  const tlb = new Tlb(mem, 0);
  tlb.flushAll();
  const p = 0xe8000;
  const q = 0x7fffa00e8000; // same index as p; executable too (the vDSO, say)
  const e = ((p / PAGE_SIZE) % TLB_ENTRIES) * 4;
  assert.equal(((q / PAGE_SIZE) % TLB_ENTRIES) * 4, e);
  const dtlb = new BigInt64Array(mem.buffer, TLB_BASE, TLB_ENTRIES * 4);
  const itlb = new BigInt64Array(mem.buffer, TLB_BASE + TLB_ITLB_OFFSET, TLB_ENTRIES * 4);
  tlb.fill(p, FRAMES_BASE, true, false, true, true); // the fetch of the instruction
  tlb.fill(q, FRAMES_BASE + PAGE_SIZE, true, false, true, false); // its load
  assert.equal(itlb[e + 2], BigInt(p), "the load did not evict the instruction's page");
  assert.equal(dtlb[e], BigInt(q), "the load's page is readable");
  tlb.fill(p, FRAMES_BASE, true, false, true, true); // a fetch again leaves the data table alone
  assert.equal(dtlb[e], BigInt(q));
  // A refill of the same page keeps both tables' rights current (here: exec removed).
  tlb.fill(q, FRAMES_BASE + PAGE_SIZE, true, false, true, true);
  tlb.fill(q, FRAMES_BASE + PAGE_SIZE, true, false, false, false);
  assert.equal(itlb[e + 2], -1n, "the stale exec right of q is gone");
});

test("tlb: fill writes tags and addend as i64, flush invalidates", () => {
  const mem = memory(4);
  const tlb = new Tlb(mem, 1);
  tlb.flushAll();
  const words = new BigInt64Array(mem.buffer, TLB_BASE + TLB_BYTES, TLB_ENTRIES * 4);
  const va = 0x7ffff7ffd000;
  const host = FRAMES_BASE + 5 * PAGE_SIZE;
  tlb.fill(va, host, true, false, true, true);
  tlb.fill(va, host, true, false, true, false);
  const e = ((va / PAGE_SIZE) % TLB_ENTRIES) * 4;
  const itlb = new BigInt64Array(mem.buffer, TLB_BASE + TLB_BYTES + TLB_ITLB_OFFSET, TLB_ENTRIES * 4);
  assert.equal(words[e], BigInt(va));
  assert.equal(words[e + 1], -1n);
  assert.equal(itlb[e + 2], BigInt(va), "the exec right lives in the instruction table");
  const addend = words[e + 3];
  assert.equal(BigInt.asUintN(32, BigInt(va) + addend), BigInt(host), "low 32 bits of vaddr+addend");
  assert.equal(itlb[e + 3], addend);
  tlb.flushPage(va + 123);
  assert.equal(words[e], -1n);
  assert.equal(itlb[e + 2], -1n);
  tlb.fill(0x10000, host, true, true, false, false);
  assert.equal(words[(0x10 % TLB_ENTRIES) * 4 + 1], 0x10000n);
  tlb.flushAll();
  assert.equal(words[(0x10 % TLB_ENTRIES) * 4 + 1], -1n);
  // hart 0's TLB is untouched by hart 1's
  const h0 = new BigInt64Array(mem.buffer, TLB_BASE, 4);
  assert.equal(h0[0], 0n);
});
