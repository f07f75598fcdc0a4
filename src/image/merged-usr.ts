// Debian trixie is merged-/usr: /bin, /sbin and /lib are symlinks into /usr.
// They are made before unpacking, so a package that still ships ./bin/foo
// lands in usr/bin/foo (resolveInRoot follows the link, as dpkg would).
import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";

export const MERGED_DIRS: readonly string[] = ["bin", "sbin", "lib"];

export function makeMergedUsr(root: string): void {
  for (const dir of MERGED_DIRS) {
    mkdirSync(join(root, "usr", dir), { recursive: true, mode: 0o755 });
    symlinkSync(`usr/${dir}`, join(root, dir));
  }
}
