// The cgroup v2 hierarchy (kernel/cgroup/cgroup.c): paths from the root
// "/", each process belonging to exactly one. CPU time of processes that
// have exited is kept per cgroup so that cpu.stat stays cumulative.
export class CgroupTree {
  private readonly children = new Map<string, Set<string>>([["/", new Set()]]);
  /** Exited processes' user and system time per cgroup, in ns. */
  private readonly exitedUsage = new Map<string, { user: number; system: number }>();

  /** An object standing for the cgroup at `path` while it exists (a new one after rmdir and mkdir). */
  node(path: string): object | undefined {
    return this.children.get(path);
  }

  exists(path: string): boolean {
    return this.children.has(path);
  }

  childrenOf(path: string): string[] {
    return [...(this.children.get(path) ?? [])].sort();
  }

  static join(parent: string, name: string): string {
    return parent === "/" ? `/${name}` : `${parent}/${name}`;
  }

  /** mkdir: true when made, false when it already existed. */
  add(parent: string, name: string): boolean {
    const path = CgroupTree.join(parent, name);
    if (this.children.has(path)) return false;
    this.children.get(parent)?.add(path);
    this.children.set(path, new Set());
    return true;
  }

  remove(path: string): void {
    const parent = path.slice(0, path.lastIndexOf("/")) || "/";
    this.children.get(parent)?.delete(path);
    this.children.delete(path);
    this.exitedUsage.delete(path);
  }

  /** A process left: its time stays counted in its cgroup. */
  chargeExited(path: string, userNs: number, systemNs: number): void {
    const u = this.exitedUsage.get(path) ?? { user: 0, system: 0 };
    u.user += userNs;
    u.system += systemNs;
    this.exitedUsage.set(path, u);
  }

  exited(path: string): { user: number; system: number } {
    return this.exitedUsage.get(path) ?? { user: 0, system: 0 };
  }

  /** The path and every descendant (cgroup statistics are hierarchical). */
  subtree(path: string): string[] {
    const out = [path];
    for (const c of this.childrenOf(path)) out.push(...this.subtree(c));
    return out;
  }
}
