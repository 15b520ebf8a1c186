/**
 * V2 IDs are "se-" + the V1 number ("Always prepend se-" when migrating stored V1 IDs, V2's
 * legacy-migration guide), so the engine keeps numbers (ssOrderId) and this client adds or strips
 * the prefix. An ID of another form (C7 shows "SEAuto-…" on some labels' external IDs, never on
 * shipment IDs) is unknown: toV1Number gives 0 and the caller leaves that record out.
 */
export function toV2Id(n: number): string {
  return `se-${n}`;
}

export function toV1Number(id: unknown): number {
  const m = /^se-(\d{1,15})$/.exec(String(id ?? ''));
  return m ? Number(m[1]) : 0;
}
