// execve's loader (Linux fs/binfmt_elf.c and fs/binfmt_script.c): builds a
// fresh address space with the program, its interpreter, and the initial
// stack holding argv, envp and the auxiliary vector (RISCV-ABI.md §5).
// Nothing of the caller is touched until the whole image is built, so a
// failure returns an errno and the old program goes on.
import { E2BIG, EACCES, ELOOP, ENOEXEC, ENOMEM } from "../kernel/errno.js";
import type { Dentry } from "../fs/dentry.js";
import { inodeBacking } from "../fs/file-mapping.js";
import type { Inode } from "../fs/inode.js";
import { AddressSpace } from "../mm/address-space.js";
import type { FrameAllocator } from "../mm/frames.js";
import * as AT from "./auxv.js";
import { vdsoImage } from "../kernel/vdso/vdso-image.js";
import { DEFAULT_STACK_LIMIT, mmapBaseFor } from "../mm/vm-layout.js";
import { LayoutRandom, STACK_RND_MASK, type AslrMode } from "./aslr.js";
import { ELF_ET_DYN_BASE, STACK_EXPAND, STACK_TOP } from "./layout.js";
import { ET_DYN, parseElf, PF_R, PF_W, PF_X, PT_LOAD, PT_PHDR, type ElfImage } from "./elf.js";

const PAGE = 4096;
const PROT_READ = 1;
const PROT_WRITE = 2;
const PROT_EXEC = 4;
const MAP_PRIVATE = 0x02;
const MAP_FIXED = 0x10;
const MAP_ANONYMOUS = 0x20;
const MAP_GROWSDOWN = 0x0100;
/** fs/exec.c: the longest single argument or environment string. */
export const MAX_ARG_STRLEN = 32 * PAGE;
/** How deep #! interpreters may nest before ELOOP (fs/exec.c: 5 rewrites). */
const MAX_SCRIPT_DEPTH = 4;
const BINPRM_BUF_SIZE = 256;

const pageDown = (x: number): number => x - (x % PAGE);
const pageUp = (x: number): number => pageDown(x + PAGE - 1);

export interface ExecRequest {
  /** The program as resolved by the caller, and the path it was named by. */
  file: Dentry;
  filename: string;
  argv: Uint8Array[];
  envp: Uint8Array[];
  creds: { uid: number; euid: number; gid: number; egid: number };
  frames: FrameAllocator;
  /** Resolves an interpreter path (PT_INTERP or #!) in the caller's root. */
  lookup: (path: string) => Dentry | number;
  /** Fills a buffer with random bytes (AT_RANDOM, layout randomisation). */
  random: (dest: Uint8Array) => void;
  /** What this exec randomises (PF_RANDOMIZE and randomize_va_space, decided by the caller). */
  aslr: AslrMode;
  /** RLIMIT_STACK, for the argument-size limit. */
  stackLimit: number;
}

/** Where exec put things, as mm_struct records them (shown in /proc/PID/stat). */
export interface ImageLayout {
  vdso: number;
  startCode: number;
  endCode: number;
  startData: number;
  endData: number;
  startBrk: number;
  startStack: number;
  argStart: number;
  argEnd: number;
  envStart: number;
  envEnd: number;
  /** The auxiliary vector as written on the stack (/proc/PID/auxv). */
  auxv: Uint8Array;
}

export interface ExecImage {
  mm: AddressSpace;
  pc: number;
  sp: number;
  /** The executable that was finally loaded (the interpreter of a script): /proc/PID/exe. */
  exe: Dentry;
  argv: Uint8Array[];
  layout: ImageLayout;
}

export function exec(req: ExecRequest): ExecImage | number {
  let file = req.file;
  let argv = req.argv;
  for (let depth = 0; ; depth++) {
    const head = readHead(file.inode);
    if (typeof head === "number") return head;
    if (head[0] !== 0x23 || head[1] !== 0x21) return loadElf(req, file, argv);
    if (depth >= MAX_SCRIPT_DEPTH) return -ELOOP;
    const script = parseShebang(head);
    if (typeof script === "number") return script;
    const interp = req.lookup(script.interp);
    if (typeof interp === "number") return interp;
    // argv becomes: interpreter, its optional argument, the script's path, then argv[1..].
    const enc = new TextEncoder();
    const extra = script.arg === null ? [] : [enc.encode(script.arg)];
    argv = [enc.encode(script.interp), ...extra, enc.encode(req.filename), ...argv.slice(1)];
    file = interp;
  }
}

