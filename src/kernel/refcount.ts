// Reference counts for objects that tasks share through clone flags (an
// address space with CLONE_VM, a file table with CLONE_FILES, a filesystem
// context with CLONE_FS, signal handlers with CLONE_SIGHAND).
export class RefCounts<T extends object> {
  private counts = new Map<T, number>();

  hold(x: T): void {
    this.counts.set(x, (this.counts.get(x) ?? 0) + 1);
  }

  /** Drops one reference; true when it was the last. */
  release(x: T): boolean {
    const n = (this.counts.get(x) ?? 1) - 1;
    if (n <= 0) {
      this.counts.delete(x);
      return true;
    }
    this.counts.set(x, n);
    return false;
  }

  users(x: T): number {
    return this.counts.get(x) ?? 0;
  }
}
