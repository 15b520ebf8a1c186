/** UTF-8 length of a string, without encoding it. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4; // a surrogate pair: one 4-byte character
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Splits items into groups whose JSON array body (of `body(item)` each) stays within `maxBytes` of
 * UTF-8 (DSCO's batch endpoints take up to 5 MB). An item too large on its own gets a group of its own.
 */
export function chunkJsonArray<T>(items: readonly T[], maxBytes: number, body: (item: T) => unknown = (item) => item): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let size = 2; // the brackets
  for (const item of items) {
    const bytes = utf8Length(JSON.stringify(body(item)));
    if (current.length && size + 1 + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = 2;
    }
    size += (current.length ? 1 : 0) + bytes; // a comma before every item but the first
    current.push(item);
  }
  if (current.length) chunks.push(current);
  return chunks;
}
