import { describe, expect, it } from 'vitest';
import { chunkJsonArray, utf8Length } from '../../../src/core/text/json-batches';

describe('utf8Length', () => {
  it('matches Node for ASCII, accents, CJK and emoji', () => {
    for (const s of ['', 'abc', 'clé sécrète', '秘密', 'key 🔑', '\u0000\u007f\u0080\u07ff\u0800\uffff']) {
      expect(utf8Length(s)).toBe(Buffer.byteLength(s, 'utf8'));
    }
  });
});

describe('chunkJsonArray', () => {
  const size = (items: unknown[]) => Buffer.byteLength(JSON.stringify(items), 'utf8');

  it('keeps every JSON array body within the limit, in order, losing nothing', () => {
    const items = Array.from({ length: 1000 }, (_, i) => ({ id: String(i), note: 'é'.repeat(i % 37) }));
    const chunks = chunkJsonArray(items, 2_000);
    expect(chunks.flat()).toEqual(items);
    for (const c of chunks) expect(size(c)).toBeLessThanOrEqual(2_000);
    // full: adding the next item would have broken the limit
    for (let i = 0; i < chunks.length - 1; i++) expect(size([...chunks[i], chunks[i + 1][0]])).toBeGreaterThan(2_000);
  });

  it('sizes what `body` gives, and puts an item too large on its own in a chunk of its own', () => {
    const items = [{ body: 'a' }, { body: 'x'.repeat(50) }, { body: 'b' }, { body: 'c' }];
    const chunks = chunkJsonArray(items, 20, (i) => i.body);
    expect(chunks).toEqual([[items[0]], [items[1]], [items[2], items[3]]]);
    expect(chunkJsonArray([], 10)).toEqual([]);
  });
});