export function checkExecutable(inode: Inode): number {
  const st = inode.stat();
  if (!inode.isRegular()) return -EACCES;
  // Root may execute a file when any execute bit is set (generic_permission).
  if ((st.mode & 0o111) === 0) return -EACCES;
  return 0;
}

function readHead(inode: Inode): Uint8Array | number {
  const err = checkExecutable(inode);
  if (err < 0) return err;
  const buf = new Uint8Array(BINPRM_BUF_SIZE);
  const n = inode.readAt(0, buf);
  if (n < 0) return n;
  return buf.subarray(0, n);
}

function parseShebang(head: Uint8Array): { interp: string; arg: string | null } | number {
  let end = head.indexOf(0x0a);
  if (end < 0) end = head.length;
  const line = new TextDecoder().decode(head.subarray(2, end)).replace(/^[ \t]+|[ \t]+$/g, "");
  if (line.length === 0) return -ENOEXEC;
  const m = /^(\S+)(?:[ \t]+(.*))?$/.exec(line);
  if (!m) return -ENOEXEC;
  return { interp: m[1], arg: m[2] ?? null };
}

function readerFor(inode: Inode) {
  return (offset: number, length: number): Uint8Array | number => {
    const buf = new Uint8Array(length);
    const n = inode.readAt(offset, buf);
    return n < 0 ? n : buf.subarray(0, n);
  };
}

interface Loaded {
  bias: number;
  entry: number;
  /** First page past the highest segment (the program break starts here). */
  end: number;
  phdrAddr: number;
  /** load_elf_binary's start_code/end_code (executable segments) and start_data/end_data. */
  startCode: number;
  endCode: number;
  startData: number;
  endData: number;
}

function loadElf(req: ExecRequest, file: Dentry, argv: Uint8Array[]): ExecImage | number {
  const elf = parseElf(readerFor(file.inode));
  if (typeof elf === "number") return elf;
  let interpFile: Dentry | null = null;
  let interpElf: ElfImage | null = null;
  if (elf.interp !== null) {
    const d = req.lookup(elf.interp);
    if (typeof d === "number") return d;
    const err = checkExecutable(d.inode);
    if (err < 0) return err;
    const ie = parseElf(readerFor(d.inode));
    if (typeof ie === "number") return ie;
    // An interpreter that wants an interpreter of its own is not loadable.
    if (ie.interp !== null) return -ENOEXEC;
    interpFile = d;
    interpElf = ie;
  }
  const rnd = new LayoutRandom(req.aslr, req.random);
  // arch_pick_mmap_layout. An unlimited stack would select Linux's legacy bottom-up layout,
  // which Aramid does not model: it keeps the default top-down one.
  const stack = Number.isFinite(req.stackLimit) ? req.stackLimit : DEFAULT_STACK_LIMIT;
  const mm = new AddressSpace(req.frames, { mmapBase: mmapBaseFor(stack, rnd.mmapRnd(), req.aslr.layout ? STACK_RND_MASK : 0) });
  const built = buildImage(req, mm, rnd, file, elf, interpFile, interpElf, argv);
  if (typeof built === "number") mm.destroy();
  return built;
}

