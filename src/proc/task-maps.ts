// /proc/PID/maps (fs/proc/task_mmu.c show_map_vma): one line per area,
// `START-END PERMS OFFSET MAJ:MIN INODE`, the name (if any) starting at
// column 73; unnamed lines end with a space.
import { devMajor, devMinor } from "../fs/types.js";
import type { Task } from "../kernel/task.js";
import { VM_EXEC, VM_READ, VM_WRITE } from "../mm/vm-flags.js";

const NAME_COLUMN = 73;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

export function taskMaps(t: Task): string {
  if (!t.alive && t.group.zombie) return "";
  let out = "";
  for (const v of t.mm.vmas()) {
    const perms = ((v.flags & VM_READ) !== 0 ? "r" : "-") + ((v.flags & VM_WRITE) !== 0 ? "w" : "-") +
      ((v.flags & VM_EXEC) !== 0 ? "x" : "-") + (v.shared ? "s" : "p");
    let line = `${hex(v.start, 8)}-${hex(v.end, 8)} ${perms} ${hex(v.offset, 8)} ` +
      `${hex(devMajor(v.dev), 2)}:${hex(devMinor(v.dev), 2)} ${v.ino} `;
    if (v.name) line = line.padEnd(NAME_COLUMN, " ") + v.name;
    out += line + "\n";
  }
  return out;
}
