import { invalidRequest } from './ss-errors';
import { parsePacific } from './ss-pacific-time';

/**
 * Query-string binding as ASP.NET Web API does it: parameter names are case-insensitive (webhook resource_urls use
 * `storeID`), an empty value means "not given" (notes §5: empty orderStatus = all statuses), and a value that does
 * not convert gives 400 with ModelState keyed by the parameter name.
 */
export type Query = Record<string, string>;

export function param(q: Query, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(q)) {
    if (k.toLowerCase() === lower) return v.trim() === '' ? undefined : v.trim();
  }
  return undefined;
}

const notValid = (name: string, value: string) =>
  invalidRequest({ [name]: [`The value '${value}' is not valid for ${name}.`] });

export function intParam(q: Query, name: string): number | undefined {
  const v = param(q, name);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v)) throw notValid(name, v);
  return Number(v);
}

export function boolParam(q: Query, name: string): boolean | undefined {
  const v = param(q, name);
  if (v === undefined) return undefined;
  if (/^true$/i.test(v)) return true;
  if (/^false$/i.test(v)) return false;
  throw notValid(name, v);
}

/** Enum values bind case-insensitively; returns the canonical spelling. */
export function enumParam<T extends string>(q: Query, name: string, values: readonly T[]): T | undefined {
  const v = param(q, name);
  if (v === undefined) return undefined;
  const hit = values.find((x) => x.toLowerCase() === v.toLowerCase());
  if (!hit) throw notValid(name, v);
  return hit;
}

/** A date-time filter in Pacific local time → epoch ms. A date alone means Pacific midnight. */
export function dateTimeParam(q: Query, name: string): number | undefined {
  const v = param(q, name);
  if (v === undefined) return undefined;
  const p = parsePacific(v);
  if (!p) throw notValid(name, v);
  return p.instant;
}

/** A date filter (shipDateStart/End) → the Pacific calendar date `yyyy-mm-dd`; a time part, if any, is dropped. */
export function dateParam(q: Query, name: string): string | undefined {
  const v = param(q, name);
  if (v === undefined) return undefined;
  const p = parsePacific(v);
  if (!p) throw notValid(name, v);
  return p.date;
}

export interface Paging {
  page: number;
  pageSize: number;
}

/**
 * page defaults to 1, pageSize to 100. pageSize above 500 is refused with 400: the orders and fulfillments docs say
 * "Max value is 500" / range 1..500; what the real server does beyond it is [unknown], and refusing is the strict
 * choice. The same limit is applied to /shipments ([inferred], notes §7a).
 */
export function pagingParams(q: Query): Paging {
  const page = intParam(q, 'page') ?? 1;
  const pageSize = intParam(q, 'pageSize') ?? 100;
  if (page < 1) throw notValid('page', String(page));
  if (pageSize < 1 || pageSize > 500) {
    throw invalidRequest({ pageSize: [`The field pageSize must be between 1 and 500.`] });
  }
  return { page, pageSize };
}

/** `pages` = ceil(total / pageSize) (0 when there is nothing); a page past the end is empty. */
export function paginate<T>(items: T[], p: Paging): { items: T[]; total: number; page: number; pages: number } {
  const start = (p.page - 1) * p.pageSize;
  return {
    items: items.slice(start, start + p.pageSize),
    total: items.length,
    page: p.page,
    pages: Math.ceil(items.length / p.pageSize),
  };
}

export type SortDir = 'ASC' | 'DESC';

/** Stable sort by key then by id (both ascending), reversed for DESC. */
export function sortBy<T>(items: T[], key: (x: T) => number | string, id: (x: T) => number, dir: SortDir): T[] {
  const sign = dir === 'DESC' ? -1 : 1;
  return [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka < kb) return -sign;
    if (ka > kb) return sign;
    return sign * (id(a) - id(b));
  });
}