function buildImage(
  req: ExecRequest, mm: AddressSpace, rnd: LayoutRandom, file: Dentry, elf: ElfImage,
  interpFile: Dentry | null, interpElf: ElfImage | null, argv: Uint8Array[],
): ExecImage | number {
  const main = mapSegments(mm, file, elf, mainBias(elf, rnd));
  if (typeof main === "number") return main;
  const startBrk = brkStart(req, rnd, elf, main.end);
  mm.setBrkStart(startBrk);
  let entry = main.entry;
  let interpBase = 0;
  if (interpFile && interpElf) {
    const li = mapSegments(mm, interpFile, interpElf, { topDownAlign: 0 });
    if (typeof li === "number") return li;
    entry = li.entry;
    interpBase = li.bias + lowestVaddr(interpElf);
  }
  const vdso = mm.mapSpecial(0, vdsoImage(), PROT_READ | PROT_EXEC, "[vdso]");
  if (vdso < 0) return vdso;
  const auxv: [number, number][] = [
    [AT.AT_SYSINFO_EHDR, vdso], [AT.AT_L1I_CACHESIZE, 0], [AT.AT_L1I_CACHEGEOMETRY, 0], [AT.AT_L1D_CACHESIZE, 0],
    [AT.AT_L1D_CACHEGEOMETRY, 0], [AT.AT_L2_CACHESIZE, 0], [AT.AT_L2_CACHEGEOMETRY, 0],
    [AT.AT_L3_CACHESIZE, 0], [AT.AT_L3_CACHEGEOMETRY, 0], [AT.AT_MINSIGSTKSZ, AT.MINSIGSTKSZ],
    [AT.AT_HWCAP, AT.HWCAP_RV64GC], [AT.AT_PAGESZ, PAGE], [AT.AT_CLKTCK, AT.USER_HZ],
    [AT.AT_PHDR, main.phdrAddr], [AT.AT_PHENT, 56], [AT.AT_PHNUM, elf.phnum], [AT.AT_BASE, interpBase],
    [AT.AT_FLAGS, 0], [AT.AT_ENTRY, main.entry], [AT.AT_UID, req.creds.uid], [AT.AT_EUID, req.creds.euid],
    [AT.AT_GID, req.creds.gid], [AT.AT_EGID, req.creds.egid], [AT.AT_SECURE, 0],
  ];
  const stack = buildStack(req, mm, rnd, argv, auxv);
  if (typeof stack === "number") return stack;
  // mm->start_stack: names the [stack] area in /proc/PID/maps.
  mm.startStack = stack.sp;
  const layout: ImageLayout = {
    vdso, startCode: main.startCode, endCode: main.endCode, startData: main.startData, endData: main.endData,
    startBrk, startStack: stack.sp, ...stack.ranges,
  };
  return { mm, pc: entry, sp: stack.sp, exe: file, argv, layout };
}

function lowestVaddr(elf: ElfImage): number {
  return pageDown(Math.min(...elf.phdrs.filter((p) => p.type === PT_LOAD).map((p) => p.vaddr)));
}

function protOf(flags: number): number {
  return ((flags & PF_R) !== 0 ? PROT_READ : 0) | ((flags & PF_W) !== 0 ? PROT_WRITE : 0) |
    ((flags & PF_X) !== 0 ? PROT_EXEC : 0);
}

/**
 * Where an image's segments go (load_elf_binary): an ET_EXEC where it says;
 * a PIE with an interpreter at ELF_ET_DYN_BASE plus the mmap randomisation;
 * an ET_DYN without one (a static PIE, ld.so run directly) wherever a
 * top-down mmap of its span lands, which the mmap base randomises.
 */
type Placement = { bias: number } | { topDownAlign: number };

function mainBias(elf: ElfImage, rnd: LayoutRandom): Placement {
  if (elf.type !== ET_DYN) return { bias: 0 };
  const align = maximumAlignment(elf);
  if (elf.interp === null) return { topDownAlign: align > PAGE ? align : 0 };
  let base = ELF_ET_DYN_BASE + rnd.mmapRnd();
  if (align > 0) base -= base % align;
  return { bias: pageDown(base - firstLoad(elf).vaddr) };
}

/** maximum_alignment: the largest power-of-two p_align of the PT_LOADs, at least a page (0 when none is). */
function maximumAlignment(elf: ElfImage): number {
  let align = 0;
  for (const p of elf.phdrs) {
    if (p.type !== PT_LOAD || p.align <= 0 || !Number.isSafeInteger(p.align)) continue;
    if (2 ** Math.round(Math.log2(p.align)) === p.align) align = Math.max(align, p.align);
  }
  return pageUp(align);
}

function firstLoad(elf: ElfImage): ElfImage["phdrs"][number] {
  return elf.phdrs.find((p) => p.type === PT_LOAD) ?? elf.phdrs[0];
}

