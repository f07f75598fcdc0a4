// The Debian archive signing keys shipped in the repository's keys/ folder.
// They are located relative to this module so both src/ (tsx) and dist/src/
// (compiled) layouts find them.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readKeys, type Key } from "openpgp";

export function shippedKeysDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, "keys");
    if (existsSync(join(dir, "package.json")) && existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error("cannot find the keys/ folder with the Debian archive keys");
}

/** Reads every binary (.gpg) or armored (.asc) key file in a folder. */
export async function loadKeyring(dir: string = shippedKeysDir()): Promise<Key[]> {
  const keys: Key[] = [];
  for (const file of readdirSync(dir).sort()) {
    const path = join(dir, file);
    if (file.endsWith(".gpg")) keys.push(...(await readKeys({ binaryKeys: readFileSync(path) })));
    else if (file.endsWith(".asc")) keys.push(...(await readKeys({ armoredKeys: readFileSync(path, "utf8") })));
  }
  return keys;
}

/** Keys given as armored text, as tests do with a throwaway key. */
export async function keysFromArmored(armored: readonly string[]): Promise<Key[]> {
  const keys: Key[] = [];
  for (const a of armored) keys.push(...(await readKeys({ armoredKeys: a })));
  return keys;
}
