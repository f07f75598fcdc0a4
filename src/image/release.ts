// InRelease: a clearsigned Release file. Only the text covered by a good
// signature from a trusted key is ever parsed, so a tampered file is refused.
import { readCleartextMessage, verify, type Key } from "openpgp";
import { parseDeb822 } from "./deb822.js";
import { ImageError } from "./errors.js";

export interface IndexEntry {
  readonly sha256: string;
  readonly size: number;
}

export interface Release {
  readonly suite: string;
  readonly codename: string;
  readonly acquireByHash: boolean;
  readonly validUntil: Date | undefined;
  readonly files: ReadonlyMap<string, IndexEntry>;
  /** Fingerprints of the trusted keys whose signatures verified. */
  readonly signedBy: readonly string[];
}

export interface Verified {
  readonly text: string;
  readonly signers: readonly string[];
}

export async function verifyInRelease(text: string, keys: readonly Key[], what: string): Promise<Verified> {
  let message;
  try {
    message = await readCleartextMessage({ cleartextMessage: text });
  } catch (e) {
    throw new ImageError("signature", `${what} is not a clearsigned OpenPGP message: ${errText(e)}`);
  }
  const result = await verify({ message, verificationKeys: [...keys] });
  const good = await goodSigners(result.signatures, keys);
  if (good.length === 0) {
    throw new ImageError(
      "signature",
      `${what}: no valid signature from a trusted Debian archive key; refusing it`,
      "the file was altered, or the mirror is not Debian's archive",
    );
  }
  return { text: result.data, signers: good };
}

type Sig = { keyID: { toHex(): string }; verified: Promise<true> };

async function goodSigners(signatures: readonly Sig[], keys: readonly Key[]): Promise<string[]> {
  const good: string[] = [];
  for (const s of signatures) {
    try {
      await s.verified;
      const hex = s.keyID.toHex();
      const key = keys.find((k) => k.getKeys().some((sub) => sub.getKeyID().toHex() === hex));
      good.push(key?.getFingerprint() ?? hex);
    } catch {
      // An unknown or bad signature alongside a good one is normal (old keys).
    }
  }
  return good;
}

export function parseRelease(signedText: string, signedBy: readonly string[]): Release {
  const para = parseDeb822(signedText)[0];
  if (para === undefined) throw new ImageError("format", "the Release file is empty");
  const files = new Map<string, IndexEntry>();
  for (const line of (para.get("SHA256") ?? "").split("\n")) {
    const [sha256, size, path] = line.trim().split(/\s+/);
    if (sha256 && size && path && /^[0-9a-f]{64}$/.test(sha256)) files.set(path, { sha256, size: Number(size) });
  }
  const vu = para.get("Valid-Until");
  return {
    suite: para.get("Suite") ?? "",
    codename: para.get("Codename") ?? "",
    acquireByHash: para.get("Acquire-By-Hash") === "yes",
    validUntil: vu !== undefined ? new Date(vu) : undefined,
    files,
    signedBy,
  };
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