/**
 * mm->start_brk (load_elf_binary): the page after bss; a static PIE's break
 * moves to ELF_ET_DYN_BASE, away from the mmap area it was loaded in. With
 * randomize_va_space >= 2 the break is randomised (arch_randomize_brk), a
 * page above bss at least, so the heap never merges with the bss mapping.
 */
function brkStart(req: ExecRequest, rnd: LayoutRandom, elf: ElfImage, end: number): number {
  const staticPie = elf.type === ET_DYN && elf.interp === null;
  let start = staticPie ? pageUp(ELF_ET_DYN_BASE) : pageUp(end);
  if (!req.aslr.brk) return start;
  if (!staticPie) start += PAGE;
  return rnd.randomizeBrk(start);
}

/** Maps every PT_LOAD at the placement chosen for it. */
function mapSegments(mm: AddressSpace, file: Dentry, elf: ElfImage, place: Placement): Loaded | number {
  const loads = elf.phdrs.filter((p) => p.type === PT_LOAD);
  if (loads.length === 0) return -ENOEXEC;
  const lo = lowestVaddr(elf);
  const hi = pageUp(Math.max(...loads.map((p) => p.vaddr + p.memsz)));
  let bias = 0;
  if ("bias" in place) {
    bias = place.bias;
  } else if (elf.type === ET_DYN) {
    // Reserve the whole span top-down, then place the segments inside it.
    let at = mm.mmap(0, hi - lo, 0, MAP_PRIVATE | MAP_ANONYMOUS, null, 0);
    if (at < 0) return at;
    mm.munmap(at, hi - lo);
    if (place.topDownAlign > 0) at -= at % place.topDownAlign;
    bias = at - lo;
  }
  const backing = inodeBacking(file.inode, file.pathFrom(rootOf(file)), false);
  for (const p of loads) {
    const err = mapSegment(mm, backing, p.vaddr + bias, p.offset, p.filesz, p.memsz, protOf(p.flags));
    if (err < 0) return err;
  }
  return { bias, entry: elf.entry + bias, end: hi + bias, phdrAddr: phdrAddress(elf, bias), ...segmentBounds(loads, bias) };
}

/** start_code is the lowest executable segment, end_code the end of its file part; data likewise over all. */
function segmentBounds(loads: { flags: number; vaddr: number; filesz: number }[], bias: number) {
  let startCode = Infinity;
  let endCode = 0;
  let startData = 0;
  let endData = 0;
  for (const p of loads) {
    const fileEnd = p.vaddr + p.filesz;
    if ((p.flags & PF_X) !== 0) {
      startCode = Math.min(startCode, p.vaddr);
      endCode = Math.max(endCode, fileEnd);
    }
    startData = Math.max(startData, p.vaddr);
    endData = Math.max(endData, fileEnd);
  }
  if (startCode === Infinity) startCode = 0;
  return { startCode: startCode + bias, endCode: endCode + bias, startData: startData + bias, endData: endData + bias };
}

function rootOf(d: Dentry): Dentry {
  let r = d;
  while (r.parent) r = r.parent;
  return r;
}

function mapSegment(
  mm: AddressSpace, backing: ReturnType<typeof inodeBacking>, vaddr: number, offset: number,
  filesz: number, memsz: number, prot: number,
): number {
  const start = pageDown(vaddr);
  const fileEnd = vaddr + filesz;
  if (filesz > 0) {
    const r = mm.mmap(start, pageUp(fileEnd) - start, prot, MAP_PRIVATE | MAP_FIXED, backing, offset - (vaddr - start));
    if (r < 0) return r;
    // The file's bytes after p_filesz in the last page belong to bss: zero them (padzero).
    const tail = pageUp(fileEnd) - fileEnd;
    if (memsz > filesz && tail > 0 && mm.writeForce(fileEnd, new Uint8Array(tail)) < 0) return -ENOMEM;
  }
  const anonStart = filesz > 0 ? pageUp(fileEnd) : start;
  const anonEnd = pageUp(vaddr + memsz);
  if (anonEnd > anonStart) {
    const r = mm.mmap(anonStart, anonEnd - anonStart, prot, MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, null, 0);
    if (r < 0) return r;
  }
  return 0;
}

