// Parser for Debian's RFC822-like control format (Release, Packages): blank
// lines separate paragraphs, continuation lines start with a space or tab.
// It walks the text with indexOf instead of splitting it, because trixie's
// Packages index is over 50 MB and most of it (descriptions) is skipped.

export type Paragraph = Map<string, string>;

/** `keep` limits the fields stored, which matters for the 50 MB Packages index. */
export function parseDeb822(text: string, keep?: ReadonlySet<string>): Paragraph[] {
  const out: Paragraph[] = [];
  let cur: Paragraph = new Map();
  let lastKey: string | undefined;
  let pos = 0;
  while (pos < text.length) {
    let end = text.indexOf("\n", pos);
    if (end < 0) end = text.length;
    const first = text.charCodeAt(pos);
    if (first === 32 || first === 9) {
      // Continuation of the previous field.
      if (lastKey !== undefined) cur.set(lastKey, `${cur.get(lastKey) ?? ""}\n${text.slice(pos + 1, end)}`);
    } else if (end === pos || text.slice(pos, end).trim() === "") {
      if (cur.size > 0) out.push(cur);
      cur = new Map();
      lastKey = undefined;
    } else {
      lastKey = undefined;
      const colon = text.indexOf(":", pos);
      if (colon > pos && colon < end) {
        const key = text.slice(pos, colon);
        if (keep === undefined || keep.has(key)) {
          lastKey = key;
          cur.set(key, text.slice(colon + 1, end).trim());
        }
      }
    }
    pos = end + 1;
  }
  if (cur.size > 0) out.push(cur);
  return out;
}
