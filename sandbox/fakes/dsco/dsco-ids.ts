/** Deterministic identifier source, one per fake (so several fakes in one test process do not interfere). */
export interface DscoIds {
  orderId(): string;
  poNumber(): string;
  itemId(): string;
  packageId(): number;
  uuid(): string;
  token(): string;
  scrollId(): string;
}

export function createDscoIds(seed = 0x5eed): DscoIds {
  let state = seed >>> 0;
  const random = (): number => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const bytes = (n: number): Buffer => Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));
  const hex = (n: number): string => bytes(n).toString('hex');
  let order = 1026063900;
  let item = 1296623800;
  let pkg = 2026000000;
  let po = 75594000;
  return {
    // [observed] dscoOrderId / dscoItemId are digit strings in real data, e.g. "1026063942", "1296623851".
    orderId: () => String(++order),
    itemId: () => String(++item),
    packageId: () => ++pkg,
    // [observed] real PO numbers look like "BOX.75594056.69954666".
    poNumber: () => `BOX.${++po}.${Math.floor(10000000 + random() * 89999999)}`,
    uuid: () => {
      const h = hex(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
    // Opaque strings; [unknown] real format. JWT-like, as in the spec example "eyJz9sdfsdfsdfsd".
    token: () => `eyJ${bytes(24).toString('base64url')}`,
    // [unknown] real format. Standard base64 (may contain '+', '/', '='), so clients must URL-encode it.
    scrollId: () => bytes(30).toString('base64').slice(0, 39) + '=',
  };
}