/** AT_PHDR: PT_PHDR's address, or where the loaded segment holding e_phoff puts the table. */
function phdrAddress(elf: ElfImage, bias: number): number {
  const ph = elf.phdrs.find((p) => p.type === PT_PHDR);
  if (ph) return ph.vaddr + bias;
  for (const p of elf.phdrs) {
    if (p.type === PT_LOAD && elf.phoff >= p.offset && elf.phoff < p.offset + p.filesz) {
      return elf.phoff - p.offset + p.vaddr + bias;
    }
  }
  return 0;
}

function withNul(s: Uint8Array): number {
  return s.length + 1;
}

interface StackResult {
  sp: number;
  ranges: { argStart: number; argEnd: number; envStart: number; envEnd: number; auxv: Uint8Array };
}

/** Lays out the initial stack exactly as RISCV-ABI.md §5.2 draws it; returns sp and where argv/envp went. */
function buildStack(
  req: ExecRequest, mm: AddressSpace, rnd: LayoutRandom, argv: Uint8Array[], auxv: [number, number][],
): StackResult | number {
  const execfn = new TextEncoder().encode(req.filename);
  const strings = [...argv, ...req.envp];
  for (const s of strings) if (withNul(s) > MAX_ARG_STRLEN) return -E2BIG;
  const stringBytes = strings.reduce((n, s) => n + withNul(s), 0);
  // fs/exec.c bprm_stack_limits: strings plus pointers within max(min(6 MiB, stack/4), 128 KiB).
  const limit = Math.max(Math.min(6 * 1024 * 1024, req.stackLimit / 4), 128 * 1024);
  if (stringBytes + 8 * (strings.length + 2) > limit) return -E2BIG;

  // setup_arg_pages(randomize_stack_top(STACK_TOP)): the strings end one word below the top.
  const top = rnd.stackTop(STACK_TOP);
  let p = top - 8;
  p -= withNul(execfn);
  const execfnAddr = p;
  p -= stringBytes;
  const stringsAddr = p;
  p = rnd.alignStack(p);
  p -= 16;
  const randomAddr = p;
  const fullAuxv = [...auxv, [AT.AT_RANDOM, randomAddr], [AT.AT_EXECFN, execfnAddr], [AT.AT_NULL, 0]];
  const items = argv.length + 1 + req.envp.length + 1 + 1;
  const sp = Math.floor((p - items * 8 - fullAuxv.length * 16) / 16) * 16;

  const base = pageDown(sp) - STACK_EXPAND;
  const r = mm.mmap(base, top - base, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_GROWSDOWN, null, 0);
  if (r < 0) return r;

  const img = new Uint8Array(top - sp);
  const view = new DataView(img.buffer);
  const put64 = (addr: number, v: number): void => view.setBigUint64(addr - sp, BigInt(v), true);
  img.set(execfn, execfnAddr - sp);
  const ptrs: number[] = [];
  let at = stringsAddr;
  for (const s of strings) {
    ptrs.push(at);
    img.set(s, at - sp);
    at += withNul(s);
  }
  const atRandom = new Uint8Array(16);
  req.random(atRandom);
  img.set(atRandom, randomAddr - sp);
  let w = sp;
  put64(w, argv.length);
  w += 8;
  for (let i = 0; i < argv.length; i++, w += 8) put64(w, ptrs[i]);
  w += 8; // argv NULL
  for (let i = 0; i < req.envp.length; i++, w += 8) put64(w, ptrs[argv.length + i]);
  w += 8; // envp NULL
  for (const [k, v] of fullAuxv) {
    put64(w, k);
    put64(w + 8, v);
    w += 16;
  }
  if (mm.write(sp, img) < 0) return -ENOMEM;
  const argBytes = argv.reduce((n, a) => n + withNul(a), 0);
  const envStart = stringsAddr + argBytes;
  const auxvAt = 8 * items; // after argc, argv[] + NULL and envp[] + NULL
  const auxvBytes = img.slice(auxvAt, auxvAt + fullAuxv.length * 16);
  return { sp, ranges: { argStart: stringsAddr, argEnd: envStart, envStart, envEnd: stringsAddr + stringBytes, auxv: auxvBytes } };
}
