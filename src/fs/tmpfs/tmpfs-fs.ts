// A tmpfs instance (the shmem superblock): its root directory, inode numbers,
// and the size and inode limits from the mount options (size=, nr_inodes=,
// mode=, uid=, gid=). Default size is half of RAM in Linux; Aramid uses a
// fixed default since guest RAM is not the limit on host memory.
import { EINVAL } from "../../kernel/errno.js";
import { allocAnonDev, parseMountData, registerFilesystem, type FileSystem } from "../filesystem.js";
import { memoryStatFs, TMPFS_MAGIC, type StatFs } from "../statfs.js";
import { TmpfsDir } from "./tmpfs-dir.js";
import type { TmpfsSuper } from "./tmpfs-inode.js";

const DEFAULT_PAGES = 262144; // 1 GiB
const DEFAULT_INODES = 262144;

export interface TmpfsOptions {
  mode?: number;
  uid?: number;
  gid?: number;
  pages?: number;
  inodes?: number;
  type?: string;
}

export class TmpfsFs implements FileSystem, TmpfsSuper {
  readonly dev = allocAnonDev();
  readonly type: string;
  readonly root: TmpfsDir;
  private nextIno = 1;
  private pagesUsed = 0;
  private inodesUsed = 0;
  private maxPages: number;
  private maxInodes: number;

  constructor(opts: TmpfsOptions = {}) {
    this.type = opts.type ?? "tmpfs";
    this.maxPages = opts.pages ?? DEFAULT_PAGES;
    this.maxInodes = opts.inodes ?? DEFAULT_INODES;
    this.root = new TmpfsDir(this, opts.mode ?? 0o1777, { uid: opts.uid ?? 0, gid: opts.gid ?? 0 }, null);
  }

  allocIno(): number {
    this.inodesUsed++;
    return this.nextIno++;
  }
  inodeGone(): void {
    this.inodesUsed--;
  }
  charge(pages: number): boolean {
    if (pages > 0 && this.pagesUsed + pages > this.maxPages) return false;
    this.pagesUsed += pages;
    return true;
  }

  statfs(): StatFs {
    return memoryStatFs(TMPFS_MAGIC, this.maxPages, this.pagesUsed, this.maxInodes, this.inodesUsed, this.dev);
  }

  superOptions(): string {
    const r = this.root;
    let s = `rw,size=${this.maxPages * 4}k,nr_inodes=${this.maxInodes},mode=${(r.mode & 0o7777).toString(8).padStart(3, "0")}`;
    if (r.uid !== 0) s += `,uid=${r.uid}`;
    if (r.gid !== 0) s += `,gid=${r.gid}`;
    return s;
  }

  remount(data: string): number {
    const o = parseTmpfsData(data);
    if (typeof o === "number") return o;
    if (o.pages !== undefined) this.maxPages = o.pages;
    if (o.inodes !== undefined) this.maxInodes = o.inodes;
    return 0;
  }
}

/** Options accepted and ignored: they tune memory policy, not behaviour. */
const FLAG_OPTIONS = new Set(["huge", "mpol", "inode64", "inode32", "noswap", "rw", "ro", "nosuid", "nodev", "noexec", "relatime", "strictatime", "noatime"]);

/** Parses tmpfs mount data; unknown options are EINVAL as in shmem_parse_one. */
export function parseTmpfsData(data: string): TmpfsOptions | number {
  const o: TmpfsOptions = {};
  for (const [k, v] of parseMountData(data)) {
    if (FLAG_OPTIONS.has(k)) continue;
    const n = k === "mode" ? parseInt(v, 8) : parseSize(v);
    if (Number.isNaN(n)) return -EINVAL;
    if (k === "mode") o.mode = n & 0o7777;
    else if (k === "uid") o.uid = n;
    else if (k === "gid") o.gid = n;
    else if (k === "size") o.pages = Math.ceil(n / 4096);
    else if (k === "nr_blocks") o.pages = n;
    else if (k === "nr_inodes") o.inodes = n;
    else return -EINVAL;
  }
  return o;
}

/** memparse: a number with an optional k/m/g suffix (size=50% is taken as half of the default). */
function parseSize(v: string): number {
  const m = /^(\d+)([kmgtKMGT%]?)$/.exec(v);
  if (!m) return NaN;
  const n = Number(m[1]);
  const unit = m[2].toLowerCase();
  if (unit === "%") return Math.floor((DEFAULT_PAGES * 2 * 4096 * n) / 100);
  const shift = { "": 0, k: 10, m: 20, g: 30, t: 40 }[unit] ?? 0;
  return n * 2 ** shift;
}

registerFilesystem("tmpfs", (_source, _flags, data) => {
  const o = parseTmpfsData(data);
  return typeof o === "number" ? o : new TmpfsFs(o);
});
