// Dependency fields (Depends, Pre-Depends): comma-separated groups of
// `|`-separated alternatives, each "name[:arch] [(op version)] [arch list]".
// Versions are not compared: a suite's index has one version of each package.

export type Alternatives = readonly string[];

export function parseDepends(field: string | undefined): Alternatives[] {
  if (field === undefined || field.trim() === "") return [];
  return field.split(",").map((group) =>
    group
      .split("|")
      .map(depName)
      .filter((n) => n !== ""),
  ).filter((g) => g.length > 0);
}

/** "libc6:any (>= 2.38) [riscv64]" → "libc6". */
function depName(alt: string): string {
  const name = alt.trim().split(/[\s([<]/)[0] ?? "";
  return name.split(":")[0] ?? "";
}

/** Provides lists names, maybe with "(= version)"; versions are dropped. */
export function parseProvides(field: string | undefined): string[] {
  if (field === undefined) return [];
  return field.split(",").map(depName).filter((n) => n !== "");
}
