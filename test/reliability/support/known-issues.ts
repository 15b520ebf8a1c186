import type { Rig } from './rig';

/**
 * Bugs these tests found and that are not fixed yet. Each would have a test marked `fails` that
 * reproduces it, and the report lists it. None is open: the two found in src/sync/push-tracking.ts
 * ("inflight-reapplied" and "fulfillment-after-label") are fixed and their tests are regressions now.
 */
export const KNOWN_ISSUES: Record<string, { title: string; where: string; detail: string; matches: (problem: string) => boolean }> = {};

export type KnownIssueId = string;

/**
 * Whether a stopped run left an in-flight shipment marker for a tracking number the saved record
 * already lists (the state that used to apply a shipment twice: regression "inflight-reapplied").
 */
export function inflightReappliedTrigger(rig: Rig): boolean {
  const markers: { dscoOrderId: string; tracking: string }[] = [];
  for (const [k, v] of Object.entries(rig.props())) {
    if (!k.startsWith('inflight.')) continue;
    try {
      markers.push(...(JSON.parse(v) as { dscoOrderId: string; tracking: string }[]));
    } catch {
      // not a marker list
    }
  }
  if (!markers.length) return false;
  const saved = new Map<string, string[]>();
  for (const row of rig.sim.readSheet('_Orders').slice(1)) {
    try {
      const r = JSON.parse(String(row[1])) as { dscoOrderId: string; tracking: string[] };
      saved.set(r.dscoOrderId, r.tracking);
    } catch {
      // not a record
    }
  }
  return markers.some((m) => saved.get(m.dscoOrderId)?.includes(m.tracking));
}

/** The matcher of a known issue, for expectRowsAgree / settleAndCheck. */
export function known(id: KnownIssueId): { id: string; matches: (problem: string) => boolean } {
  return { id, matches: KNOWN_ISSUES[id].matches };
}
