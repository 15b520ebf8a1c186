/** application/x-www-form-urlencoded, as OAuth2 token endpoints expect. */
export function formEncode(fields: Record<string, string>): string {
  return Object.keys(fields)
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(fields[k]).replace(/%20/g, '+')}`)
    .join('&');
}

/** A query string; array values become repeated parameters (DSCO's `status=a&status=b`). */
export function queryString(params: Record<string, string | number | boolean | string[] | undefined>): string {
  const parts: string[] = [];
  for (const key of Object.keys(params)) {
    const value = params[key];
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`);
    }
  }
  return parts.length ? `?${parts.join('&')}` : '';
}
