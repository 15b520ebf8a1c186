import type { SimClock } from '../../clock';

/**
 * Scroll paging as the spec describes it for GET /order/page and GET /order/log: the first call takes a snapshot;
 * "To get the next page of results, simply provide this value [scrollId] in the search query. When an empty page of
 * results is returned, there are no more pages. The pages of results are cached and expire if the next page of
 * results isn't retrieved within [...] five minutes. This value will not change between requests to get pages. If the
 * page doesn't exist (perhaps it expired), the API will return an HTTP 404 error."
 */
export interface ScrollStore<T> {
  /** Snapshot `items` and return the scrollId plus the first page. */
  open(items: T[], pageSize: number): { scrollId: string; page: T[] };
  /** Next page, or undefined when the scrollId is unknown or expired (→ 404). */
  next(scrollId: string): T[] | undefined;
}

export const SCROLL_TTL_MS = 5 * 60_000;

export function createScrollStore<T>(clock: SimClock, newId: () => string, ttlMs = SCROLL_TTL_MS): ScrollStore<T> {
  const scrolls = new Map<string, { items: T[]; pos: number; pageSize: number; lastAccess: number }>();
  const take = (id: string): T[] | undefined => {
    const s = scrolls.get(id);
    if (!s) return undefined;
    const now = clock.now();
    if (now - s.lastAccess > ttlMs) {
      scrolls.delete(id);
      return undefined;
    }
    s.lastAccess = now;
    const page = s.items.slice(s.pos, s.pos + s.pageSize);
    s.pos += page.length;
    return page;
  };
  return {
    open(items, pageSize) {
      const scrollId = newId();
      scrolls.set(scrollId, { items, pos: 0, pageSize, lastAccess: clock.now() });
      return { scrollId, page: take(scrollId) as T[] };
    },
    next: take,
  };
}
