// Address-space layout randomisation (src/loader/aslr.ts and the loader):
// the random offsets stay inside Linux's ranges, and images built by the
// kernel (not run) differ between execs with randomisation on and match with
// it off (randomize_va_space 0 or ADDR_NO_RANDOMIZE), always inside the
// user address space.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Kernel } from "../../src/kernel/kernel.js";
import { createNodeHost } from "../../src/host/node-host.js";
import type { Task } from "../../src/kernel/task.js";
import {
  ADDR_NO_RANDOMIZE, aslrMode, BRK_RND_RANGE, LayoutRandom, MMAP_RND_BITS, PF_RANDOMIZE, STACK_RND_MASK,
} from "../../src/loader/aslr.js";
import { STACK_TOP } from "../../src/loader/layout.js";
import { DEFAULT_MMAP_BASE, MMAP_MIN_ADDR, mmapBaseFor, TASK_SIZE } from "../../src/mm/vm-layout.js";
import { taskStat } from "../../src/proc/task-stat.js";
import { intSysctlWriter } from "../../src/proc/sysctl-int.js";
import { EINVAL } from "../../src/kernel/errno.js";
import { DEFAULT_IMAGE_NAME } from "../../src/image/defaults.js";
import { imageDir } from "../../src/image/images.js";
import { readManifest } from "../../src/image/manifest.js";

const PAGE = 4096;
const GiB = 1024 * 1024 * 1024;
const ROOTFS = join(process.cwd(), "build", "guest", "rv64");
const skip = existsSync(join(ROOTFS, "hello")) ? false : "build/guest/rv64/hello not built (run npm test)";

/** An entropy source that always yields the same byte. */
const constant = (byte: number) => (dest: Uint8Array): void => {
  dest.fill(byte);
};

test("aslrMode follows randomize_va_space and ADDR_NO_RANDOMIZE", () => {
  assert.deepEqual(aslrMode(0, 0), { layout: false, brk: false });
  assert.deepEqual(aslrMode(1, 0), { layout: true, brk: false });
  assert.deepEqual(aslrMode(2, 0), { layout: true, brk: true });
  assert.deepEqual(aslrMode(2, ADDR_NO_RANDOMIZE), { layout: false, brk: false });
  assert.deepEqual(aslrMode(1, ADDR_NO_RANDOMIZE | 0x0008), { layout: false, brk: false });
});

test("offsets span exactly Linux's ranges: 18 mmap bits, 0x3ffff stack pages, 1 GiB of brk", () => {
  const on = { layout: true, brk: true };
  const hi = new LayoutRandom(on, constant(0xff));
  const lo = new LayoutRandom(on, constant(0));
  assert.equal(hi.mmapRnd(), (2 ** MMAP_RND_BITS - 1) * PAGE);
  assert.equal(lo.mmapRnd(), 0);
  assert.equal(hi.stackTop(STACK_TOP), STACK_TOP - STACK_RND_MASK * PAGE);
  assert.equal(lo.stackTop(STACK_TOP), STACK_TOP);
  // randomize_page: 0xffffffff % 262144 pages is the last page of the range.
  assert.equal(hi.randomizeBrk(0x20000), 0x20000 + BRK_RND_RANGE - PAGE);
  assert.equal(lo.randomizeBrk(0x20001), 0x21000, "an unaligned start is aligned up first");
  assert.equal(hi.alignStack(0x7fff0000ff8) % 16, 0);
  assert.ok(0x7fff0000ff8 - hi.alignStack(0x7fff0000ff8) < PAGE + 16);
  const off = new LayoutRandom({ layout: false, brk: false }, constant(0xff));
  assert.equal(off.mmapRnd(), 0);
  assert.equal(off.stackTop(STACK_TOP), STACK_TOP);
  assert.equal(off.alignStack(0x7ffffffffff8), 0x7ffffffffff0);
});

test("mmap_base leaves room for the stack's randomisation and moves down by the random offset", () => {
  assert.equal(mmapBaseFor(8 * 1024 * 1024), DEFAULT_MMAP_BASE);
  const gap = 8 * 1024 * 1024 + 256 * PAGE + STACK_RND_MASK * PAGE;
  assert.equal(mmapBaseFor(8 * 1024 * 1024, 0, STACK_RND_MASK), TASK_SIZE - gap);
  assert.equal(mmapBaseFor(8 * 1024 * 1024, 5 * PAGE, STACK_RND_MASK), TASK_SIZE - gap - 5 * PAGE);
});

interface Shape {
  stackEnd: number;
  vdso: number;
  startBrk: number;
  bssEnd: number;
  vmas: { start: number; end: number }[];
}

function spawnShape(k: Kernel, program = "/hello"): { t: Task; shape: Shape } {
  const t = k.spawn(program, [program], ["A=1"]);
  assert.ok(typeof t !== "number", `spawn ${program}`);
  const vmas = [...t.mm.vmas()];
  const stack = vmas.find((v) => v.name === "[stack]");
  const vdso = vmas.find((v) => v.name === "[vdso]");
  assert.ok(stack && vdso);
  const startBrk = t.mm.brkStart;
  const below = vmas.filter((v) => v.end <= startBrk);
  const bssEnd = below[below.length - 1].end;
  return { t, shape: { stackEnd: stack.end, vdso: vdso.start, startBrk, bssEnd, vmas } };
}

