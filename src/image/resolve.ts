// Dependency closure over Depends and Pre-Depends. For each group the first
// alternative that exists is taken; a virtual name goes to a package that
// Provides it (one already chosen if any, else the first in the index).
import { ImageError } from "./errors.js";
import { dependenciesOf, type PackageRecord, type PackagesIndex } from "./packages-index.js";

export function resolvePackages(index: PackagesIndex, wanted: readonly string[], where: string): PackageRecord[] {
  const chosen = new Map<string, PackageRecord>();
  const visit = (name: string): void => {
    if (chosen.has(name)) return;
    const rec = index.packages.get(name) as PackageRecord;
    chosen.set(name, rec);
    for (const group of dependenciesOf(rec)) {
      const pick = pickAlternative(index, chosen, group);
      if (pick === undefined) {
        throw missing(`${group.join(" | ")} (needed by ${name})`, where);
      }
      visit(pick);
    }
  };
  for (const name of wanted) {
    const real = realName(index, chosen, name);
    if (real === undefined) throw missing(name, where);
    visit(real);
  }
  return [...chosen.values()];
}

function pickAlternative(
  index: PackagesIndex,
  chosen: ReadonlyMap<string, PackageRecord>,
  group: readonly string[],
): string | undefined {
  for (const alt of group) {
    const real = realName(index, chosen, alt);
    if (real !== undefined) return real;
  }
  return undefined;
}

function realName(index: PackagesIndex, chosen: ReadonlyMap<string, PackageRecord>, name: string): string | undefined {
  if (index.packages.has(name)) return name;
  const providers = index.providers.get(name) ?? [];
  return providers.find((p) => chosen.has(p)) ?? providers[0];
}

function missing(what: string, where: string): ImageError {
  return new ImageError("missing-package", `package ${what} is not in ${where}`);
}
