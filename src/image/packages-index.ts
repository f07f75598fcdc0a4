// The Packages index of one component and architecture: what each package
// needs, what it provides, where its .deb is and its SHA256.
import { parseDeb822 } from "./deb822.js";
import { parseDepends, parseProvides, type Alternatives } from "./depends.js";

export interface PackageRecord {
  readonly name: string;
  readonly version: string;
  readonly architecture: string;
  readonly filename: string;
  readonly size: number;
  readonly sha256: string;
  /** Raw Pre-Depends and Depends fields; parsed only for chosen packages. */
  readonly preDependsField: string | undefined;
  readonly dependsField: string | undefined;
  readonly essential: boolean;
}

export interface PackagesIndex {
  readonly packages: ReadonlyMap<string, PackageRecord>;
  /** Virtual package name → real packages that provide it, in index order. */
  readonly providers: ReadonlyMap<string, readonly string[]>;
}

const FIELDS = new Set([
  "Package", "Version", "Architecture", "Filename", "Size", "SHA256",
  "Depends", "Pre-Depends", "Provides", "Essential",
]);

export function parsePackagesIndex(text: string, arch: string): PackagesIndex {
  const packages = new Map<string, PackageRecord>();
  const providers = new Map<string, string[]>();
  for (const p of parseDeb822(text, FIELDS)) {
    const rec = toRecord(p);
    if (rec === undefined || (rec.architecture !== arch && rec.architecture !== "all")) continue;
    if (packages.has(rec.name)) continue;
    packages.set(rec.name, rec);
    const provides = p.get("Provides");
    if (provides === undefined) continue;
    for (const v of parseProvides(provides)) {
      const list = providers.get(v) ?? [];
      list.push(rec.name);
      providers.set(v, list);
    }
  }
  return { packages, providers };
}

function toRecord(p: Map<string, string>): PackageRecord | undefined {
  const name = p.get("Package");
  const filename = p.get("Filename");
  const sha256 = p.get("SHA256");
  if (name === undefined || filename === undefined || sha256 === undefined) return undefined;
  return {
    name,
    version: p.get("Version") ?? "",
    architecture: p.get("Architecture") ?? "",
    filename,
    size: Number(p.get("Size") ?? "0"),
    sha256,
    preDependsField: p.get("Pre-Depends"),
    dependsField: p.get("Depends"),
    essential: p.get("Essential") === "yes",
  };
}

/** Pre-Depends first: they must be there before the package itself. */
export function dependenciesOf(rec: PackageRecord): Alternatives[] {
  return [...parseDepends(rec.preDependsField), ...parseDepends(rec.dependsField)];
}
