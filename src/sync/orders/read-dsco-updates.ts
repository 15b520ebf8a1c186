import { DAY_MS } from '../../core/time/durations';
import { DSCO_UPDATES_OVERLAP_MS, UNTIL_LAG_MS } from '../../dsco/dsco-consistency';
import { absorbAndReport } from './absorb-dsco-order';
import { type CycleContext, isoSeconds } from '../cycle/cycle-context';

/**
 * DSCO orders updated since the last read, reaching back DSCO_UPDATES_OVERLAP_MS before it: each
 * known order's record absorbs DSCO's view (cancellations, cancel requests, address corrections,
 * shipments made elsewhere). Nothing is sent here; carryOutNeeds acts on what the records now
 * need. Returns the new watermark: the newest dscoLastUpdate seen.
 */
export function readDscoUpdates(ctx: CycleContext): number {
  const now = ctx.clock.now();
  const since = ctx.watermarks.get('dscoUpdates') ?? now - ctx.settings.lookbackDays * DAY_MS;
  let newest = since;
  ctx.dsco.forEachOrderPage(
    { updatedSince: isoSeconds(Math.max(0, since - DSCO_UPDATES_OVERLAP_MS)), until: isoSeconds(now - UNTIL_LAG_MS), includeTestOrders: ctx.settings.includeTestOrders },
    (orders) => {
      for (const order of orders) {
        const updated = Date.parse(String(order.dscoLastUpdate ?? ''));
        if (Number.isFinite(updated)) newest = Math.max(newest, Math.min(updated, now - UNTIL_LAG_MS));
        const id = String(order.dscoOrderId);
        const seen = ctx.book.peek(id);
        if (!seen) continue;
        // The overlap re-reads orders already absorbed: the same version (same dscoLastUpdate) has
        // nothing new, and the record is not touched. Reads by ID (the sweep) always absorb: a
        // change that does not move dscoLastUpdate is not ruled out by DSCO's documentation.
        const version = String(order.dscoLastUpdate ?? '');
        if (version && seen.dscoLastUpdate === version) continue;
        const record = ctx.book.get(id)!;
        absorbAndReport(ctx, record, order);
        if (version) record.dscoLastUpdate = version;
      }
      return !ctx.budget.expired();
    },
  );
  return newest;
}
