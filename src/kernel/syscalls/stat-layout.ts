// struct stat (128 bytes) and struct statx (256 bytes) as riscv64 lays them
// out (RISCV-ABI.md §3.1).
import { devMajor, devMinor, type Stat } from "../../fs/types.js";

export const STAT_SIZE = 128;
export const STATX_SIZE = 256;
export const STATX_BASIC_STATS = 0x7ff;

export function encodeStat(s: Stat): Uint8Array {
  const b = new Uint8Array(STAT_SIZE);
  const v = new DataView(b.buffer);
  v.setBigUint64(0, BigInt(s.dev), true);
  v.setBigUint64(8, BigInt(s.ino), true);
  v.setUint32(16, s.mode, true);
  v.setUint32(20, s.nlink, true);
  v.setUint32(24, s.uid, true);
  v.setUint32(28, s.gid, true);
  v.setBigUint64(32, BigInt(s.rdev), true);
  v.setBigInt64(48, BigInt(s.size), true);
  v.setInt32(56, s.blksize, true);
  v.setBigInt64(64, BigInt(s.blocks), true);
  v.setBigInt64(72, BigInt(s.atime.sec), true);
  v.setBigUint64(80, BigInt(s.atime.nsec), true);
  v.setBigInt64(88, BigInt(s.mtime.sec), true);
  v.setBigUint64(96, BigInt(s.mtime.nsec), true);
  v.setBigInt64(104, BigInt(s.ctime.sec), true);
  v.setBigUint64(112, BigInt(s.ctime.nsec), true);
  return b;
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
