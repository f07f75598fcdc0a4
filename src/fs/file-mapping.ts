// Adapts an inode to the memory manager's FileBacking, so mmap and the ELF
// loader can map files without the mm knowing about the VFS. The inode keeps
// its MAP_SHARED page object (Inode.mapped) while any mapping exists.
import type { FileBacking } from "../mm/file-backing.js";
import type { Inode } from "./inode.js";

export function inodeBacking(inode: Inode, path: string, writable: boolean): FileBacking {
  const st = inode.stat();
  return {
    readAt: (offset: number, dest: Uint8Array): number => {
      // A private fault must see stores made through shared mappings.
      inode.mapped?.writeBackRange(offset, dest.length);
      const n = inode.readAt(offset, dest);
      return n < 0 ? 0 : n;
    },
    writeBack: (offset: number, src: Uint8Array): void => {
      inode.writeAt(offset, src);
    },
    size: (): number => inode.stat().size,
    sharedPages: (make) => (inode.mapped ??= make()),
    dropSharedPages: (obj) => {
      if (inode.mapped === obj) inode.mapped = null;
    },
    writable,
    dev: st.dev,
    ino: st.ino,
    path,
  };
}
