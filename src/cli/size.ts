// Sizes on the command line: bytes, or with a K/M/G suffix (powers of 1024).
const UNITS: Record<string, number> = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
const WASM_PAGE = 65536;
/** Guest RAM plus the kernel's 16 MiB must fit a 4 GiB wasm32 memory. */
const MAX_MEM = 4 * 1024 ** 3 - 16 * 1024 ** 2 - WASM_PAGE;

export function parseSize(s: string): number | string {
  const m = /^(\d+)([kKmMgG]?)[bB]?$/.exec(s.trim());
  if (!m) return `--mem ${s}: expected a size such as 512M or 1G`;
  const bytes = Number(m[1]) * UNITS[m[2].toLowerCase()];
  if (bytes < 16 * 1024 * 1024) return `--mem ${s}: at least 16M`;
  if (bytes > MAX_MEM) return `--mem ${s}: at most ${Math.floor(MAX_MEM / 1024 ** 2)}M`;
  return Math.floor(bytes / WASM_PAGE) * WASM_PAGE;
}
