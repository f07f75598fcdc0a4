// Adapts an inode to the memory manager's FileBacking, so mmap and the ELF
// loader can map files without the mm knowing about the VFS.
import type { FileBacking } from "../mm/file-backing.js";
import type { Inode } from "./inode.js";

export function inodeBacking(inode: Inode, path: string, writable: boolean): FileBacking {
  const st = inode.stat();
  return {
    readAt: (offset: number, dest: Uint8Array): number => {
      const n = inode.readAt(offset, dest);
      return n < 0 ? 0 : n;
    },
    size: (): number => inode.stat().size,
    writable,
    dev: st.dev,
    ino: st.ino,
    path,
  };
}
