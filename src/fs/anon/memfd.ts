// memfd_create's files (mm/memfd.c): tmpfs files that have no name in any
// directory, living on the kernel's internal tmpfs (shm_mnt). With
// MFD_ALLOW_SEALING they take seals (F_ADD_SEALS) that forbid shrinking,
// growing or writing from then on; without it they start sealed with
// F_SEAL_SEAL, so no seal can ever be added.
import { EINVAL, EPERM } from "../../kernel/errno.js";
import type { Task } from "../../kernel/task.js";
import type { Blocked } from "../../kernel/wait.js";
import { Dentry } from "../dentry.js";
import { InodeFile, type OpenFile } from "../open-file.js";
import { TmpfsFs } from "../tmpfs/tmpfs-fs.js";
import { TmpfsFile } from "../tmpfs/tmpfs-inode.js";

export const F_ADD_SEALS = 1033;
export const F_GET_SEALS = 1034;
export const F_SEAL_SEAL = 0x1;
export const F_SEAL_SHRINK = 0x2;
export const F_SEAL_GROW = 0x4;
export const F_SEAL_WRITE = 0x8;
export const F_SEAL_FUTURE_WRITE = 0x10;
export const F_SEAL_EXEC = 0x20;
const ALL_SEALS = F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_FUTURE_WRITE | F_SEAL_EXEC;

/** The kernel-internal tmpfs every memfd lives on (created on first use). */
let shmMount: TmpfsFs | null = null;

/** A memfd's inode: a tmpfs file that refuses what its seals forbid. */
export class MemfdInode extends TmpfsFile {
  seals: number;

  constructor(sb: TmpfsFs, owner: { uid: number; gid: number }, sealable: boolean) {
    super(sb, 0o777, owner);
    this.seals = sealable ? 0 : F_SEAL_SEAL;
  }

  override writeAt(offset: number, src: Uint8Array): number {
    if ((this.seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE)) !== 0) return -EPERM;
    if ((this.seals & F_SEAL_GROW) !== 0 && offset + src.length > this.stat().size) return -EPERM;
    return super.writeAt(offset, src);
  }

  protected override resize(size: number): number {
    const cur = this.stat().size;
    if (size < cur && (this.seals & F_SEAL_SHRINK) !== 0) return -EPERM;
    if (size > cur && (this.seals & F_SEAL_GROW) !== 0) return -EPERM;
    return super.resize(size);
  }

  override allocate(offset: number, len: number, keepSize: boolean): number {
    if ((this.seals & F_SEAL_GROW) !== 0 && !keepSize && offset + len > this.stat().size) return -EPERM;
    return super.allocate(offset, len, keepSize);
  }
}

/** An open memfd: a regular file description that also answers the seal fcntls. */
export class MemfdFile extends InodeFile {
  constructor(
    private readonly memfd: MemfdInode,
    flags: number,
  ) {
    super(memfd, flags);
  }

  override fcntl(t: Task, cmd: number, arg: number): number | Blocked | null {
    if (cmd === F_GET_SEALS) return this.memfd.seals;
    if (cmd === F_ADD_SEALS) return this.addSeals(arg >>> 0);
    return super.fcntl(t, cmd, arg);
  }

  /** memfd_add_seals. Writable shared mappings are not tracked, so F_SEAL_WRITE never reports EBUSY. */
  private addSeals(seals: number): number {
    if (!this.writable) return -EPERM;
    if ((seals & ~ALL_SEALS) !== 0) return -EINVAL;
    if ((this.memfd.seals & F_SEAL_SEAL) !== 0) return -EPERM;
    this.memfd.seals |= seals;
    return 0;
  }
}

/**
 * A new memfd open for reading and writing. Its dentry has no parent, so
 * /proc/PID/fd and /proc/PID/maps name it "/memfd:NAME (deleted)" as Linux does.
 */
export function createMemfd(name: string, owner: { uid: number; gid: number }, sealable: boolean, flags: number): OpenFile {
  shmMount ??= new TmpfsFs({ type: "tmpfs" });
  const inode = new MemfdInode(shmMount, owner, sealable);
  const file = new MemfdFile(inode, flags);
  file.dentry = new Dentry(`memfd:${name} (deleted)`, null, inode);
  return file;
}
