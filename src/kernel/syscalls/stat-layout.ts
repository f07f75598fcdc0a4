// struct stat (128 bytes) and struct statx (256 bytes) as riscv64 lays them
// out (RISCV-ABI.md §3.1).
import { devMajor, devMinor, type Stat } from "../../fs/types.js";

export const STAT_SIZE = 128;
export const STATX_SIZE = 256;
export const STATX_BASIC_STATS = 0x7ff;

// One scratch buffer for struct stat: the syscall copies it out at once, so
// fstat/newfstatat allocate nothing (they are among the most frequent calls).
const statBuf = new Uint8Array(STAT_SIZE);
const statView = new DataView(statBuf.buffer);
const TWO_32 = 2 ** 32;

/** A 64-bit field from a safe integer, as two 32-bit halves (no BigInt on the hot path). */
function set64(v: DataView, at: number, n: number): void {
  const hi = Math.floor(n / TWO_32);
  v.setUint32(at, n - hi * TWO_32, true);
  v.setInt32(at + 4, hi, true);
}

/** struct stat for `s`, in a scratch buffer valid until the next call (copy it out at once). */
export function encodeStat(s: Stat): Uint8Array {
  const v = statView;
  statBuf.fill(0);
  set64(v, 0, s.dev);
  set64(v, 8, s.ino);
  v.setUint32(16, s.mode, true);
  v.setUint32(20, s.nlink, true);
  v.setUint32(24, s.uid, true);
  v.setUint32(28, s.gid, true);
  set64(v, 32, s.rdev);
  set64(v, 48, s.size);
  v.setInt32(56, s.blksize, true);
  set64(v, 64, s.blocks);
  set64(v, 72, s.atime.sec);
  set64(v, 80, s.atime.nsec);
  set64(v, 88, s.mtime.sec);
  set64(v, 96, s.mtime.nsec);
  set64(v, 104, s.ctime.sec);
  set64(v, 112, s.ctime.nsec);
  return statBuf;
}

export function encodeStatx(s: Stat, mntId: number): Uint8Array {
  const b = new Uint8Array(STATX_SIZE);
  const v = new DataView(b.buffer);
  v.setUint32(0, STATX_BASIC_STATS, true);
  v.setUint32(4, s.blksize, true);
  v.setUint32(16, s.nlink, true);
  v.setUint32(20, s.uid, true);
  v.setUint32(24, s.gid, true);
  v.setUint16(28, s.mode, true);
  v.setBigUint64(32, BigInt(s.ino), true);
  v.setBigUint64(40, BigInt(s.size), true);
  v.setBigUint64(48, BigInt(s.blocks), true);
  const ts = (at: number, t: { sec: number; nsec: number }): void => {
    v.setBigInt64(at, BigInt(t.sec), true);
    v.setUint32(at + 8, t.nsec, true);
  };
  ts(64, s.atime);
  ts(96, s.ctime);
  ts(112, s.mtime);
  v.setUint32(128, devMajor(s.rdev), true);
  v.setUint32(132, devMinor(s.rdev), true);
  v.setUint32(136, devMajor(s.dev), true);
  v.setUint32(140, devMinor(s.dev), true);
  v.setBigUint64(144, BigInt(mntId), true);
  return b;
}
