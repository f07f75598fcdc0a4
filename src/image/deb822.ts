// Parser for Debian's RFC822-like control format (Release, Packages): blank
// lines separate paragraphs, continuation lines start with a space or tab.

export type Paragraph = Map<string, string>;

/** `keep` limits the fields stored, which matters for the 50 MB Packages index. */
export function parseDeb822(text: string, keep?: ReadonlySet<string>): Paragraph[] {
  const out: Paragraph[] = [];
  let cur: Paragraph = new Map();
  let lastKey: string | undefined;
  for (const line of text.split("\n")) {
    if (line.trim() === "") {
      if (cur.size > 0) out.push(cur);
      cur = new Map();
      lastKey = undefined;
    } else if (line[0] === " " || line[0] === "\t") {
      if (lastKey !== undefined) cur.set(lastKey, `${cur.get(lastKey) ?? ""}\n${line.slice(1)}`);
    } else {
      const colon = line.indexOf(":");
      if (colon <= 0) continue;
      const key = line.slice(0, colon);
      lastKey = keep === undefined || keep.has(key) ? key : undefined;
      if (lastKey !== undefined) cur.set(lastKey, line.slice(colon + 1).trim());
    }
  }
  if (cur.size > 0) out.push(cur);
  return out;
}
