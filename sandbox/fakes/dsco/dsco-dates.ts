/** Dates as DSCO writes them in real data: ISO 8601, `+00:00` offset, no milliseconds (notes dsco-api.md §0 [observed]). */
export function toDscoDate(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', '+00:00');
}
