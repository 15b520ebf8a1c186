import { errorMessage, isRunLevel } from '../core/errors';
import { HOUR_MS } from '../core/time/durations';
import { describeChangeLogResults } from '../dsco/describe-change-log-results';
import type { DscoChangeLogEntry } from '../dsco/dsco-types';
import type { CycleContext } from '../sync/cycle/cycle-context';
import type { InventoryLedger, InventoryState } from './inventory-ledger';
import { inventoryKey } from './inventory-line';

/** An update DSCO has not finished after this long is sent again (quantities are absolute: a resend is harmless). */
export const INVENTORY_PENDING_GIVE_UP_MS = 6 * HOUR_MS;

/** Reads the outcome of the updates sent earlier from DSCO's inventory change log. */
export function confirmPending(ctx: CycleContext, ledger: InventoryLedger): { accepted: number; refused: string[] } {
  const out = { accepted: 0, refused: [] as string[] };
  const byRequest = new Map<string, InventoryState[]>();
  for (const s of ledger.all()) if (s.requestId) (byRequest.get(s.requestId) ?? byRequest.set(s.requestId, []).get(s.requestId)!).push(s);
  for (const [requestId, states] of byRequest) {
    if (ctx.budget.expired()) break;
    let log;
    try {
      log = ctx.dsco.getInventoryLog(requestId);
    } catch (e) {
      if (isRunLevel(e)) throw e;
      ctx.log.warn('', '', `Inventory: could not read DSCO's change log yet (${errorMessage(e)}); the next sync tries again.`);
      continue;
    }
    const entries = new Map<string, DscoChangeLogEntry>();
    for (const e of log.logs) {
      const p = e.payload as { sku?: unknown; warehouses?: { code?: unknown }[] } | undefined;
      if (p && typeof p.sku === 'string') entries.set(inventoryKey({ sku: p.sku, warehouse: String(p.warehouses?.[0]?.code ?? '') }), e);
    }
    const now = ctx.clock.now();
    for (const s of states) {
      const entry = entries.get(inventoryKey(s));
      if (entry?.status === 'success') {
        s.accepted = s.pending;
        s.acceptedAt = s.pendingAt;
        delete s.refused;
        delete s.refusedReason;
        out.accepted++;
      } else if (entry?.status === 'failure') {
        s.refused = s.pending;
        s.refusedReason = ctx.redact(describeChangeLogResults(entry)).slice(0, 500);
        out.refused.push(s.sku);
      } else if (log.status !== 'COMPLETED' && now - (s.pendingAt ?? 0) < INVENTORY_PENDING_GIVE_UP_MS) {
        continue; // still processing
      }
      // Done (or, finished without a word about this item, or not finished for hours: sent again).
      delete s.requestId;
      delete s.pending;
      delete s.pendingAt;
    }
  }
  return out;
}
