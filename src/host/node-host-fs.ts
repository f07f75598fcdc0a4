// HostFs over Node's synchronous fs API. Errors come back as -errno.
import * as fs from "node:fs";
import { EIO } from "../kernel/errno.js";
import type { HostStat, WritableHostFs } from "../fs/host-fs.js";
import type { Timestamp } from "../fs/types.js";

function errnoOf(e: unknown): number {
  const n = (e as { errno?: unknown }).errno;
  // Node reports POSIX errors as negative errno values.
  return typeof n === "number" && n < 0 ? n : -EIO;
}

function ts(ns: bigint): Timestamp {
  return { sec: Number(ns / 1000000000n), nsec: Number(ns % 1000000000n) };
}

/** Runs a host call, turning a thrown error into -errno. */
function attempt(fn: () => void): number {
  try {
    fn();
    return 0;
  } catch (e) {
    return errnoOf(e);
  }
}

function seconds(t: Timestamp): number {
  return t.sec + t.nsec / 1e9;
}

export class NodeHostFs implements WritableHostFs {
  lstat(path: string): HostStat | number {
    try {
      const s = fs.lstatSync(path, { bigint: true });
      return {
        dev: Number(s.dev),
        ino: Number(s.ino),
        mode: Number(s.mode),
        nlink: Number(s.nlink),
        uid: Number(s.uid),
        gid: Number(s.gid),
        rdev: Number(s.rdev),
        size: Number(s.size),
        blocks: Number(s.blocks),
        atime: ts(s.atimeNs),
        mtime: ts(s.mtimeNs),
        ctime: ts(s.ctimeNs),
      };
    } catch (e) {
      return errnoOf(e);
    }
  }

  readdir(path: string): string[] | number {
    try {
      return fs.readdirSync(path);
    } catch (e) {
      return errnoOf(e);
    }
  }

  readlink(path: string): string | number {
    try {
      return fs.readlinkSync(path);
    } catch (e) {
      return errnoOf(e);
    }
  }

  open(path: string): number {
    try {
      return fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    } catch (e) {
      return errnoOf(e);
    }
  }

  read(handle: number, dest: Uint8Array, position: number): number {
    try {
      return fs.readSync(handle, dest, 0, dest.length, position);
    } catch (e) {
      return errnoOf(e);
    }
  }

  close(handle: number): void {
    try {
      fs.closeSync(handle);
    } catch {
      // Closing a host handle cannot fail in a way the guest could act on.
    }
  }

  openWrite(path: string): number {
    try {
      return fs.openSync(path, fs.constants.O_WRONLY | fs.constants.O_NOFOLLOW);
    } catch (e) {
      return errnoOf(e);
    }
  }

  write(handle: number, src: Uint8Array, position: number): number {
    try {
      return fs.writeSync(handle, src, 0, src.length, position);
    } catch (e) {
      return errnoOf(e);
    }
  }

  createFile(path: string, mode: number): number {
    return attempt(() => fs.closeSync(fs.openSync(path, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, mode)));
  }

  mkdir(path: string, mode: number): number {
    return attempt(() => fs.mkdirSync(path, { mode }));
  }

  symlink(target: string, path: string): number {
    return attempt(() => fs.symlinkSync(target, path));
  }

  link(existing: string, path: string): number {
    return attempt(() => fs.linkSync(existing, path));
  }

  unlink(path: string): number {
    return attempt(() => fs.unlinkSync(path));
  }

  rmdir(path: string): number {
    return attempt(() => fs.rmdirSync(path));
  }

  rename(from: string, to: string): number {
    return attempt(() => fs.renameSync(from, to));
  }

  truncate(path: string, size: number): number {
    return attempt(() => fs.truncateSync(path, size));
  }

  chmod(path: string, mode: number): number {
    return attempt(() => fs.chmodSync(path, mode));
  }

  utimes(path: string, atime: Timestamp, mtime: Timestamp): number {
    return attempt(() => fs.lutimesSync(path, seconds(atime), seconds(mtime)));
  }
}
