// A seeded random walk over the API against a page-level model: contents,
// protections and counters must agree after every step, and every frame must
// come back at the end.

import assert from "node:assert/strict";
import { test } from "node:test";
import type { AddressSpace } from "../../src/mm/address-space.js";
import { MADV_DONTNEED, MAP_ANONYMOUS, MAP_FIXED, MAP_SHARED, MREMAP_FIXED, MREMAP_MAYMOVE, PROT_NONE, PROT_READ } from "../../src/mm/mman.js";
import { isDataMapping, isExecMapping, isStackMapping } from "../../src/mm/vm-flags.js";
import { ANON, machine, P, RW } from "./helpers.js";

const BASE = 0x40000000;
const PAGES = 48;

interface PageModel {
  value: number; // byte at offset 0 of the page
  writable: boolean;
  readable: boolean;
  shared: boolean; // MAP_SHARED anonymous: fork children write through
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function checkCounters(as: AddressSpace): void {
  const s = as.stats();
  let total = 0;
  let data = 0;
  let stack = 0;
  let exec = 0;
  let anon = 0;
  let shmem = 0;
  for (const v of as.vmas()) {
    const n = (v.end - v.start) / P;
    total += n;
    if (isExecMapping(v.flags)) exec += n;
    else if (isStackMapping(v.flags)) stack += n;
    else if (isDataMapping(v.flags)) data += n;
    const r = as.residentIn(v.start, v.end);
    anon += r.anon;
    shmem += r.shmem;
  }
  assert.deepEqual([s.totalVm, s.dataVm, s.stackVm, s.execVm, s.rssAnon, s.rssShmem], [total, data, stack, exec, anon, shmem]);
  assert.ok(s.peakVm >= s.totalVm && s.hiwaterRss >= s.rssAnon);
  const list = [...as.vmas()];
  for (let i = 1; i < list.length; i++) assert.ok(list[i - 1].end <= list[i].start, "sorted, disjoint");
}

function checkContents(as: AddressSpace, model: Map<number, PageModel>): void {
  for (let i = 0; i < PAGES; i++) {
    const va = BASE + i * P;
    const m = model.get(va);
    const r = as.read(va, 1);
    if (m === undefined || !m.readable) {
      assert.equal(typeof r, "number", `page ${i} should not be readable`);
    } else {
      assert.ok(r instanceof Uint8Array, `page ${i} should be readable`);
      assert.equal(r[0], m.value, `page ${i} content`);
    }
  }
}

function step(as: AddressSpace, model: Map<number, PageModel>, rand: () => number): void {
  const pick = (n: number): number => Math.floor(rand() * n);
  const start = pick(PAGES);
  const len = 1 + pick(Math.min(8, PAGES - start));
  const addr = BASE + start * P;
  const op = pick(8);
  const each = (fn: (va: number) => void): void => {
    for (let i = 0; i < len; i++) fn(addr + i * P);
  };
  switch (op) {
    case 0: {
      const ro = rand() < 0.3;
      assert.equal(as.mmap(addr, len * P, ro ? PROT_READ : RW, ANON | MAP_FIXED, null, 0), addr);
      each((va) => model.set(va, { value: 0, writable: !ro, readable: true, shared: false }));
      break;
    }
    case 7:
      assert.equal(as.mmap(addr, len * P, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, null, 0), addr);
      each((va) => model.set(va, { value: 0, writable: true, readable: true, shared: true }));
      break;
    case 1:
      assert.equal(as.munmap(addr, len * P), 0);
      each((va) => model.delete(va));
      break;
    case 2: {
      const prot = [PROT_NONE, PROT_READ, RW][pick(3)];
      const all = Array.from({ length: len }, (_, i) => model.has(addr + i * P)).every(Boolean);
      const r = as.mprotect(addr, len * P, prot);
      if (all) assert.equal(r, 0);
      for (let i = 0; i < len; i++) {
        const m = model.get(addr + i * P);
        if (m === undefined) break; // Linux stops at the first hole
        m.readable = prot !== PROT_NONE;
        m.writable = prot === RW;
      }
      break;
    }
    case 3:
      each((va) => {
        const m = model.get(va);
        const v = pick(255) + 1;
        const r = as.write(va, Uint8Array.of(v));
        if (m !== undefined && m.writable) {
          assert.equal(r, 0);
          m.value = v;
        } else assert.notEqual(r, 0);
      });
      break;
    case 4:
      as.madvise(addr, len * P, MADV_DONTNEED);
      each((va) => {
        const m = model.get(va);
        if (m !== undefined && !m.shared) m.value = 0; // shared content survives
      });
      break;
    case 5: {
      // Move a run that lies inside one VMA to another place in the window.
      const v = as.vmaAt(addr);
      if (v === null) break;
      const n = Math.min(len, (v.end - addr) / P);
      const to = BASE + pick(PAGES - n + 1) * P;
      if (to < addr + n * P && addr < to + n * P) break; // overlap is EINVAL
      assert.equal(as.mremap(addr, n * P, n * P, MREMAP_MAYMOVE | MREMAP_FIXED, to), to);
      const moved = Array.from({ length: n }, (_, i) => model.get(addr + i * P));
      for (let i = 0; i < n; i++) model.delete(addr + i * P);
      for (let i = 0; i < n; i++) model.set(to + i * P, moved[i] as PageModel);
      break;
    }
    case 6: {
      // fork, scribble in the child, check the parent is unaffected.
      const child = as.fork();
      each((va) => {
        const r = child.write(va, Uint8Array.of(0xee));
        const m = model.get(va);
        if (r === 0 && m !== undefined && m.shared) m.value = 0xee;
      });
      child.destroy();
      break;
    }
  }
}

test("random walk: model, counters and frames agree", () => {
  for (let seed = 1; seed <= 12; seed++) {
    const { as, frames } = machine(512);
    const rand = rng(seed);
    const model = new Map<number, PageModel>();
    for (let i = 0; i < 250; i++) {
      step(as, model, rand);
      checkCounters(as);
      if (i % 10 === 0) checkContents(as, model);
    }
    checkContents(as, model);
    as.destroy();
    assert.equal(frames.free, frames.total - 1, `seed ${seed}: no frame leaked`);
  }
});