function boot(randomizeVaSpace?: number): Kernel {
  return new Kernel(createNodeHost(null), { memBytes: 64 * 1024 * 1024, rootfs: ROOTFS, randomizeVaSpace });
}

function assertInUserSpace(s: Shape): void {
  for (const v of s.vmas) assert.ok(v.start >= MMAP_MIN_ADDR && v.end <= TASK_SIZE && v.start < v.end, JSON.stringify(v));
}

test("randomisation on: execs get different stack tops, mmap bases and breaks, all in user space", { skip }, () => {
  const k = boot();
  const shapes = [spawnShape(k), spawnShape(k), spawnShape(k)].map((x) => x.shape);
  // Each pair is equal with probability 2^-18 at most: three alike would be a broken source.
  assert.ok(new Set(shapes.map((s) => s.stackEnd)).size > 1, "stack tops differ");
  assert.ok(new Set(shapes.map((s) => s.vdso)).size > 1, "mmap bases (vDSO) differ");
  assert.ok(new Set(shapes.map((s) => s.startBrk)).size > 1, "breaks differ");
  for (const s of shapes) {
    assertInUserSpace(s);
    assert.equal(s.stackEnd % PAGE, 0);
    assert.ok(s.stackEnd <= STACK_TOP && s.stackEnd >= STACK_TOP - STACK_RND_MASK * PAGE);
    assert.equal(s.startBrk % PAGE, 0, "start_brk page-aligned");
    const gap = s.startBrk - s.bssEnd;
    assert.ok(gap >= PAGE && gap < PAGE + BRK_RND_RANGE, `break ${gap} bytes above bss`);
    assert.ok(s.vdso < mmapBaseFor(8 * 1024 * 1024, 0, STACK_RND_MASK) && s.vdso >= TASK_SIZE - 3 * GiB);
  }
});

test("randomize_va_space 0: identical layouts, the classic fixed points, break right after bss", { skip }, () => {
  const k = boot(0);
  const a = spawnShape(k).shape;
  const b = spawnShape(k).shape;
  assert.deepEqual(a, b);
  assert.equal(a.stackEnd, STACK_TOP);
  assert.equal(a.vdso, DEFAULT_MMAP_BASE - PAGE);
  assert.equal(a.startBrk, a.bssEnd);
  assertInUserSpace(a);
});

test("randomize_va_space 1: stack and mmap randomised, the break not", { skip }, () => {
  const k = boot(1);
  const shapes = [spawnShape(k), spawnShape(k), spawnShape(k)].map((x) => x.shape);
  assert.ok(new Set(shapes.map((s) => s.stackEnd)).size > 1);
  for (const s of shapes) assert.equal(s.startBrk, s.bssEnd);
});

test("PF_RANDOMIZE is shown in stat field 9 exactly when the layout was randomised", { skip }, () => {
  const field9 = (k: Kernel, t: Task): number => Number(taskStat(k, t, true, true).split(") ")[1].split(" ")[6]);
  const on = boot();
  const t1 = spawnShape(on).t;
  assert.equal(t1.randomized, true);
  assert.equal(field9(on, t1) & PF_RANDOMIZE, PF_RANDOMIZE);
  const off = boot(0);
  const t0 = spawnShape(off).t;
  assert.equal(field9(off, t0) & PF_RANDOMIZE, 0);
});

test("randomize_va_space accepts one int as proc_dointvec does", () => {
  let v = 2;
  const w = intSysctlWriter((x) => {
    v = x;
  });
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  assert.equal(w(enc("0\n")), 2);
  assert.equal(v, 0);
  assert.equal(w(enc("  1")), 3);
  assert.equal(v, 1);
  assert.equal(w(enc("x")), -EINVAL);
  assert.equal(w(enc("2x")), -EINVAL);
  assert.equal(w(enc("4294967296")), -EINVAL);
  assert.equal(v, 1);
});

const IMAGE = imageDir(DEFAULT_IMAGE_NAME);
const skipImage = readManifest(IMAGE) === undefined ? "the default image is not cached (run `aramid image build`)" : false;

test("a PIE with an interpreter loads at ELF_ET_DYN_BASE plus up to 1 GiB, page-aligned", { skip: skipImage }, () => {
  const pieBase = (k: Kernel): number => {
    const t = k.spawn("/usr/bin/ps", ["ps"], []);
    assert.ok(typeof t !== "number", "spawn ps");
    const first = [...t.mm.vmas()].find((v) => v.name === "/usr/bin/ps");
    assert.ok(first);
    return first.start;
  };
  const boot2 = (r?: number): Kernel => new Kernel(createNodeHost(null), { memBytes: 64 * 1024 * 1024, rootfs: IMAGE, randomizeVaSpace: r });
  const fixed = boot2(0);
  assert.equal(pieBase(fixed), 0x555555555000);
  assert.equal(pieBase(fixed), 0x555555555000);
  const k = boot2();
  const bases = [pieBase(k), pieBase(k), pieBase(k)];
  assert.ok(new Set(bases).size > 1, "PIE bases differ");
  for (const b of bases) {
    assert.equal(b % PAGE, 0);
    assert.ok(b >= 0x555555555000 && b < 0x555555555000 + GiB, b.toString(16));
  }
});
